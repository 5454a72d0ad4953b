/**
 * The public 政府信息公开 section through HTTP (every dialect): items are created and published
 * through the publications commands by the demo staff in turn (editor → 初审 → 保密审查 → 审签);
 * the public sees live versions only, in their columns, with the metadata block in the usual order;
 * drafts, items in review, scheduled and registered items are 404, withdrawn ones 410; attachments
 * download under their Chinese names; pages are cacheable and identical with or without cookies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { restoreNode, retireNode } from '../../src/modules/catalog/commands/retire-node.js';
import { textPdf } from '../../src/modules/checks/test-files.fixture.js';
import { amendPublication } from '../../src/modules/publications/commands/amend-publication.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { linkInterpretation } from '../../src/modules/publications/commands/link-interpretation.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { setValidity } from '../../src/modules/publications/commands/set-validity.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import { updatePublication } from '../../src/modules/publications/commands/update-publication.js';
import { uploadAttachment } from '../../src/modules/publications/commands/upload-attachment.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import {
  buildPublication,
  completeInput,
  ctxOf,
  MZ,
} from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

const ATTACHMENT_NAME = '示例市最低生活保障办法（全文）.pdf';

/** The text of the page with tags stripped, whitespace collapsed: what a reader sees, in order. */
const text = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');

