/**
 * The index follows what the portal shows, through the real commands (every dialect): publishing,
 * scheduled publishing, an amendment (its draft never searchable, its publication replaces the
 * old text), 有效性, withdrawal, retiring and restoring a column, import; and a rebuild repairs a
 * damaged index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { searchQuery as query } from '../../../test/search-fixture.js';
import { systemActor } from '../accounts/commands/context.js';
import { findNodeBySlugPath } from '../catalog/catalog.repository.js';
import { restoreNode, retireNode } from '../catalog/commands/retire-node.js';
import { amendPublication } from '../publications/commands/amend-publication.js';
import { approvePublication } from '../publications/commands/approve-step.js';
import { publishDue } from '../publications/commands/publish-due.js';
import { publishNow } from '../publications/commands/publish-now.js';
import { setValidity } from '../publications/commands/set-validity.js';
import { submitPublication } from '../publications/commands/submit-publication.js';
import { updatePublication } from '../publications/commands/update-publication.js';
import { withdrawPublication } from '../publications/commands/withdraw-publication.js';
import { csvOf } from '../publications/import/import.fixtures.js';
import { importPublications } from '../publications/import/import-publications.js';
import { buildPublication, ctxOf, MZ } from '../publications/publications.fixtures.js';
import { rebuildSearchIndex } from './indexer.js';
import type { SearchQuery } from './search.js';
import { searchPublications } from './search.repository.js';

for (const dialect of dialects) {
  describe(`search index follows the portal [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    const as = (username: string) => ctxOf(t, username);
    const ids = async (q: Partial<SearchQuery>) =>
      (await searchPublications(t.services.db, query({ pageSize: 100, ...q }))).hits.map((h) => h.id);
    const mszc = async () =>
      (await findNodeBySlugPath(t.services.db, t.agencies[MZ]!, ['fdzdgknr', 'mszc']))!.id;

    it('publishing indexes the item; drafts and items in review are not found', async () => {
      const draft = await buildPublication.draft(t, { title: '关于开展候鸟栖息地巡护工作的通知' });
      expect(await ids({ text: '候鸟栖息地' })).toEqual([]);
      const review = await buildPublication.atSignOff(t, { title: '关于候鸟迁徙季节野外用火管理的通知' });
      expect(await ids({ text: '候鸟' })).toEqual([]);
      const p = await publishNow(await as('mz.signer'), review.id);
      expect(await ids({ text: '候鸟' })).toEqual([p.id]);
      expect(await ids({ text: '候鸟', field: 'title' })).toEqual([p.id]);
      expect(draft.state).toBe('draft');
    });

    it('a scheduled item is found once the runner publishes it', async () => {
      const p = await buildPublication.scheduled(t, '2026-03-03T01:00:00+08:00', {
        title: '关于湿地保护志愿服务活动的公告',
      });
      expect(await ids({ text: '湿地保护' })).toEqual([]);
      await publishDue(t.services, new Date('2026-03-02T17:00:00Z'));
      expect(await ids({ text: '湿地保护' })).toEqual([p.id]);
    });

    it('an amendment: its draft is never found, its publication replaces the old text', async () => {
      let p = await buildPublication.published(t, {
        title: '关于调整城乡居民殡葬惠民补贴标准的通知',
        body: '殡葬惠民补贴标准为每人八百元。',
      });
      expect(await ids({ text: '殡葬惠民' })).toEqual([p.id]);
      p = await amendPublication(await as('mz.editor'), p.id, { formedOn: '2026-03-02' });
      p = await updatePublication(await as('mz.editor'), p.id, {
        title: '关于调整城乡居民节地生态安葬奖补标准的通知',
        body: '节地生态安葬奖补标准为每人一千元。',
        bodyFormat: 'markdown',
      });
      expect(await ids({ text: '节地生态安葬' })).toEqual([]);
      expect(await ids({ text: '殡葬惠民' })).toEqual([p.id]);
      p = await submitPublication(await as('mz.editor'), p.id);
      p = await approvePublication(await as('mz.reviewer'), p.id);
      p = await approvePublication(await as('mz.secrecy'), p.id);
      expect(await ids({ text: '节地生态安葬' })).toEqual([]);
      p = await publishNow(await as('mz.signer'), p.id);
      expect(await ids({ text: '节地生态安葬' })).toEqual([p.id]);
      expect(await ids({ text: '殡葬惠民', field: 'title' })).toEqual([]);
    });

    it('有效性 changes what the validity filter finds', async () => {
      const p = await buildPublication.published(t, {
        genre: 'normativeDocument',
        title: '示例市流浪乞讨人员救助管理办法',
      });
      expect(await ids({ text: '流浪乞讨', validity: 'effective' })).toEqual([p.id]);
      await setValidity(await as('mz.signer'), p.id, { validity: 'repealed', note: '已被新办法废止' });
      expect(await ids({ text: '流浪乞讨', validity: 'effective' })).toEqual([]);
      expect(await ids({ text: '流浪乞讨', validity: 'repealed' })).toEqual([p.id]);
    });

    it('withdrawing removes the item, also while an amendment is under way', async () => {
      const p = await buildPublication.published(t, { title: '关于公布慈善组织年度检查结果的公告' });
      const q = await buildPublication.published(t, { title: '关于公布慈善组织认定名单的公告' });
      expect((await ids({ text: '慈善组织' })).sort()).toEqual([p.id, q.id].sort());
      await withdrawPublication(await as('mz.admin'), p.id, { reason: '结果有误，更正后重新发布' });
      await amendPublication(await as('mz.editor'), q.id, { formedOn: '2026-03-02' });
      expect(await ids({ text: '慈善组织' })).toEqual([q.id]);
      await withdrawPublication(await as('mz.signer'), q.id, { reason: '撤下' });
      expect(await ids({ text: '慈善组织' })).toEqual([]);
    });

    it('retiring a column hides its items; restoring shows them again', async () => {
      const column = await mszc();
      const p = await buildPublication.published(t, {
        title: '民生实事项目养老助餐点名单',
        columnId: column,
      });
      expect(await ids({ text: '养老助餐' })).toEqual([p.id]);
      await retireNode(await as('mz.admin'), column, { reason: '栏目调整' });
      expect(await ids({ text: '养老助餐' })).toEqual([]);
      expect(await ids({ agencyIds: [t.agencies[MZ]!] })).not.toContain(p.id);
      await restoreNode(await as('mz.admin'), column);
      expect(await ids({ text: '养老助餐' })).toEqual([p.id]);
    });

    it('imported items are indexed in the import’s transaction', async () => {
      const csv = csvOf(
        ['索引号', '标题', '栏目', '正文', '文号', '发布日期', '主题分类', '体裁'],
        [
          [
            '11510100DEMO00002X/2019-00077',
            '关于做好低收入人口动态监测工作的通知',
            'fdzdgknr/mszc',
            '各区县民政局：请做好低收入人口动态监测。',
            '示民发〔2019〕77号',
            '2019-05-06',
            '民政、扶贫、救灾',
            '通知',
          ],
        ],
      );
      const r = await importPublications(
        { services: t.services, actor: systemActor(), principal: null },
        {
          agencyId: t.agencies[MZ]!,
          file: { name: 'archive.csv', bytes: new TextEncoder().encode(csv) },
          attachments: null,
          dryRun: false,
          allowFindings: null,
        },
      );
      expect(r.ok).toBe(true);
      const found = await searchPublications(t.services.db, query({ text: '示民发[2019]77号' }));
      expect(found.docNo).toBe('示民发〔2019〕77号');
      expect(found.hits.map((h) => h.title)).toEqual(['关于做好低收入人口动态监测工作的通知']);
      expect(found.hits[0]!.publishedOn).toBe('2019-05-06');
    });

    it('a rebuild restores a damaged index and reports what it did', async () => {
      const before = await ids({});
      expect(before.length).toBeGreaterThan(5);
      const victim = before[0]!;
      await t.services.db.deleteFrom('search_items').where('publication_id', '=', victim).execute();
      // A stale row for a withdrawn item.
      expect(await ids({})).not.toContain(victim);
      const all = await rebuildSearchIndex(t.services.db);
      expect(all.indexed).toBe(before.length);
      expect(await ids({})).toEqual(before);
      const one = await rebuildSearchIndex(t.services.db, { agencyId: t.agencies[MZ]! });
      expect(one.indexed).toBe(before.length); // every item here is the 民政局's
    });
  });
}
