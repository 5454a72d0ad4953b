/**
 * The JSON API of applications on every dialect: the form's token and key, a multipart submission with a
 * PDF (201; the same form again → 200 with the same body; other content → 409), the lookup (no-store, the
 * request and the attachments' SHA-256), CSRF, field messages, file limits, rate limits, and the settling
 * of files a crashed submission left staged.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { sealedSize } from '../../../platform/crypto/file-cipher.js';
import { textPdf } from '../../checks/test-files.fixture.js';
import { filePath, sha256Of } from '../../publications/files.js';
import { onlineForm, PERSON } from '../applications.fixtures.js';
import { ensureStored, readAttachment, recoverStagedUploads, stageUploads } from '../attachments.js';
import { fileCipher, sealedAad, sealedPath } from '../sealed-files.js';

interface FileField {
  field: string;
  name: string;
  bytes: Uint8Array;
}

function multipart(values: Record<string, unknown>, files: FileField[] = []): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values))
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined) fd.append(k, String(x));
  for (const f of files)
    fd.append(f.field, new Blob([Buffer.from(f.bytes)], { type: 'application/pdf' }), f.name);
  return fd;
}

/** As attachments.ts names this machine in staging folders. */
const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'host';

const cookieOf = (res: LightMyRequestResponse) =>
  [res.headers['set-cookie']]
    .flat()
    .filter(Boolean)
    .map((c) => String(c).split(';')[0])
    .join('; ');

async function newForm(t: TestApp) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/applications/form' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  const body = res.json();
  return { cookie: cookieOf(res), csrf: body.csrfToken as string, key: body.idempotencyKey as string };
}

function submit(
  t: TestApp,
  auth: { cookie: string; csrf: string },
  values: Record<string, unknown>,
  files: FileField[] = [],
  ip = '10.0.0.1',
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    remoteAddress: ip,
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf },
    payload: multipart(values, files),
  });
}

function lookup(t: TestApp, trackingNo: string, queryCode: string, ip = '10.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/applications/lookup',
    remoteAddress: ip,
    payload: { trackingNo, queryCode },
  });
}

const fieldsOf = (res: LightMyRequestResponse) =>
  Object.fromEntries(
    (res.json().error.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]),
  );

