/**
 * The publications JSON API with four people of 示例市民政局 (every dialect): create, edit, the review
 * chain to publication, refusals with their reasons, queues and filters, access answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { buildPublication, columnOf, completeInput, MZ } from '../publications.fixtures.js';

for (const dialect of dialects) {
  describe(`publications API [${dialect}]`, () => {
    let t: TestApp;
    const c: Record<string, Client> = {};
    beforeAll(async () => {
      t = await testApp(dialect);
      for (const u of ['mz.editor', 'mz.reviewer', 'mz.secrecy', 'mz.signer', 'qh.editor', 'city.supervisor'])
        c[u] = await t.login(u);
    });
    afterAll(async () => t?.close());

    const post = (u: string, url: string, payload: object = {}) =>
      c[u]!.inject({ method: 'POST', url, payload });
    const step = (u: string, id: string, action: string, payload: object = {}) =>
      post(u, `/api/v1/publications/${id}/${action}`, payload);

    it('drafts, reviews in three steps and publishes', async () => {
      const agencyId = t.agencies[MZ]!;
      const bad = await post('mz.editor', `/api/v1/agencies/${agencyId}/publications`, {
        title: '',
        docNoYear: '二〇二六',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual([
        { field: 'title', message: '请填写标题' },
        { field: 'docNoYear', message: '文号年份必须是整数' },
      ]);
      const created = await post('mz.editor', `/api/v1/agencies/${agencyId}/publications`, {
        title: '关于开展2026年度低保复核的通知',
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().publication.id;
      expect(created.json().publication).toMatchObject({ state: 'draft', publisherName: MZ, indexNo: null });
      const submitEarly = await step('mz.editor', id, 'submit');
      expect(submitEarly.statusCode).toBe(422);
      expect(submitEarly.json().error.fields[0].message).toBe(
        '缺少必填信息：正文、主题分类、体裁、栏目、形成（变更）日期',
      );

      const patched = await c['mz.editor']!.inject({
        method: 'PATCH',
        url: `/api/v1/publications/${id}`,
        payload: completeInput(await columnOf(t), {
          title: '关于开展2026年度低保复核的通知',
          body: '# 通知\n\n请各区按期完成。<script>alert(1)</script>',
        }),
      });
      expect(patched.statusCode).toBe(200);
      const pub = patched.json().publication;
      expect(pub.docNo).toBe('示民发〔2026〕3号');
      expect(pub.bodyHtml).toBe('<h2>通知</h2>\n<p>请各区按期完成。</p>\n');
      expect(patched.json().actions.find((a: { action: string }) => a.action === 'submit')).toMatchObject({
        allowed: true,
        reasons: [],
      });

      expect((await step('mz.editor', id, 'submit')).json().publication.state).toBe('firstReview');
      // The editor cannot approve (wrong role: 403 at the door); the reviewer can.
      expect((await step('mz.editor', id, 'approve')).statusCode).toBe(403);
      expect((await step('mz.reviewer', id, 'approve', { comment: '同意' })).json().publication.state).toBe(
        'secrecyReview',
      );
      expect((await step('mz.secrecy', id, 'approve')).json().publication.state).toBe('signOff');
      const published = await step('mz.signer', id, 'publish');
      expect(published.statusCode).toBe(200);
      const detail = published.json();
      expect(detail.publication).toMatchObject({
        state: 'published',
        live: true,
        indexNo: '11510100DEMO00002X/2026-00001',
      });
      expect(detail.versions).toHaveLength(1);
      expect(detail.events.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
        ['submit', '李编辑（mz.editor）'],
        ['approve', '王初审（mz.reviewer）'],
        ['approve', '赵保密（mz.secrecy）'],
        ['publish', '陈局长（mz.signer）'],
      ]);
      expect(
        detail.actions
          .filter((a: { allowed: boolean }) => a.allowed)
          .map((a: { action: string }) => a.action),
      ).toEqual(['withdraw']);
    });

    it('answers 404 outside the scope, and lets a supervisor read', async () => {
      const p = await buildPublication.draft(t);
      expect((await c['qh.editor']!.inject({ url: `/api/v1/publications/${p.id}` })).statusCode).toBe(404);
      expect((await step('qh.editor', p.id, 'submit')).statusCode).toBe(404);
      const seen = await c['city.supervisor']!.inject({ url: `/api/v1/publications/${p.id}` });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().actions.every((a: { allowed: boolean }) => !a.allowed)).toBe(true);
    });

    it('lists with filters and paging, and serves each person their queues', async () => {
      const agencyId = t.agencies[MZ]!;
      await buildPublication.draft(t, { title: '关于城乡低保资金的公示' });
      const inReview = await buildPublication.inReview(t, 'firstReview', {
        title: '关于低保边缘家庭认定的通知',
      });
      const list = await c['mz.reviewer']!.inject({
        url: `/api/v1/agencies/${agencyId}/publications?q=${encodeURIComponent('低保')}&limit=1`,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBeGreaterThanOrEqual(2);
      expect(list.json().items).toHaveLength(1);
      const states = await c['mz.reviewer']!.inject({
        url: `/api/v1/agencies/${agencyId}/publications?state=firstReview`,
      });
      expect(states.json().items.map((i: { id: string }) => i.id)).toContain(inReview.id);
      expect(states.json().items.every((i: { state: string }) => i.state === 'firstReview')).toBe(true);

      const review = (await c['mz.reviewer']!.inject({ url: '/api/v1/my/publications?queue=review' })).json();
      expect(review.items.map((i: { id: string }) => i.id)).toContain(inReview.id);
      const secrecyQueue = (
        await c['mz.secrecy']!.inject({ url: '/api/v1/my/publications?queue=review' })
      ).json();
      expect(secrecyQueue.items.map((i: { id: string }) => i.id)).not.toContain(inReview.id);
      const drafts = (await c['mz.editor']!.inject({ url: '/api/v1/my/publications' })).json();
      expect(drafts.items.every((i: { state: string }) => i.state === 'draft')).toBe(true);
      expect(drafts.items.map((i: { title: string }) => i.title)).toContain('关于城乡低保资金的公示');
      const published = (
        await c['mz.editor']!.inject({ url: '/api/v1/my/publications?queue=published' })
      ).json();
      expect(published.total).toBeGreaterThanOrEqual(1);
    });

    it('shows timeliness and the register to readers of the agency', async () => {
      const agencyId = t.agencies[MZ]!;
      await buildPublication.registered(t);
      const timely = await c['city.supervisor']!.inject({
        url: `/api/v1/agencies/${agencyId}/publication-timeliness?from=2026-01-01&to=2026-12-31`,
      });
      expect(timely.json().items[0]).toMatchObject({
        agencyId,
        onTime: timely.json().items[0].published,
        rate: 1,
      });
      const overview = (await c['city.supervisor']!.inject({ url: '/api/v1/publication-timeliness' })).json();
      expect(overview.items.map((i: { agencyId: string }) => i.agencyId)).toContain(agencyId);
      const register = (
        await c['mz.signer']!.inject({ url: `/api/v1/agencies/${agencyId}/publication-register` })
      ).json();
      expect(register.items).toHaveLength(1);
      expect(register.items[0]).toMatchObject({ state: 'registered', nextReviewOn: '2027-03-02' });
      const due = (
        await c['mz.signer']!.inject({ url: `/api/v1/agencies/${agencyId}/publication-register?due=true` })
      ).json();
      expect(due.items).toEqual([]);
    });
  });
}
