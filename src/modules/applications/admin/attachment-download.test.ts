/**
 * Staff download of an application's attachment (every dialect): those allowed to see the applicant's data
 * get the exact original bytes with the stored name, type and no-store headers, and an audit event with ids
 * only; other staff of the agency, another agency's staff and the public are refused without bytes; a
 * case/attachment pair that does not match is 404; a tampered sealed file is the clear 422 page, no bytes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { MZ } from '../../publications/publications.fixtures.js';
import { ctxOf, onlineForm } from '../applications.fixtures.js';
import { claimCase } from '../commands/assign.js';
import { confirmReceipt } from '../commands/receipt.js';
import { submitOnline } from '../commands/submit-online.js';
import { sealedPath, TAMPERED_MESSAGE } from '../sealed-files.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
// A second, larger file: a PNG signature followed by varied bytes (sniffed as PNG, several cipher blocks).
const BIG = Buffer.concat([PNG, Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) % 256))]);
const NAME = '身份证明 正面.png';

for (const dialect of dialects) {
  describe(`attachment download by staff [${dialect}]`, () => {
    let t: TestApp;
    const c: Record<string, Client> = {};
    let caseId = '';
    let trackingNo = '';
    let identityId = '';
    let supportingId = '';
    let otherCaseId = '';
    const as = async (u: string) => {
      c[u] ??= await t.login(u);
      return c[u]!;
    };
    const get = async (u: string, url: string) => (await as(u)).inject({ url });
    const url = (cid: string, aid: string) => `/admin/applications/cases/${cid}/attachments/${aid}`;
    const downloads = () =>
      t.handle.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'application.attachment_download')
        .where('target_id', '=', caseId)
        .execute();

    beforeAll(async () => {
      t = await testApp(dialect);
      const r = await submitOnline(t.services, t.agencies[MZ]!, onlineForm(), [
        { fileName: NAME, bytes: PNG, purpose: 'identity' },
        { fileName: '证明材料.png', bytes: BIG, purpose: 'supporting' },
      ]);
      caseId = r.case.id;
      trackingNo = r.trackingNo;
      await confirmReceipt(await ctxOf(t, 'mz.handler'), caseId);
      await claimCase(await ctxOf(t, 'mz.handler'), caseId);
      const rows = await t.handle.db
        .selectFrom('application_attachments')
        .select(['id', 'purpose'])
        .where('case_id', '=', caseId)
        .execute();
      identityId = rows.find((x) => x.purpose === 'identity')!.id;
      supportingId = rows.find((x) => x.purpose === 'supporting')!.id;
      otherCaseId = (await submitOnline(t.services, t.agencies[MZ]!, onlineForm())).case.id;
    });
    afterAll(async () => t?.close());

    it('allowed staff get the exact original bytes with the stored name and type, audited with ids only', async () => {
      const before = (await downloads()).length;
      const res = await get('mz.handler', url(caseId, identityId));
      expect(res.statusCode).toBe(200);
      expect(Buffer.compare(res.rawPayload, PNG)).toBe(0);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="____ __.png"; filename*=UTF-8''${encodeURIComponent(NAME)}`,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');

      const big = await get('city.supervisor', url(caseId, supportingId));
      expect(big.statusCode).toBe(200);
      expect(Buffer.compare(big.rawPayload, BIG)).toBe(0);
      expect(Number(big.headers['content-length'])).toBe(BIG.length);

      const events = await downloads();
      expect(events.length).toBe(before + 2);
      const mine = events.find((e) => e.after_json?.includes(identityId));
      expect(mine?.actor_id).toBe(t.users['mz.handler']);
      expect(JSON.parse(mine!.after_json!)).toEqual({
        trackingNo,
        attachmentId: identityId,
        purpose: 'identity',
      });
      expect(JSON.stringify(events)).not.toContain('身份证明 正面');
    });

    it('the case page links each attachment for those allowed, lists it only for the others', async () => {
      const page = await get('mz.handler', `/admin/applications/cases/${caseId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`href="${url(caseId, identityId)}"`);
      expect(page.body).toContain(`href="${url(caseId, supportingId)}"`);
      expect(page.body).not.toContain(NAME);
      const admin = await get('mz.admin', `/admin/applications/cases/${caseId}`);
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain('申请材料');
      expect(admin.body).not.toContain(`/attachments/${identityId}`);
    });

    it('other staff of the agency, another agency and the public are refused without bytes or audit', async () => {
      const before = (await downloads()).length;
      for (const u of ['mz.admin', 'mz.editor', 'qh.editor', 'county.supervisor']) {
        const res = await get(u, url(caseId, identityId));
        expect([403, 404], u).toContain(res.statusCode);
        expect(res.rawPayload.includes(PNG), u).toBe(false);
      }
      expect((await get('mz.admin', url(caseId, identityId))).statusCode).toBe(403);
      const anonymous = await t.app.inject({ url: url(caseId, identityId) });
      expect(anonymous.statusCode).not.toBe(200);
      expect(anonymous.rawPayload.includes(PNG)).toBe(false);
      expect((await downloads()).length).toBe(before);
    });

    it('a case/attachment pair that does not match is 404', async () => {
      const res = await get('mz.office', url(otherCaseId, identityId));
      expect(res.statusCode).toBe(404);
      expect(res.rawPayload.includes(PNG)).toBe(false);
      expect((await get('mz.office', url(caseId, 'no-such-attachment'))).statusCode).toBe(404);
    });

    it('a tampered file gives the clear 422 page and no bytes', async () => {
      const before = (await downloads()).length;
      const file = sealedPath(t.services.config.dataDir, 'attachment', supportingId);
      const sealed = await readFile(file);
      const altered = Buffer.from(sealed);
      altered[100] = altered[100]! ^ 0x01;
      await writeFile(file, altered);
      try {
        const res = await get('mz.handler', url(caseId, supportingId));
        expect(res.statusCode).toBe(422);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.body).toContain(TAMPERED_MESSAGE);
        expect(res.headers['content-disposition']).toBeUndefined();
        expect(res.rawPayload.includes(BIG.subarray(PNG.length, PNG.length + 64))).toBe(false);
        expect((await downloads()).length).toBe(before);
      } finally {
        await writeFile(file, sealed);
      }
      expect((await get('mz.handler', url(caseId, supportingId))).statusCode).toBe(200);
    });
  });
}