for (const dialect of dialects) {
  describe(`applications JSON API [${dialect}]`, () => {
    let t: TestApp;
    let agencyCode: string;
    beforeAll(async () => {
      t = await testApp(dialect);
      const row = await t.services.db
        .selectFrom('agencies')
        .select('code')
        .where('name', '=', '示例市民政局')
        .executeTakeFirstOrThrow();
      agencyCode = row.code;
    });
    afterAll(async () => t?.close());

    it('submits a form with a PDF, replays it idempotently, and looks it up', async () => {
      const f = await newForm(t);
      const pdf = textPdf([['身份证明', `MARKER-${f.key}`]]);
      const values: Record<string, unknown> = {
        ...onlineForm({ idempotencyKey: f.key }),
        agency: agencyCode,
      };
      const files = [{ field: 'identityFiles', name: '身份证.pdf', bytes: pdf }];
      const first = await submit(t, f, values, files);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers['cache-control']).toBe('no-store');
      const r = first.json();
      expect(r).toMatchObject({
        trackingNo: expect.stringMatching(/^[A-Z]+-2026-\d{6}$/),
        queryCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
        created: true,
        agency: { code: agencyCode, name: '示例市民政局' },
        submittedOn: '2026-03-02',
        status: '已提交，待受理机关确认',
        request: {
          description: values.infoDescription,
          title: values.infoTitle,
          forms: ['paper', 'email'],
          deliveryMethods: ['post', 'email'],
        },
        attachments: [
          {
            fileName: '身份证.pdf',
            purpose: 'identity',
            type: 'pdf',
            size: pdf.length,
            sha256: sha256Of(pdf),
          },
        ],
      });
      // The answer reveals no personal data; the file is sealed in the applications' store (its content, e.g.
      // the marker, not on disk; nothing in the publications' files/), nothing is left staged.
      for (const v of Object.values(PERSON)) expect(first.body).not.toContain(v);
      const att = await t.services.db
        .selectFrom('application_attachments as a')
        .innerJoin('application_cases as c', 'c.id', 'a.case_id')
        .select(['a.id', 'a.case_id'])
        .where('c.tracking_no', '=', r.trackingNo)
        .executeTakeFirstOrThrow();
      const onDisk = readFileSync(sealedPath(t.services.config.dataDir, 'attachment', att.id));
      expect(onDisk.length).toBe(sealedSize(pdf.length));
      expect(Buffer.from(pdf).includes(`MARKER-${f.key}`)).toBe(true);
      expect(onDisk.includes(`MARKER-${f.key}`)).toBe(false);
      expect(onDisk.includes('%PDF-')).toBe(false);
      expect(() => statSync(filePath(t.services.config.dataDir, sha256Of(pdf)))).toThrow();
      expect((await readAttachment(t.services, att.case_id, att.id)).bytes.equals(Buffer.from(pdf))).toBe(
        true,
      );

      const again = await submit(t, f, values, files);
      expect(again.statusCode).toBe(200);
      expect({ ...again.json(), created: true }).toEqual(r);

      const other = await submit(
        t,
        f,
        { ...values, infoDescription: '另外的内容描述，与第一次不同。' },
        files,
      );
      expect(other.statusCode).toBe(409);
      expect(fieldsOf(other)).toEqual({ idempotencyKey: '此表单已提交过，请刷新页面后重新填写' });

      const seen = await lookup(t, r.trackingNo.toLowerCase(), r.queryCode.replace(/-/g, ' '));
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.headers['cache-control']).toBe('no-store');
      expect(seen.json()).toMatchObject({
        trackingNo: r.trackingNo,
        agencyName: '示例市民政局',
        status: '已提交，待受理机关确认',
        request: r.request,
        attachments: r.attachments,
        canWithdraw: true,
      });
      for (const v of Object.values(PERSON)) expect(seen.body).not.toContain(v);
      const wrong = await lookup(t, r.trackingNo, 'AAAA-AAAA-AAAA');
      expect(wrong.statusCode).toBe(404);
      expect(wrong.json().error.message).toBe('申请编号或查询码不正确，请核对后重试。');
      const missing = await lookup(t, '', '');
      expect(fieldsOf(missing)).toEqual({ trackingNo: '请填写申请编号', queryCode: '请填写查询码' });
    });

    it('refuses a submission without the CSRF token, and a lookup that is not JSON', async () => {
      const f = await newForm(t);
      const values = { ...onlineForm({ idempotencyKey: f.key }), agency: agencyCode };
      const noToken = await submit(t, { cookie: f.cookie, csrf: '' }, values);
      expect([noToken.statusCode, noToken.json().error.code]).toEqual([403, 'csrf_failed']);
      const noCookie = await submit(t, { cookie: '', csrf: f.csrf }, values);
      expect(noCookie.statusCode).toBe(403);
      const asForm = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications/lookup',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'trackingNo=X&queryCode=Y',
      });
      expect(asForm.statusCode).toBe(403);
      // _csrf as a form field works like the header.
      const field = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        remoteAddress: '10.0.0.2',
        headers: { cookie: f.cookie },
        payload: multipart({ ...values, _csrf: f.csrf }),
      });
      expect(field.statusCode, field.body).toBe(201);
    });

    it('names every field at fault in Chinese, the agency and the files among them', async () => {
      const f = await newForm(t);
      const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
      const res = await submit(
        t,
        f,
        { agency: 'NOPE', idempotencyKey: 'short', applicantKind: 'person', phone: '12' },
        [
          { field: 'selfie', name: 'a.pdf', bytes: textPdf([['x']]) },
          { field: 'supporting', name: '程序.pdf', bytes: exe },
        ],
        '10.0.0.3',
      );
      expect(res.statusCode).toBe(400);
      const fields = fieldsOf(res);
      expect(fields).toMatchObject({
        agency: '受理机关（agency）“NOPE”不存在或已撤销',
        selfie: expect.stringContaining('附件“a.pdf”所在的字段“selfie”无效'),
        name: '请填写申请人姓名',
        infoDescription: '请填写所需信息的内容描述',
        privacyConsent: '请阅读并同意个人信息保护说明',
        idempotencyKey: '表单标识无效，请刷新页面后重新提交',
      });
      expect(fields.agencyId).toBeUndefined();
      // With the rest right, the file's type is refused by content.
      const typed = await submit(
        t,
        f,
        { ...onlineForm({ idempotencyKey: f.key }), agency: agencyCode },
        [{ field: 'supporting', name: '程序.pdf', bytes: exe }],
        '10.0.0.3',
      );
      expect(typed.statusCode).toBe(400);
      expect(fieldsOf(typed)['attachments.0']).toContain('附件“程序.pdf”不是可接受的文件类型');
      // Over 10 MB: cut off while it streams, named.
      const big = new Uint8Array(10 * 1024 * 1024 + 10);
      big.set(new TextEncoder().encode('%PDF-1.4\n'));
      const large = await submit(
        t,
        f,
        { ...onlineForm({ idempotencyKey: f.key }), agency: agencyCode },
        [{ field: 'supporting', name: '大文件.pdf', bytes: big }],
        '10.0.0.3',
      );
      expect(large.statusCode).toBe(400);
      expect(fieldsOf(large)).toEqual({ supporting: '附件“大文件.pdf”超过10 MB，不能上传' });
      // Eleven files.
      const many = await submit(
        t,
        f,
        { ...onlineForm({ idempotencyKey: f.key }), agency: agencyCode },
        Array.from({ length: 11 }, (_, i) => ({
          field: 'supporting',
          name: `${i}.pdf`,
          bytes: textPdf([[`${i}`]]),
        })),
        '10.0.0.3',
      );
      expect(many.statusCode).toBe(400);
      expect(fieldsOf(many)).toEqual({ attachments: '附件不能超过10个' });
      // A malformed body is the client's error, not a 500.
      const broken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        remoteAddress: '10.0.0.3',
        headers: {
          cookie: f.cookie,
          'x-csrf-token': f.csrf,
          'content-type': 'multipart/form-data; boundary=XYZ',
        },
        payload: '--XYZ\r\nContent-Disposition: form-data; name="agency"\r\n\r\nabc',
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error.code).toBe('validation_failed');
    });

    it('settles staged files: promotes what a case references, removes the rest', async () => {
      const dataDir = t.services.config.dataDir;
      const stored = (id: string) => sealedPath(dataDir, 'attachment', id);
      const cipher = fileCipher(t.services.config);
      const seal = (id: string, bytes: Uint8Array) => cipher.seal(bytes, sealedAad('attachment', id));
      const caseRow = await t.services.db
        .selectFrom('application_cases')
        .select('id')
        .executeTakeFirstOrThrow();
      const addRow = (id: string, bytes: Uint8Array, sortOrder: number) =>
        t.services.db
          .insertInto('application_attachments')
          .values({
            id,
            case_id: caseRow.id,
            purpose: 'supporting',
            sha256: sha256Of(bytes),
            file_name: 'k.pdf',
            type: 'pdf',
            size: bytes.length,
            sort_order: sortOrder,
            uploaded_by: null,
            uploaded_at: new Date().toISOString(),
          })
          .execute();
      // A process that died (no such pid) left staged files, each sealed for its row: one whose row
      // committed, one whose row did not, and one whose row committed but that was cut short.
      const dead = path.join(dataDir, 'incoming', `2147483646_deadbeef_${HOST}`);
      mkdirSync(dead, { recursive: true });
      const kept = textPdf([[`已提交 ${dialect} ${Date.now()}`]]);
      const lost = textPdf([[`未提交 ${dialect} ${Date.now()}`]]);
      const [keptId, lostId, cutId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      await addRow(keptId, kept, 99);
      await addRow(cutId, kept, 98);
      writeFileSync(path.join(dead, keptId), seal(keptId, kept));
      writeFileSync(path.join(dead, lostId), seal(lostId, lost));
      writeFileSync(path.join(dead, cutId), seal(cutId, kept).subarray(0, 100));
      // …and one an earlier install left (in clear, named by its SHA-256), whose row committed.
      const old = textPdf([[`旧版暂存 ${dialect} ${Date.now()}`]]);
      await addRow(crypto.randomUUID(), old, 97);
      writeFileSync(path.join(dead, `${crypto.randomUUID()}-${sha256Of(old)}`), old);
      // A live process's fresh staged file is left alone.
      const live = path.join(dataDir, 'incoming', `${process.ppid}_00_${HOST}`);
      mkdirSync(live, { recursive: true });
      writeFileSync(path.join(live, lostId), seal(lostId, lost));
      const r = await recoverStagedUploads(t.services.db, dataDir);
      expect(r).toEqual({ promoted: 2, removed: 2 });
      expect(statSync(stored(keptId)).size).toBe(sealedSize(kept.length));
      expect((await readAttachment(t.services, caseRow.id, keptId)).bytes.equals(Buffer.from(kept))).toBe(
        true,
      );
      expect(() => statSync(stored(lostId))).toThrow();
      expect(() => statSync(stored(cutId))).toThrow();
      expect(readFileSync(filePath(dataDir, sha256Of(old))).equals(Buffer.from(old))).toBe(true);
      expect(readdirSync(path.join(dataDir, 'incoming'))).not.toContain(path.basename(dead));
      expect(readdirSync(live)).toHaveLength(1);
      // A submission that failed after its commit settles its own files the same way…
      const a = textPdf([[`提交后失败 ${dialect} ${Date.now()}`]]);
      const b = textPdf([[`未提交的另一份 ${dialect} ${Date.now()}`]]);
      const staged = await stageUploads(t.services.config, [
        { fileName: 'a.pdf', bytes: a, purpose: 'identity' },
        { fileName: 'b.pdf', bytes: b, purpose: 'supporting' },
      ]);
      const [sa, sb] = staged.files;
      expect(() => statSync(stored(sa!.id))).toThrow();
      await addRow(sa!.id, a, 96);
      await staged.settle(t.services.db);
      expect(statSync(stored(sa!.id)).size).toBe(sealedSize(a.length));
      expect(() => statSync(stored(sb!.id))).toThrow();
      // …and a resubmission puts a committed case's missing file in place.
      await addRow(sb!.id, b, 95);
      await ensureStored(t.services, caseRow.id, [{ fileName: 'b.pdf', bytes: b, purpose: 'supporting' }]);
      expect((await readAttachment(t.services, caseRow.id, sb!.id)).bytes.equals(Buffer.from(b))).toBe(true);
      // A live process's staged file stays until it is older than the threshold.
      expect(await recoverStagedUploads(t.services.db, dataDir, { staleAfterMs: -1 })).toEqual({
        promoted: 0,
        removed: 1,
      });
    });
  });
}

