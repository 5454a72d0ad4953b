/**
 * Importing an archive through the command (every dialect): good CSV and JSON files become published
 * items with their own 索引号, and the agency's serial continues above them; bad rows are all reported
 * and nothing is written; GBK and quoted multi-line CSV; duplicate 索引号; findings in attachments
 * blocked, then overridden with a written reason (audited).
 */
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { systemActor } from '../../accounts/commands/context.js';
import { textPdf } from '../../checks/test-files.fixture.js';
import { filePath } from '../files.js';
import { buildPublication, ctxOf, MZ } from '../publications.fixtures.js';
import { ATTACHMENT_MAX_BYTES } from '../publications.js';
import { timeliness } from '../register.repository.js';
import { type AttachmentSource, directorySource, zipSource } from './archive.js';
import { csvOf, DEMO_CODE, encodeGbk, ID_NUMBER, rowCounts, zipOf } from './import.fixtures.js';
import { type ImportRequest, type ImportResult, importPublications } from './import-publications.js';
import { formatProblem } from './problems.js';

const HEADER = [
  '索引号',
  '标题',
  '栏目',
  '正文',
  '正文格式',
  '关键词',
  '文号',
  '成文日期',
  '形成日期',
  '发布日期',
  '主题分类',
  '体裁',
  '有效性',
  '附件',
];

/** A row of HEADER from the values that matter, the rest filled with a valid item. */
function row(v: Partial<Record<(typeof HEADER)[number], string>>): string[] {
  const base: Record<string, string> = {
    标题: '关于开展2025年度社会救助工作的通知',
    栏目: 'fdzdgknr/mszc',
    正文: '各区县民政局：请按要求开展工作。',
    发布日期: '2025-03-10',
    主题分类: '民政、扶贫、救灾',
    体裁: '通知',
  };
  return HEADER.map((h) => v[h] ?? base[h] ?? '');
}

const problemsOf = (r: ImportResult) => (r.ok ? [] : r.problems.map(formatProblem));

