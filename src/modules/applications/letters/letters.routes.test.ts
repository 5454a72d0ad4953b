/**
 * The letters' back-office routes (every dialect): the .docx download (who gets it, the audit event without
 * personal data, 404 across cases and agencies), and the template editor (list, placeholders checked on save
 * with Chinese messages and the typed text kept, preview without saving, reset, the settings of 复议机关 and
 * remedies, refused to staff who are not the agency's admin or 公开办负责人).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, form, TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { MZ, QH } from '../../publications/publications.fixtures.js';
import { build, ctxOf, PERSON } from '../applications.fixtures.js';
import { toLetter } from '../applications.js';
import { listLetters } from '../applications.repository.js';
import { sendConsultation } from '../commands/consultation.js';
import { enqueueNotifications, notificationsForCase } from '../notify/outbox.js';
import { docxText } from './letters.fixtures.js';

const TEMPLATES = '/admin/applications/templates';
const docxUrl = (caseId: string, letterId: string) =>
  `/admin/applications/cases/${caseId}/letters/${letterId}/docx`;

for (const dialect of dialects) {
  describe(`letters back office [${dialect}]`, () => {
    let t: TestApp;
    const c: Record<string, Client> = {};
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));
    const as = async (u: string) => {
      c[u] ??= await t.login(u);
      return c[u]!;
    };
    const get = async (u: string, url: string) => (await as(u)).inject({ url });
    const post = async (u: string, url: string, values: Record<string, string | string[]> = {}) =>
      (await as(u)).inject({ method: 'POST', url, ...form(values) });
    const receiptOf = async (id: string) =>
      (await listLetters(t.services.db, id)).map(toLetter).find((l) => l.kind === 'receipt')!;
    const auditRows = async (action: string) =>
      t.services.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

    it('docx: the handler downloads the receipt (audited without personal data); others are refused', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const receipt = await receiptOf(b.id);
      const res = await get('mz.handler', docxUrl(b.id, receipt.id));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
      expect(String(res.headers['content-disposition'])).not.toContain(encodeURIComponent(PERSON.name));
      const text = docxText(res.rawPayload);
      expect(text).toContain(PERSON.name);
      expect(text).toContain(receipt.number!);
      const audits = (await auditRows('application.letter_download')).filter((a) => a.target_id === b.id);
      expect(audits).toHaveLength(1);
      const trail = JSON.stringify(audits);
      for (const v of Object.values(PERSON)) expect(trail).not.toContain(v);
      expect(trail).toContain(receipt.number!);

      // The agency's editor has no access to cases' personal data; another agency sees nothing.
      expect((await get('mz.editor', docxUrl(b.id, receipt.id))).statusCode).toBe(403);
      expect((await get('qh.editor', docxUrl(b.id, receipt.id))).statusCode).toBe(404);
      // A letter id under another case is not found.
      const other = await build.received(t, 'mz.handler');
      expect((await get('mz.handler', docxUrl(other.id, receipt.id))).statusCode).toBe(404);
      expect((await get('mz.handler', docxUrl(b.id, 'no-such-letter'))).statusCode).toBe(404);
      // The supervisor of the agency may download it.
      expect((await get('city.supervisor', docxUrl(b.id, receipt.id))).statusCode).toBe(200);
    });

    it('docx: a 征求意见书 has no personal data, so it is not audited as a download of it', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await sendConsultation(await ctxOf(t, 'mz.handler'), b.id, {
        addresseeKind: 'thirdParty',
        addresseeName: '某某科技有限公司',
      });
      const l = (await listLetters(t.services.db, b.id))
        .map(toLetter)
        .find((x) => x.kind === 'opinionRequest')!;
      const before = (await auditRows('application.letter_download')).length;
      const res = await get('mz.handler', docxUrl(b.id, l.id));
      expect(res.statusCode).toBe(200);
      expect(docxText(res.rawPayload)).toContain('某某科技有限公司：');
      expect((await auditRows('application.letter_download')).length).toBe(before);
    });

    it('templates: listed for the agency with every kind and outcome; read-only for other case staff', async () => {
      const res = await get('mz.admin', TEMPLATES);
      expect(res.statusCode).toBe(200);
      for (const label of [
        '受理回执',
        '补正申请告知书',
        '征求意见书（致第三方）',
        '征求意见告知书（致申请人）',
        '延期答复告知书',
        '收费通知书',
        '答复书：予以公开',
        '答复书：不予公开（属于国家秘密）',
        '答复书：其他处理（其他）',
      ])
        expect(res.body).toContain(label);
      expect(res.body).toContain('复议前置');
      expect(res.body).toContain('尚未填写本机关的行政复议机关');
      expect(res.body).toContain('保存文书设置');
      const handler = await get('mz.handler', TEMPLATES);
      expect(handler.statusCode).toBe(200);
      expect(handler.body).not.toContain('保存文书设置');
      expect((await post('mz.handler', `${TEMPLATES}/receipt`, { title: 'x', body: 'y' })).statusCode).toBe(
        403,
      );
      expect((await get('qh.editor', `${TEMPLATES}?agencyId=${t.agencies[MZ]}`)).statusCode).toBe(404);
    });

    it('templates: an unknown placeholder is refused naming it, the typed text kept; preview; save; reset', async () => {
      const url = `${TEMPLATES}/receipt`;
      const page = await get('mz.admin', url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('{{申请编号}}');
      expect(page.body).toContain('预览（示例数据）');
      expect(page.body).toContain('YSQ-2026-000123');

      const bad = await post('mz.admin', url, {
        intent: 'save',
        title: '{{机关名称}}回执',
        body: '{{申请人}}：\n编号{{申请号}}，{{补正事项}}',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('文书正文中的占位符“{{申请号}}”不存在');
      expect(bad.body).toContain('文书正文中的占位符“{{补正事项}}”不能用于受理回执');
      expect(bad.body).toContain('编号{{申请号}}');

      const pv = await post('mz.admin', url, {
        intent: 'preview',
        title: '{{机关名称}}登记回执',
        body: '{{申请人}}：\n您的申请{{申请编号}}已登记。',
      });
      expect(pv.statusCode).toBe(200);
      expect(pv.body).toContain(`${MZ}登记回执`);
      expect(pv.body).toContain('您的申请YSQ-2026-000123已登记。');
      // Preview does not save.
      expect((await get('mz.admin', TEMPLATES)).body).not.toContain('本机关已修改');

      const saved = await post('mz.admin', url, {
        intent: 'save',
        title: '{{机关名称}}登记回执',
        body: '{{申请人}}：\n您的申请{{申请编号}}已登记。',
      });
      expect(saved.statusCode).toBe(303);
      expect(String(saved.headers.location)).toContain('done=saved');
      expect((await get('mz.admin', TEMPLATES)).body).toContain('本机关已修改');
      // Another agency keeps the default.
      expect((await get('qh.editor', TEMPLATES)).body).not.toContain('本机关已修改');
      const b = await build.received(t, 'mz.handler');
      const r = await get('mz.handler', docxUrl(b.id, (await receiptOf(b.id)).id));
      expect(docxText(r.rawPayload)).toContain(`您的申请${b.trackingNo}已登记。`);
      const audits = await auditRows('application.letter_template.save');
      expect(audits.length).toBeGreaterThan(0);

      const docx = await get('mz.admin', `${url}/preview.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docxText(docx.rawPayload)).toContain('您的申请YSQ-2026-000123已登记。');

      const reset = await post('mz.admin', `${url}/reset`);
      expect(reset.statusCode).toBe(303);
      expect((await get('mz.admin', TEMPLATES)).body).not.toContain('本机关已修改');
      expect((await auditRows('application.letter_template.reset')).length).toBeGreaterThan(0);
      expect((await get('mz.admin', `${TEMPLATES}/no.such`)).statusCode).toBe(404);
    });

    it('settings: 复议机关 and a remedies text with a bad placeholder refused, then saved and used', async () => {
      const bad = await post('mz.admin', `${TEMPLATES}/settings`, {
        reconsiderationBody: '示例市人民政府',
        'remedy.withheld': '请向{{复议机关}}申请复议，{{申请人}}',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('“{{申请人}}”不能用于救济途径');
      expect(bad.body).toContain('示例市人民政府');
      const ok = await post('mz.admin', `${TEMPLATES}/settings`, {
        reconsiderationBody: '示例市人民政府',
        contactLine: '公开办 0000-12345678',
      });
      expect(ok.statusCode).toBe(303);
      const page = await get('mz.admin', TEMPLATES);
      expect(page.body).not.toContain('尚未填写本机关的行政复议机关');
      const pv = await get('mz.admin', `${TEMPLATES}/reply.withheld.stateSecret`);
      expect(pv.body).toContain('60日内向示例市人民政府申请行政复议');
      expect(pv.body).toContain('公开办 0000-12345678');
      expect(
        (await post('qh.editor', `${TEMPLATES}/settings?agencyId=${t.agencies[MZ]}`, {})).statusCode,
      ).toBe(404);
      void QH;
    });

    it('notifications: the job runs once the server listens (never under inject)', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      expect(await notificationsForCase(t.services.db, b.id)).toEqual([]);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      let sent = false;
      for (let i = 0; i < 100 && !sent; i++) {
        await new Promise((r) => setTimeout(r, 50));
        sent = (await notificationsForCase(t.services.db, b.id)).some((n) => n.status === 'sent');
      }
      expect(sent).toBe(true);
    });

    it('notifications: a failed one is queued again by the case staff (audited), not by others', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await enqueueNotifications(t.services);
      const [n] = await notificationsForCase(t.services.db, b.id);
      await t.services.db
        .updateTable('application_notifications')
        .set({ status: 'failed', last_error: '发送失败' })
        .where('id', '=', n!.id)
        .execute();
      const url = `/admin/applications/cases/${b.id}/notifications/${n!.id}/retry`;
      expect((await post('mz.editor', url)).statusCode).toBe(403);
      expect((await post('qh.editor', url)).statusCode).toBe(404);
      const res = await post('mz.handler', url);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/applications/cases/${b.id}#notifications`);
      expect((await notificationsForCase(t.services.db, b.id))[0]!.status).toBe('pending');
      expect((await auditRows('application.notification_retry')).some((a) => a.target_id === b.id)).toBe(
        true,
      );
      expect((await post('mz.handler', url)).statusCode).toBe(404);
    });
  });
}