for (const dialect of dialects) {
  describe(`public portal [${dialect}]`, () => {
    let t: TestApp;
    let code: string;
    let base: string;
    let columns: Record<'normative' | 'interpretation' | 'rules', string>;
    let policy: Publication;
    let interpretation: Publication;
    let attachmentId: string;

    /** Draft → 初审 → 保密审查 → 审签 (publish now), each step by a different demo user. */
    async function publish(p: Publication): Promise<Publication> {
      await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
      await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
      await approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
      return publishNow(await ctxOf(t, 'mz.signer'), p.id);
    }

    async function nodeId(path: string[]): Promise<string> {
      const row = await findNodeBySlugPath(t.services.db, t.agencies[MZ]!, path);
      if (!row) throw new Error(`no node ${path.join('/')}`);
      return row.id;
    }

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

    beforeAll(async () => {
      t = await testApp(dialect);
      code = (
        await t.services.db
          .selectFrom('agencies')
          .select('code')
          .where('id', '=', t.agencies[MZ]!)
          .executeTakeFirstOrThrow()
      ).code;
      base = `/gk/${code}`;
      columns = {
        normative: await nodeId(['fdzdgknr', 'xzgfxwj']),
        interpretation: await nodeId(['zcjd']),
        rules: await nodeId(['zfxxgkzd']),
      };
      const editor = await ctxOf(t, 'mz.editor');

      // A 行政规范性文件 with a PDF attachment, published on 2026-03-02.
      const draft = await buildPublication.draft(t, {
        title: '示例市最低生活保障办法',
        columnId: columns.normative,
        genre: 'normativeDocument',
        validity: 'effective',
        docNoPrefix: '示民规',
        docNoYear: 2026,
        docNoNumber: 1,
        writtenOn: '2026-02-25',
        formedOn: '2026-02-26',
        keywords: ['低保', '社会救助'],
        summary: '规定本市城乡居民最低生活保障的对象、标准和程序。',
      });
      const uploaded = await uploadAttachment(editor, draft.id, {
        fileName: ATTACHMENT_NAME,
        bytes: textPdf([['Minimum living allowance measures']]),
      });
      attachmentId = uploaded.attachment.id;
      policy = await publish(draft);

      // Its 政策解读, published a day later and linked to it.
      t.clock.advance(86_400_000);
      const interp = await buildPublication.draft(t, {
        title: '《示例市最低生活保障办法》政策解读',
        columnId: columns.interpretation,
        genre: 'interpretation',
        docNoPrefix: null,
        docNoYear: null,
        docNoNumber: null,
      });
      await linkInterpretation(editor, interp.id, { policyId: policy.id });
      interpretation = await publish(interp);
      t.clock.advance(3_600_000);
    }, 120_000);
    afterAll(async () => t?.close());

    it('lists the agency on the platform home, linked to its section', async () => {
      const res = await get('/');
      expect(res.body).toContain(`href="${base}"`);
    });

    it('shows the section home: catalogue, 指南, latest items with their dates, 申请 pages', async () => {
      const res = await get(base);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const body = res.body;
      expect(body).toContain('<title>示例市民政局政府信息公开_');
      expect(body).toContain('aria-label="政府信息公开目录"');
      expect(body).toContain(`href="${base}/zfxxgkzn"`);
      expect(body).toContain(`href="${base}/fdzdgknr"`);
      expect(body).toContain(`href="${base}/zfxxgksq/sqxz"`);
      expect(body).toContain(`href="${base}/items/${policy.id}"`);
      // Latest first.
      const seen = text(body);
      expect(seen.indexOf('《示例市最低生活保障办法》政策解读')).toBeLessThan(
        seen.indexOf('示例市最低生活保障办法 '),
      );
      expect(seen).toContain('2026-03-02');
      expect(seen).toContain('2026-03-03');
    });

    it('lists a 文件类 column with 名称, 文号, 成文日期 and 发布日期; others with 标题 and 发布日期', async () => {
      const res = await get(`${base}/fdzdgknr/xzgfxwj`);
      expect(res.statusCode).toBe(200);
      const seen = text(res.body);
      expect(seen).toMatch(/名称 文号 成文日期 发布日期/);
      expect(seen).toContain('示例市最低生活保障办法 示民规〔2026〕1号 2026-02-25 2026-03-02');
      expect(res.body).toContain('<caption>行政规范性文件信息列表</caption>');
      expect(res.body).toContain('scope="col"');
      expect(seen).toContain('首页 示例市民政局政府信息公开 法定主动公开内容 行政规范性文件');
      expect(res.body).toContain('<title>行政规范性文件_示例市民政局_');

      const plain = text((await get(`${base}/zcjd`)).body);
      expect(plain).toMatch(/标题 发布日期/);
      expect(plain).not.toMatch(/文号/);
      expect(plain).toContain('《示例市最低生活保障办法》政策解读 2026-03-03');

      // A section lists what its columns hold, and links its columns.
      const section = await get(`${base}/fdzdgknr`);
      expect(section.statusCode).toBe(200);
      expect(section.body).toContain(`href="${base}/fdzdgknr/xzgfxwj"`);
      expect(section.body).toContain(`href="${base}/items/${policy.id}"`);
    });

    it('pages a column 20 items at a time', async () => {
      const list = await get(`${base}/fdzdgknr/xzgfxwj?page=1`);
      expect(list.statusCode).toBe(200);
      expect((await get(`${base}/fdzdgknr/xzgfxwj?page=2`)).statusCode).toBe(404);
      expect((await get(`${base}/fdzdgknr/xzgfxwj?page=abc`)).statusCode).toBe(404);
    });

    it('shows the 指南 with its fields and outline, and a page node with its body', async () => {
      const guide = await get(`${base}/zfxxgkzn`);
      expect(guide.statusCode).toBe(200);
      const seen = text(guide.body);
      for (const part of ['政府信息公开工作机构', '一、主动公开', '二、依申请公开', '三、监督方式及程序'])
        expect(seen).toContain(part);
      expect(seen).toContain('0000-5550102'); // the demo office phone
      expect(seen.indexOf('一、主动公开')).toBeLessThan(seen.indexOf('二、依申请公开'));

      const page = await get(`${base}/zfxxgksq/sfbz`);
      expect(page.statusCode).toBe(200);
      expect(text(page.body)).toContain('依申请提供政府信息，不收取费用');
    });

    it('shows the item with the metadata block in the usual order, its body, attachment and interpretation', async () => {
      const res = await get(`${base}/items/${policy.id}`);
      expect(res.statusCode).toBe(200);
      const seen = text(res.body);
      const block = [
        '索引号',
        policy.indexNo!,
        '主题分类',
        '民政、扶贫、救灾',
        '发文机关',
        '示例市民政局',
        '成文日期',
        '2026年02月25日',
        '标题',
        '示例市最低生活保障办法',
        '发文字号',
        '示民规〔2026〕1号',
        '发布日期',
        '2026年03月02日',
        '有效性',
        '有效',
      ];
      let at = seen.indexOf('索引号');
      for (const part of block) {
        const next = seen.indexOf(part, at);
        expect(next, `${part} after position ${at}`).toBeGreaterThanOrEqual(at);
        at = next + part.length;
      }
      expect(policy.indexNo).toMatch(/\//);
      expect(res.body).toContain('<title>示例市最低生活保障办法_行政规范性文件_');
      expect(res.body).toContain('<meta name="ArticleTitle" content="示例市最低生活保障办法"/>');
      expect(res.body).toContain('<meta name="ColumnName" content="行政规范性文件"/>');
      expect(res.body).toContain('<meta name="PubDate" content="2026-03-02 10:00"/>');
      expect(res.body).toContain('<meta name="ContentSource" content="示例市民政局"/>');
      expect(res.body).toContain('<meta name="KeyWords" content="低保,社会救助"/>');
      expect(res.body).toMatch(/<meta name="SiteName" content="[^"]+"\/>/);
      expect(res.body).toContain(`<meta name="Url" content="${base}/items/${policy.id}"/>`);
      expect(seen).toContain('经研究，自2026年1月1日起调整最低生活保障标准');
      expect(res.body).toContain(`href="${base}/items/${policy.id}/attachments/${attachmentId}"`);
      expect(seen).toContain(ATTACHMENT_NAME);
      // Policy ↔ interpretation, both ways.
      expect(seen).toContain('相关解读');
      expect(res.body).toContain(`href="${base}/items/${interpretation.id}"`);
      const back = await get(`${base}/items/${interpretation.id}`);
      expect(text(back.body)).toContain('解读的政策文件');
      expect(back.body).toContain(`href="${base}/items/${policy.id}"`);
      expect(back.body).toContain('<title>《示例市最低生活保障办法》政策解读_政策解读_');
      // Print and close are offered (enhanced by the script); the page works without it.
      expect(res.body).toContain('data-portal-action="print"');
      expect(res.body).toContain('data-portal-action="close"');
      expect(res.body).toContain('<script src="/assets/portal.js" defer>');
    });

    it('never shows drafts, items in review, scheduled or registered items (404), nor another agency’s', async () => {
      const draft = await buildPublication.draft(t, { title: '尚未审核的草稿标题' });
      const inReview = await buildPublication.inReview(t, 'secrecyReview', { title: '保密审查中的标题' });
      const scheduled = await buildPublication.scheduled(t, '2026-12-01T00:00:00.000Z', {
        title: '定时发布的标题',
      });
      const registered = await buildPublication.registered(t, { title: '不予公开的内部文件' });
      for (const p of [draft, inReview, scheduled, registered]) {
        const res = await get(`${base}/items/${p.id}`);
        expect(res.statusCode, p.title).toBe(404);
      }
      const cz = (
        await t.services.db
          .selectFrom('agencies')
          .select('code')
          .where('name', '=', '示例市财政局')
          .executeTakeFirstOrThrow()
      ).code;
      expect((await get(`/gk/${cz}/items/${policy.id}`)).statusCode).toBe(404);
      for (const url of [base, `${base}/zfxxgkzd`, `${base}/fdzdgknr/xzgfxwj`]) {
        const body = (await get(url)).body;
        for (const title of [
          '尚未审核的草稿标题',
          '保密审查中的标题',
          '定时发布的标题',
          '不予公开的内部文件',
        ])
          expect(body, url).not.toContain(title);
      }
      expect((await get('/gk/NO-SUCH-AGENCY')).statusCode).toBe(404);
      expect((await get(`${base}/no-such-column`)).statusCode).toBe(404);
      expect((await get(`${base}/items/no-such-item`)).statusCode).toBe(404);
    });

    it('keeps showing the published version while an amendment is under way, then notes the change', async () => {
      const p = await buildPublication.draft(t, {
        title: '临时救助实施细则',
        columnId: columns.normative,
        genre: 'normativeDocument',
        validity: 'effective',
        docNoNumber: 7,
      });
      const v1 = await publish(p);
      await amendPublication(await ctxOf(t, 'mz.editor'), v1.id, { formedOn: '2026-03-03' });
      await updatePublication(
        await ctxOf(t, 'mz.editor'),
        v1.id,
        completeInput(columns.rules, {
          title: '临时救助实施细则（修订草稿）',
          genre: 'normativeDocument',
          validity: 'effective',
          docNoNumber: 8,
          formedOn: '2026-03-03',
        }),
      );
      const during = await get(`${base}/items/${v1.id}`);
      expect(during.statusCode).toBe(200);
      expect(during.body).toContain('临时救助实施细则');
      expect(during.body).not.toContain('修订草稿');
      // Still listed in its published column, with its published 文号, and not in the draft's column.
      const list = text((await get(`${base}/fdzdgknr/xzgfxwj`)).body);
      expect(list).toContain('临时救助实施细则 示民发〔2026〕7号');
      expect(text((await get(`${base}/zfxxgkzd`)).body)).not.toContain('临时救助实施细则');

      t.clock.advance(86_400_000);
      await publish(v1);
      const after = text((await get(`${base}/items/${v1.id}`)).body);
      expect(after).toContain('临时救助实施细则（修订草稿）');
      expect(after).toContain('本信息已修订，当前为第2版，变更日期：2026年03月03日');
      expect(after).toContain('版本记录');
    });

    it('lists documents marked 已废止 in 失效文件 and shows the mark on the item', async () => {
      const p = await publish(
        await buildPublication.draft(t, {
          title: '旧版低保审批规程',
          columnId: columns.normative,
          genre: 'normativeDocument',
          validity: 'effective',
          docNoNumber: 2,
        }),
      );
      await setValidity(await ctxOf(t, 'mz.signer'), p.id, {
        validity: 'repealed',
        note: '已被《示例市最低生活保障办法》废止',
      });
      const invalid = await get(`${base}/invalid`);
      expect(invalid.statusCode).toBe(200);
      const seen = text(invalid.body);
      expect(seen).toMatch(/名称 文号 有效性 发布日期/);
      expect(seen).toContain('旧版低保审批规程 示民发〔2026〕2号 已废止');
      expect(seen).not.toContain('示例市最低生活保障办法 示民规');
      const item = text((await get(`${base}/items/${p.id}`)).body);
      expect(item).toContain('有效性 已废止');
      expect(item).toContain('已被《示例市最低生活保障办法》废止');
      expect((await get(base)).body).toContain(`href="${base}/invalid"`);
    });

    it('hides the items of a retired column with the column (404), and shows them again when restored', async () => {
      const mszc = await nodeId(['fdzdgknr', 'mszc']);
      const p = await publish(await buildPublication.draft(t, { title: '民生实事项目公示', columnId: mszc }));
      const url = `${base}/items/${p.id}`;
      expect((await get(url)).statusCode).toBe(200);
      await retireNode(await ctxOf(t, 'mz.admin'), mszc, { reason: '栏目调整' });
      expect((await get(url)).statusCode).toBe(404);
      expect((await get(`${base}/fdzdgknr/mszc`)).statusCode).toBe(404);
      expect((await get(base)).body).not.toContain('民生实事项目公示');
      expect((await get(`${base}/fdzdgknr`)).body).not.toContain('民生实事项目公示');
      await restoreNode(await ctxOf(t, 'mz.admin'), mszc);
      expect((await get(url)).statusCode).toBe(200);
      expect((await get(base)).body).toContain('民生实事项目公示');
    });

    it('answers a withdrawn item with 410 and the notice, its reason masked of personal data', async () => {
      const p = await publish(await buildPublication.draft(t, { title: '误发的名单公示' }));
      t.clock.set('2026-03-10T03:00:00.000Z');
      await withdrawPublication(await ctxOf(t, 'mz.signer'), p.id, {
        reason: '含有个人信息（联系人13912345678），依法撤回',
      });
      const res = await get(`${base}/items/${p.id}`);
      expect(res.statusCode).toBe(410);
      const seen = text(res.body);
      expect(seen).toContain('该信息已于2026年03月10日撤回');
      expect(seen).toContain('撤回原因：含有个人信息（联系人139****5678），依法撤回');
      expect(res.body).not.toContain('13912345678');
      expect(res.body).not.toContain('误发的名单公示');
      expect(res.body).toContain('跳转到主要内容');
      expect(text((await get(base)).body)).not.toContain('误发的名单公示');
    });

    it('downloads an attachment under its Chinese name with its type, nosniff and caching', async () => {
      const url = `${base}/items/${policy.id}/attachments/${attachmentId}`;
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${ATTACHMENT_NAME.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(ATTACHMENT_NAME).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      );
      expect(
        decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'] as string)![1]!),
      ).toBe(ATTACHMENT_NAME);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const again = await get(url, { 'if-none-match': String(res.headers.etag) });
      expect(again.statusCode).toBe(304);
      expect((await get(`${base}/items/${policy.id}/attachments/nope`)).statusCode).toBe(404);
    });

    it('is cacheable: ETag, Last-Modified, public max-age=60, 304 on If-None-Match', async () => {
      for (const url of [
        base,
        `${base}/fdzdgknr/xzgfxwj`,
        `${base}/items/${policy.id}`,
        `${base}/zfxxgkzn`,
      ]) {
        const res = await get(url);
        expect(res.headers['cache-control'], url).toBe('public, max-age=60');
        expect(res.headers.etag, url).toMatch(/^"[\w-]+"$/);
        expect(Date.parse(String(res.headers['last-modified'])), url).not.toBeNaN();
        expect(res.headers['set-cookie'], url).toBeUndefined();
        expect(res.headers.vary, url).toBeUndefined();
        const cached = await get(url, { 'if-none-match': `W/${res.headers.etag}, "other"` });
        expect(cached.statusCode, url).toBe(304);
        expect(cached.body).toBe('');
        expect((await get(url, { 'if-none-match': '"stale"' })).statusCode, url).toBe(200);
      }
    });

    it('answers HEAD with the same caching headers, and malformed addresses with the standard 404', async () => {
      const head = await t.app.inject({ method: 'HEAD', url: `${base}/items/${policy.id}` });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers.etag).toBe((await get(`${base}/items/${policy.id}`)).headers.etag);
      for (const url of [
        `${base}/items`,
        `${base}/FDZDGKNR`,
        `${base}/fdzdgknr/xzgfxwj/a/b/c`,
        `${base}/fdzdgknr/%E4%B8%AD`,
        `${base}/zfxxgksq/sfbz?page=2`,
        `${base}/invalid?page=0`,
        `/gk/${'x'.repeat(60)}`,
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).toContain('页面不存在');
      }
    });

    it('returns the same page with and without cookies, signed in or not', async () => {
      const staff = await t.login('mz.editor');
      for (const url of [base, `${base}/fdzdgknr/xzgfxwj`, `${base}/items/${policy.id}`, `${base}/invalid`]) {
        const anonymous = await get(url);
        const signedIn = await staff.inject({ url });
        const junk = await get(url, { cookie: 'gk_csrf=abcdefghijklmnopqrstuvwxyz; other=1' });
        expect(signedIn.statusCode, url).toBe(200);
        expect(signedIn.body, url).toBe(anonymous.body);
        expect(junk.body, url).toBe(anonymous.body);
        expect(signedIn.headers.etag, url).toBe(anonymous.headers.etag);
        expect(signedIn.headers['set-cookie'], url).toBeUndefined();
        expect(signedIn.body).not.toContain('李编辑');
      }
    });
  });
}