for (const dialect of dialects) {
  describe(`import publications [${dialect}]`, () => {
    let t: TestApp;
    let dir: string;
    let folder: AttachmentSource;
    const pdf = textPdf([['Tongzhi', 'Fujian yi']]);
    const idPdf = textPdf([['Mingdan', `ID ${ID_NUMBER}`]]);
    beforeAll(async () => {
      t = await testApp(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'gk-import-'));
      writeFileSync(path.join(dir, 'notice.pdf'), pdf);
      writeFileSync(path.join(dir, '名单.pdf'), idPdf);
      writeFileSync(path.join(dir, 'fake.pdf'), 'this is plain text, whatever the name says');
      writeFileSync(path.join(dir, 'huge.pdf'), '');
      truncateSync(path.join(dir, 'huge.pdf'), ATTACHMENT_MAX_BYTES + 1);
      folder = await directorySource(dir);
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t?.close();
    });

    const run = (name: string, content: string | Uint8Array, opts: Partial<ImportRequest> = {}) =>
      importPublications(
        { services: t.services, actor: systemActor(), principal: null },
        {
          agencyId: t.agencies[MZ]!,
          file: { name, bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content },
          attachments: folder,
          dryRun: false,
          allowFindings: null,
          ...opts,
        },
      );
    const byIndexNo = (indexNo: string) =>
      t.services.db
        .selectFrom('publications')
        .selectAll()
        .where('index_no', '=', indexNo)
        .executeTakeFirstOrThrow();

    it('imports a good CSV as published items with their 索引号; the serial continues above them', async () => {
      const csv = csvOf(HEADER, [
        row({
          索引号: `${DEMO_CODE}/2026-00041`,
          标题: '关于调整城乡居民最低生活保障标准的通知',
          正文: '各区（县）民政局：\n\n自2026年1月1日起调整标准。',
          正文格式: 'text',
          关键词: '低保；社会救助',
          文号: '示民发〔2026〕3号',
          成文日期: '2026年1月5日',
          形成日期: '2026/1/6',
          发布日期: '2026-01-08',
          附件: 'notice.pdf',
        }),
        row({
          索引号: `${DEMO_CODE}/2026-00007`,
          标题: '示例市社会救助办法',
          栏目: '行政规范性文件',
          正文: '<p>第一条　为了规范社会救助<script>alert(1)</script></p>',
          体裁: '行政规范性文件',
          发布日期: '2026-01-02',
        }),
        row({
          索引号: 'MZ-2019-0001',
          栏目: 'fdzdgknr/xzxk',
          正文: '**已办结**',
          正文格式: 'markdown',
          发布日期: '2019年5月1日',
          体裁: 'notice',
        }),
      ]);
      const r = await run('archive.csv', csv);
      expect(problemsOf(r)).toEqual([]);
      expect(r).toMatchObject({ ok: true, dryRun: false, format: 'csv', encoding: 'utf-8', rows: 3 });
      expect(r.ok && r.items.map((i) => [i.line, i.indexNo, i.attachments])).toEqual([
        [2, `${DEMO_CODE}/2026-00041`, 1],
        // The first record's body spans lines 2–4.
        [5, `${DEMO_CODE}/2026-00007`, 0],
        [6, 'MZ-2019-0001', 0],
      ]);

      const first = await byIndexNo(`${DEMO_CODE}/2026-00041`);
      expect(first).toMatchObject({
        state: 'published',
        source: 'imported',
        published_on: '2026-01-08',
        title: '关于调整城乡居民最低生活保障标准的通知',
        body_format: 'html',
        body_html: '<p>各区（县）民政局：</p>\n<p>自2026年1月1日起调整标准。</p>',
        doc_no_prefix: '示民发',
        written_on: '2026-01-05',
        formed_on: '2026-01-06',
        topic: 'civilAffairsRelief',
        genre: 'notice',
        validity: null,
      });
      expect(Number(first.index_imported)).toBe(1);
      expect(Number(first.published_version)).toBe(1);
      expect(Number(first.doc_no_year)).toBe(2026);
      expect(JSON.parse(first.keywords)).toEqual(['低保', '社会救助']);
      expect(first.due_on).not.toBeNull();
      const version = await t.services.db
        .selectFrom('publication_versions')
        .selectAll()
        .where('publication_id', '=', first.id)
        .executeTakeFirstOrThrow();
      const snapshot = JSON.parse(version.snapshot_json);
      expect(snapshot).toMatchObject({ indexNo: `${DEMO_CODE}/2026-00041`, docNo: '示民发〔2026〕3号' });
      expect(snapshot.attachments).toMatchObject([{ fileName: 'notice.pdf', type: 'pdf', size: pdf.length }]);
      const attachment = await t.services.db
        .selectFrom('publication_attachments')
        .selectAll()
        .where('publication_id', '=', first.id)
        .executeTakeFirstOrThrow();
      expect(attachment.text).toContain('Fujian yi');
      expect(existsSync(filePath(t.services.config.dataDir, attachment.sha256))).toBe(true);

      const second = await byIndexNo(`${DEMO_CODE}/2026-00007`);
      expect(second).toMatchObject({ genre: 'normativeDocument', validity: 'effective' });
      expect(second.body_html).not.toContain('script');
      expect((await byIndexNo('MZ-2019-0001')).body_html).toContain('<strong>已办结</strong>');

      const audits = await t.services.db
        .selectFrom('audit_events')
        .select(['action', 'target_id', 'after_json'])
        .where('action', 'like', 'publication.import%')
        .execute();
      expect(audits.filter((a) => a.action === 'publication.import').map((a) => a.target_id)).toContain(
        first.id,
      );
      const batch = audits.find((a) => a.action === 'publication.import_batch')!;
      expect(JSON.parse(batch.after_json!)).toMatchObject({
        fileName: 'archive.csv',
        items: 3,
        attachments: 1,
      });

      // The next 索引号 drawn by the workflow continues above the highest imported serial of 2026.
      const published = await buildPublication.published(t);
      expect(published.indexNo).toBe(`${DEMO_CODE}/2026-00042`);
      // Imported items do not count for 第二十六条 timeliness; the one published here does.
      const [rate] = await timeliness(t.services.db, [t.agencies[MZ]!], '2019-01-01', '2026-12-31');
      expect(rate!.published).toBe(1);
    });

    it('imports JSON (Chinese or English keys, lists, numbers) with attachments from a ZIP', async () => {
      const json = JSON.stringify([
        {
          索引号: 'MZ-JSON-0001',
          title: '2024年临时救助资金分配表',
          栏目: '社会救助',
          attachments: ['2024/分配表.pdf'],
          keywords: ['临时救助', '资金'],
          docNoPrefix: '示民函',
          docNoYear: 2024,
          docNoNumber: 12,
          publishedOn: '2024/12/30',
          genre: 'letter',
        },
        {
          索引号: 'MZ-JSON-0002',
          标题: '政策问答',
          栏目: 'fdzdgknr/mszc',
          正文: '问：…',
          发布日期: '2024-12-31',
        },
      ]);
      const zip = zipSource(zipOf({ '2024/分配表.pdf': pdf }));
      if ('error' in zip) throw new Error(zip.error);
      const r = await run('archive.json', json, { attachments: zip });
      expect(problemsOf(r)).toEqual([]);
      expect(r.ok && r.items.map((i) => [i.line, i.indexNo, i.title])).toEqual([
        [1, 'MZ-JSON-0001', '2024年临时救助资金分配表'],
        [2, 'MZ-JSON-0002', '政策问答'],
      ]);
      const item = await byIndexNo('MZ-JSON-0001');
      expect(item).toMatchObject({
        doc_no_prefix: '示民函',
        genre: 'letter',
        published_on: '2024-12-30',
        body_source: '',
      });
      expect(JSON.parse(item.keywords)).toEqual(['临时救助', '资金']);
      const files = await t.services.db
        .selectFrom('publication_attachments')
        .select('file_name')
        .where('publication_id', '=', item.id)
        .execute();
      expect(files).toEqual([{ file_name: '分配表.pdf' }]);
    });

    it('reports every bad row with its line and column, and writes nothing', async () => {
      const taken = (await buildPublication.published(t)).indexNo!;
      const before = await rowCounts(t.services.db);
      const csv = csvOf(HEADER, [
        row({ 索引号: 'BAD-0001' }),
        row({ 索引号: 'BAD-0002', 发布日期: '2021-02-30' }),
        row({ 索引号: '', 标题: '' }),
        row({ 索引号: 'BAD-0001' }),
        row({ 索引号: taken }),
        row({ 索引号: 'BAD-0005', 栏目: '不存在的栏目', 主题分类: '民生', 体裁: '便条' }),
        row({ 索引号: 'BAD-0006', 附件: 'missing.pdf；fake.pdf；huge.pdf；../secret.pdf' }),
        row({ 索引号: 'BAD-0007', 有效性: '有效', 文号: '示民发2026年3号', 成文日期: '昨天' }),
        row({ 索引号: 'BAD-0008', 正文: `申请人身份证号${ID_NUMBER}` }),
        row({ 索引号: 'BAD-0009', 发布日期: '2027-01-01', 栏目: 'fdzdgknr' }),
        row({ 索引号: 'BAD-0010', 正文: '', 正文格式: 'docx' }),
      ]);
      const r = await run('bad.csv', csv);
      expect(r.ok).toBe(false);
      expect(problemsOf(r)).toEqual([
        '第3行 发布日期：“2021-02-30”不是有效日期',
        '第4行 索引号：不能为空',
        '第4行 标题：不能为空',
        '第5行 索引号：“BAD-0001”与第2行重复',
        `第6行 索引号：“${taken}”已被平台上的其他信息使用`,
        '第7行 栏目：“不存在的栏目”不是本单位的栏目（可填栏目名称或栏目路径，如 fdzdgknr/xzxk）',
        '第7行 主题分类：“民生”不是国家主题分类中的类别',
        '第7行 体裁：“便条”不是可选的体裁',
        '第8行 附件：附件目录中没有文件“missing.pdf”',
        '第8行 附件：附件“fake.pdf”不是可接受的文件类型（按文件内容识别，可接受：PDF 文档、Word 文档、Word 97-2003 文档、Excel 表格、Excel 97-2003 表格、PNG 图片、JPEG 图片、GIF 图片、WebP 图片）',
        '第8行 附件：附件“huge.pdf”超过50 MB，不能导入',
        '第8行 附件：附件路径“../secret.pdf”不安全（不能含“..”或以“/”开头）',
        '第9行 文号：“示民发2026年3号”不是有效的文号，应为“代字〔年份〕序号号”，如“雅办发〔2017〕18号”',
        '第9行 成文日期：“昨天”不是有效日期',
        '第9行 有效性：只有体裁为规章或行政规范性文件的信息才填写有效性',
        '第10行 正文：发现身份证号“110***********002X”：疑似居民身份证号码（校验位正确），属于个人信息，发布前须删除或遮盖',
        '第11行 栏目：“法定主动公开内容”不是可发布信息的栏目',
        '第11行 发布日期：“2027-01-01”晚于今天，只能导入已发布的信息',
        '第12行 正文：正文和附件不能都为空',
        '第12行 正文格式：“docx”无效，应为 markdown、html 或 text',
      ]);
      expect(await rowCounts(t.services.db)).toEqual(before);
      expect(
        await t.services.db
          .selectFrom('publications')
          .select('id')
          .where('index_no', '=', 'BAD-0001')
          .execute(),
      ).toEqual([]);
    });

    it('refuses unknown or missing columns of the header, and a JSON file that is not an array', async () => {
      const csv = csvOf(
        ['索引号', '标题', '发布日期', '访问量', '标题'],
        [['X-1', 't', '2025-01-01', '3', 't']],
      );
      expect(problemsOf(await run('h.csv', csv))).toEqual([
        '第1行 表头：无法识别的列“访问量”',
        '第1行 表头：列“标题”出现了不止一次',
        '第1行 表头：缺少必需的列“栏目”',
      ]);
      expect(problemsOf(await run('x.json', '{"索引号": "1"}'))).toEqual([
        '文件：JSON文件须是由对象组成的数组，每个对象为一条信息',
      ]);
      expect(problemsOf(await run('x.json', '[{"索引号": "J-1", "浏览次数": 3}, "text"]'))).toEqual([
        '第1条：无法识别的字段“浏览次数”',
        '第1条 标题：不能为空',
        '第1条 栏目：不能为空',
        '第1条 正文：正文和附件不能都为空',
        '第1条 发布日期：不能为空',
        '第2条：不是对象（每条信息应为 {"索引号": …, "标题": …} 的形式）',
      ]);
    });

    it('reads a GBK CSV', async () => {
      const csv = csvOf(HEADER, [
        row({ 索引号: 'MZ-GBK-0001', 标题: '关于公布低保对象名单的公告', 体裁: '公告' }),
      ]);
      const r = await run('gbk.csv', encodeGbk(csv));
      expect(problemsOf(r)).toEqual([]);
      expect(r).toMatchObject({ ok: true, encoding: 'gb18030' });
      expect((await byIndexNo('MZ-GBK-0001')).title).toBe('关于公布低保对象名单的公告');
    });

    it('reads quoted fields with commas and line breaks, and counts lines from where a record starts', async () => {
      const body = '第一条，为规范管理，制定本办法。\n第二条，本办法自发布之日起施行。\n\n附：说明';
      const rows = [
        row({ 索引号: 'MZ-Q-0001', 标题: '关于“低保”“特困”认定的通知，请查收', 正文: body }),
        row({ 索引号: 'MZ-Q-0002', 发布日期: '2025-02-29' }),
      ];
      const bad = await run('q.csv', csvOf(HEADER, rows, '\n'));
      expect(problemsOf(bad)).toEqual(['第6行 发布日期：“2025-02-29”不是有效日期']);
      rows[1] = row({ 索引号: 'MZ-Q-0002', 发布日期: '2025-02-28' });
      const r = await run('q.csv', csvOf(HEADER, rows, '\n'));
      expect(r.ok && r.items.map((i) => i.line)).toEqual([2, 6]);
      const item = await byIndexNo('MZ-Q-0001');
      expect(item.title).toBe('关于“低保”“特困”认定的通知，请查收');
      expect(item.body_text).toContain('第一条，为规范管理，制定本办法。');
    });

    it('refuses a 索引号 already on the platform, even one imported before', async () => {
      const csv = csvOf(HEADER, [row({ 索引号: 'MZ-DUP-0001' })]);
      expect((await run('d.csv', csv)).ok).toBe(true);
      expect(problemsOf(await run('d.csv', csv))).toEqual([
        '第2行 索引号：“MZ-DUP-0001”已被平台上的其他信息使用',
      ]);
    });

    it('blocks an attachment holding an ID number, then imports it with a written reason, audited', async () => {
      const csv = csvOf(HEADER, [
        row({ 索引号: 'MZ-ID-0001', 标题: '2025年低保对象名单', 附件: '名单.pdf' }),
      ]);
      const before = await rowCounts(t.services.db);
      const blocked = await run('id.csv', csv);
      expect(problemsOf(blocked)).toEqual([
        '第2行 附件：附件“名单.pdf”中发现身份证号“110***********002X”：疑似居民身份证号码（校验位正确），属于个人信息，发布前须删除或遮盖',
      ]);
      expect(!blocked.ok && blocked.problems[0]!.finding).toBe(true);
      expect(problemsOf(await run('id.csv', csv, { allowFindings: '同意' }))).toEqual([
        '选项 忽略理由：至少写4个字，说明为何可以公开',
      ]);
      expect(await rowCounts(t.services.db)).toEqual(before);

      const reason = '名单依《社会救助暂行办法》须公示，已经本人同意';
      const r = await run('id.csv', csv, { allowFindings: reason });
      expect(r.ok && r.items[0]).toMatchObject({ indexNo: 'MZ-ID-0001', attachments: 1, overrides: 1 });
      const item = await byIndexNo('MZ-ID-0001');
      const overrides = await t.services.db
        .selectFrom('publication_finding_overrides')
        .selectAll()
        .where('publication_id', '=', item.id)
        .execute();
      expect(overrides).toMatchObject([{ kind: 'idNumber', reason, actor_label: '系统' }]);
      const audit = await t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', item.id)
        .where('action', '=', 'publication.override_finding')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({
        kind: 'idNumber',
        where: '附件“名单.pdf”',
        display: '110***********002X',
        reason,
      });
      expect(audit.after_json).not.toContain(ID_NUMBER);
      const stored = await t.services.db
        .selectFrom('publication_attachments')
        .select('findings_json')
        .where('publication_id', '=', item.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.findings_json)).toMatchObject([{ kind: 'idNumber', severity: 'blocking' }]);
    });

    it('reports the same kind of finding in one place once, with how many there are', async () => {
      const body = `名单：张某 ${ID_NUMBER}；李某 110105198001010016；王某 440301199003151230。`;
      expect(
        problemsOf(await run('n.csv', csvOf(HEADER, [row({ 索引号: 'MZ-N-0001', 正文: body })]))),
      ).toEqual([
        '第2行 正文：发现身份证号“110***********002X”等3处：疑似居民身份证号码（校验位正确），属于个人信息，发布前须删除或遮盖',
      ]);
    });

    it('validates only in a dry run', async () => {
      const before = await rowCounts(t.services.db);
      const r = await run('dry.csv', csvOf(HEADER, [row({ 索引号: 'MZ-DRY-0001', 附件: 'notice.pdf' })]), {
        dryRun: true,
      });
      expect(r).toMatchObject({
        ok: true,
        dryRun: true,
        items: [{ id: null, indexNo: 'MZ-DRY-0001', attachments: 1 }],
      });
      expect(await rowCounts(t.services.db)).toEqual(before);
    });

    it('lets the agency’s admins and editors import, nobody else', async () => {
      const request = {
        agencyId: t.agencies[MZ]!,
        file: {
          name: 'p.csv',
          bytes: new TextEncoder().encode(csvOf(HEADER, [row({ 索引号: 'MZ-P-0001' })])),
        },
        attachments: null,
        dryRun: true,
        allowFindings: null,
      };
      for (const [username, allowed] of [
        ['mz.admin', true],
        ['mz.editor', true],
        ['mz.reviewer', false],
        ['qh.editor', false],
      ] as const) {
        const ctx = await ctxOf(t, username);
        const attempt = importPublications(
          { services: t.services, actor: systemActor(), principal: ctx.principal },
          request,
        );
        if (allowed) expect((await attempt).ok).toBe(true);
        else await expect(attempt).rejects.toMatchObject({ code: 'forbidden' });
      }
    });
  });
}