for (const dialect of dialects) {
  describe(`applications JSON API rate limits [${dialect}]`, () => {
    let t: TestApp;
    let agencyCode: string;
    const saved = { ...process.env };
    beforeAll(async () => {
      process.env.APPLICATIONS_SUBMIT_PER_MINUTE = '2';
      process.env.APPLICATIONS_LOOKUP_PER_MINUTE = '4';
      process.env.APPLICATIONS_LOOKUP_PER_CASE_PER_HOUR = '2';
      t = await testApp(dialect);
      process.env = saved;
      agencyCode = (
        await t.services.db
          .selectFrom('agencies')
          .select('code')
          .where('name', '=', '示例市民政局')
          .executeTakeFirstOrThrow()
      ).code;
    });
    afterAll(async () => t?.close());

    it('limits submissions per address, lookups per address and per tracking number', async () => {
      const f = await newForm(t);
      const values = { ...onlineForm({ idempotencyKey: f.key }), agency: agencyCode };
      const a = await submit(t, f, values, [], '10.1.0.1');
      expect(a.statusCode).toBe(201);
      expect((await submit(t, f, values, [], '10.1.0.1')).statusCode).toBe(200);
      const third = await submit(t, f, values, [], '10.1.0.1');
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBe('60');
      expect(third.json().error).toMatchObject({
        code: 'rate_limited',
        message: '提交过于频繁，请一分钟后再试。',
      });
      expect((await submit(t, f, values, [], '10.1.0.2')).statusCode).toBe(200); // another address
      const { trackingNo, queryCode } = a.json();
      expect((await lookup(t, trackingNo, queryCode, '10.1.0.3')).statusCode).toBe(200);
      expect((await lookup(t, trackingNo, 'AAAA-AAAA-AAAA', '10.1.0.4')).statusCode).toBe(404);
      const perCase = await lookup(t, trackingNo, queryCode, '10.1.0.5');
      expect(perCase.statusCode).toBe(429);
      expect(perCase.json().error.message).toBe('该申请编号的查询过于频繁，请稍后再试。');
      for (const no of ['YSQ-2026-900001', 'YSQ-2026-900002', 'YSQ-2026-900003', 'YSQ-2026-900004'])
        expect((await lookup(t, no, queryCode, '10.1.0.6')).statusCode).toBe(404);
      const perAddress = await lookup(t, 'YSQ-2026-900005', queryCode, '10.1.0.6');
      expect([perAddress.statusCode, perAddress.json().error.message]).toEqual([
        429,
        '查询过于频繁，请一分钟后再试。',
      ]);
    });

    it('refuses a malformed limit by its variable name', async () => {
      const { rateLimitsFrom } = await import('./api.routes.js');
      expect(() => rateLimitsFrom({ APPLICATIONS_SUBMIT_PER_MINUTE: 'many' })).toThrow(
        'APPLICATIONS_SUBMIT_PER_MINUTE must be a whole number of at least 1 (got "many")',
      );
      expect(rateLimitsFrom({}).submitPerMinute).toBe(10);
    });
  });
}

describe('submission gate', () => {
  it('admits at most its limit at once, the others in order, and frees a slot on failure', async () => {
    const { Gate } = await import('./api.routes.js');
    const gate = new Gate(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (i: number) =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        order.push(i);
        if (i === 1) throw new Error('refused');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(job));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
  });
});
