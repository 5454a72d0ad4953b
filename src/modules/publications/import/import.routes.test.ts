/**
 * The back-office import page over HTTP (every dialect): the form, a multipart upload of the CSV and a
 * ZIP of attachments (CSRF token as a form field), problems listed with line and column, a ZIP with a
 * “..” path refused, dry run, overriding findings, and who may import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { textPdf } from '../../checks/test-files.fixture.js';
import { MZ } from '../publications.fixtures.js';
import { csvOf, type FormFile, ID_NUMBER, multipartForm, rowCounts, zipOf } from './import.fixtures.js';

const URL = '/admin/publications/import';
const HEADER = ['索引号', '标题', '栏目', '正文', '发布日期', '附件'];
const row = (indexNo: string, extra: Partial<Record<string, string>> = {}) =>
  HEADER.map(
    (h) =>
      extra[h] ??
      {
        索引号: indexNo,
        标题: '关于低保标准的通知',
        栏目: 'fdzdgknr/mszc',
        正文: '正文',
        发布日期: '2025-06-01',
      }[h] ??
      '',
  );
const csvFile = (rows: string[][]): FormFile => ({
  fileName: '信息.csv',
  bytes: new TextEncoder().encode(csvOf(HEADER, rows)),
});

for (const dialect of dialects) {
  describe(`import page [${dialect}]`, () => {
    let t: TestApp;
    let editor: Client;
    beforeAll(async () => {
      t = await testApp(dialect);
      editor = await t.login('mz.editor');
    });
    afterAll(async () => t?.close());

    const post = (c: Client, fields: Record<string, string>, files: Record<string, FormFile>) =>
      c.inject({
        method: 'POST',
        url: URL,
        ...multipartForm({ agencyId: t.agencies[MZ]!, ...fields }, files),
      });

    it('shows the upload form to the agency’s editors and admins only', async () => {
      const res = await editor.inject({ url: URL });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('示例市民政局 · 导入已公开信息');
      expect(res.body).toContain('enctype="multipart/form-data"');
      expect(res.body).toContain('仅校验，不导入');
      expect(res.body).toContain(`name="agencyId" value="${t.agencies[MZ]}"`);
      expect((await (await t.login('mz.admin')).inject({ url: URL })).statusCode).toBe(200);
      expect((await (await t.login('mz.reviewer')).inject({ url: URL })).statusCode).toBe(403);
      const other = await (await t.login('qh.editor')).inject({ url: `${URL}?agencyId=${t.agencies[MZ]}` });
      expect(other.statusCode).toBe(404);
      const anonymous = await t.app.inject({ url: URL });
      expect([anonymous.statusCode, anonymous.headers.location]).toEqual([
        303,
        `/login?next=${encodeURIComponent(URL)}`,
      ]);
    });

    it('imports a CSV with a ZIP of attachments, the CSRF token sent as a form field', async () => {
      const zip = zipOf({ '2025/通知.pdf': textPdf([['Tongzhi']]) });
      const form = multipartForm(
        { _csrf: editor.csrf, agencyId: t.agencies[MZ]! },
        {
          file: csvFile([row('MZ-WEB-0001', { 附件: '2025/通知.pdf' }), row('MZ-WEB-0002')]),
          attachments: { fileName: '附件.zip', bytes: zip },
        },
      );
      // A browser sends the token in the form, not in a header.
      const res = await t.app.inject({
        method: 'POST',
        url: URL,
        payload: form.payload,
        headers: { ...form.headers, cookie: editor.cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('已导入2条信息（附件1个），状态为已发布。');
      expect(res.body).toContain('MZ-WEB-0001');
      const item = await t.services.db
        .selectFrom('publications')
        .selectAll()
        .where('index_no', '=', 'MZ-WEB-0002')
        .executeTakeFirstOrThrow();
      expect(item).toMatchObject({
        state: 'published',
        source: 'imported',
        created_by: t.users['mz.editor'],
      });
      const audit = await t.services.db
        .selectFrom('audit_events')
        .select('actor_id')
        .where('action', '=', 'publication.import_batch')
        .executeTakeFirstOrThrow();
      expect(audit.actor_id).toBe(t.users['mz.editor']);
    });

    it('refuses a form without the CSRF token', async () => {
      const form = multipartForm({ agencyId: t.agencies[MZ]! }, { file: csvFile([row('MZ-WEB-0009')]) });
      const res = await t.app.inject({
        method: 'POST',
        url: URL,
        payload: form.payload,
        headers: { ...form.headers, cookie: editor.cookie },
      });
      expect(res.statusCode).toBe(403);
    });

    it('lists every problem with its line and column, and imports nothing', async () => {
      const before = await rowCounts(t.services.db);
      const res = await post(
        editor,
        {},
        {
          file: csvFile([
            row('MZ-WEB-0101'),
            row('MZ-WEB-0102', { 发布日期: '2021-02-30', 栏目: '无此栏目' }),
          ]),
        },
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('未导入：发现2个问题，没有导入任何信息');
      expect(res.body).toMatch(/<td>第3行<\/td><td>发布日期<\/td><td>“2021-02-30”不是有效日期<\/td>/);
      expect(res.body).toContain('“无此栏目”不是本单位的栏目');
      expect(await rowCounts(t.services.db)).toEqual(before);
    });

    it('refuses a ZIP holding a “..” path, and a form without a file', async () => {
      const before = await rowCounts(t.services.db);
      const zip = zipOf({ 'ok.pdf': textPdf([['ok']]), '../../evil.pdf': textPdf([['evil']]) });
      const res = await post(
        editor,
        {},
        {
          file: csvFile([row('MZ-WEB-0201', { 附件: 'ok.pdf' })]),
          attachments: { fileName: 'a.zip', bytes: zip },
        },
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('附件包：含有不安全的路径“../../evil.pdf”');
      const empty = await post(editor, {}, { file: { fileName: '', bytes: new Uint8Array() } });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('请选择要导入的CSV或JSON文件');
      expect(await rowCounts(t.services.db)).toEqual(before);
    });

    it('validates only when 仅校验 is ticked', async () => {
      const before = await rowCounts(t.services.db);
      const res = await post(editor, { dryRun: '1' }, { file: csvFile([row('MZ-WEB-0301')]) });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('校验通过：1条信息（附件0个）可以导入。本次仅校验，未写入任何数据。');
      expect(res.body).toMatch(/name="dryRun" value="1" checked/);
      expect(await rowCounts(t.services.db)).toEqual(before);
    });

    it('imports an attachment with an ID number only with the box ticked and a reason', async () => {
      const zip = {
        fileName: 'a.zip',
        bytes: zipOf({ '名单.pdf': textPdf([['Mingdan', `ID ${ID_NUMBER}`]]) }),
      };
      const file = csvFile([row('MZ-WEB-0401', { 附件: '名单.pdf' })]);
      const blocked = await post(editor, {}, { file, attachments: zip });
      expect(blocked.statusCode).toBe(400);
      expect(blocked.body).toContain('附件“名单.pdf”中发现身份证号“110***********002X”');
      expect(blocked.body).not.toContain(ID_NUMBER);
      const noReason = await post(
        editor,
        { allowFindings: '1', allowFindingsReason: '' },
        { file, attachments: zip },
      );
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('选择忽略检查问题时须填写理由');
      const reason = '低保名单依法公示，已经本人同意';
      const ok = await post(
        editor,
        { allowFindings: '1', allowFindingsReason: reason },
        { file, attachments: zip },
      );
      expect(ok.statusCode).toBe(200);
      const item = await t.services.db
        .selectFrom('publications')
        .select('id')
        .where('index_no', '=', 'MZ-WEB-0401')
        .executeTakeFirstOrThrow();
      const override = await t.services.db
        .selectFrom('publication_finding_overrides')
        .selectAll()
        .where('publication_id', '=', item.id)
        .executeTakeFirstOrThrow();
      expect(override).toMatchObject({ kind: 'idNumber', reason, actor_id: t.users['mz.editor'] });
    });

    it('refuses uploads from staff who may not import', async () => {
      const reviewer = await t.login('mz.reviewer');
      const county = await t.login('qh.editor');
      const before = await rowCounts(t.services.db);
      expect((await post(reviewer, {}, { file: csvFile([row('MZ-WEB-0501')]) })).statusCode).toBe(403);
      // Outside the county editor's scope: not found, as for every other agency's resource.
      expect((await post(county, {}, { file: csvFile([row('MZ-WEB-0502')]) })).statusCode).toBe(404);
      expect(await rowCounts(t.services.db)).toEqual(before);
    });
  });
}
