/**
 * Every transition through its command on a real database (every dialect): the new state, the
 * workflow event (from, to, actor, comment) and the audit event written with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import { upsertSettingsRow } from '../../catalog/settings.repository.js';
import { buildPublication, ctxOf, MZ } from '../publications.fixtures.js';
import type { Publication } from '../publications.js';
import { amendPublication } from './amend-publication.js';
import { approvePublication } from './approve-step.js';
import { publishNow } from './publish-now.js';
import { confirmRegistered, releaseRegistered } from './review-registered.js';
import { schedulePublication } from './schedule-publication.js';
import { sendBackPublication } from './send-back.js';
import { setValidity } from './set-validity.js';
import { submitPublication } from './submit-publication.js';
import { unschedulePublication } from './unschedule-publication.js';
import { withdrawPublication } from './withdraw-publication.js';

for (const dialect of dialects) {
  describe(`publication transitions [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    const as = (username: string) => ctxOf(t, username);
    const lastEvent = (id: string) =>
      t.services.db
        .selectFrom('publication_events')
        .selectAll()
        .where('publication_id', '=', id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
    const lastAudit = (id: string) =>
      t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();

    async function expectTransition(p: Publication, action: string, from: string, to: string, actor: string) {
      expect(p.state).toBe(to);
      const e = await lastEvent(p.id);
      expect([e.action, e.from_state, e.to_state]).toEqual([action, from, to]);
      expect(e.actor_id).toBe(t.users[actor]);
      const a = await lastAudit(p.id);
      expect(a.action).toBe(`publication.${action.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
      expect(JSON.parse(a.after_json!).state).toBe(to);
    }

    it('draft → 初审 → 保密审查 → 领导审签 → published', async () => {
      let p = await buildPublication.draft(t);
      p = await submitPublication(await as('mz.editor'), p.id, { comment: '请审核' });
      await expectTransition(p, 'submit', 'draft', 'firstReview', 'mz.editor');
      expect([p.round, p.steps]).toEqual([1, ['firstReview', 'secrecyReview', 'signOff']]);
      expect((await lastEvent(p.id)).comment).toBe('请审核');
      p = await approvePublication(await as('mz.reviewer'), p.id);
      await expectTransition(p, 'approve', 'firstReview', 'secrecyReview', 'mz.reviewer');
      p = await approvePublication(await as('mz.secrecy'), p.id);
      await expectTransition(p, 'approve', 'secrecyReview', 'signOff', 'mz.secrecy');
      expect(p.indexNo).toBeNull(); // assigned at publication, not before
      p = await publishNow(await as('mz.signer'), p.id);
      await expectTransition(p, 'publish', 'signOff', 'published', 'mz.signer');
      expect(p.indexNo).toMatch(/^11510100DEMO00002X\/2026-\d{5}$/);
      expect([p.publishedVersion, p.publishedOn, p.dueOn]).toEqual([1, '2026-03-02', '2026-03-26']);
      const versions = await t.services.db
        .selectFrom('publication_versions')
        .selectAll()
        .where('publication_id', '=', p.id)
        .execute();
      expect(versions.map((v) => [v.version, v.published_on, v.due_on])).toEqual([
        [1, '2026-03-02', '2026-03-26'],
      ]);
      expect(JSON.parse(versions[0]!.snapshot_json).indexNo).toBe(p.indexNo);
    });

    it('an agency that configured only 审签 still gets 保密审查', async () => {
      const agencyId = t.agencies[MZ]!;
      const now = t.clock.now().toISOString();
      await upsertSettingsRow(t.services.db, {
        agency_id: agencyId,
        index_no_pattern: null,
        sensitive_words_json: '[]',
        extra_contacts_json: '[]',
        workflow_steps_json: JSON.stringify(['signOff']),
        withheld_review_months: 12,
        updated_at: now,
        updated_by: null,
      });
      try {
        let p = await buildPublication.draft(t);
        p = await submitPublication(await as('mz.editor'), p.id);
        expect([p.state, p.steps]).toEqual(['secrecyReview', ['secrecyReview', 'signOff']]);
        p = await approvePublication(await as('mz.secrecy'), p.id);
        p = await publishNow(await as('mz.signer'), p.id);
        expect(p.state).toBe('published');
      } finally {
        await t.services.db.deleteFrom('disclosure_settings').where('agency_id', '=', agencyId).execute();
      }
    });

    it('schedule, unschedule, then publish by the same signer (redoing one step is not a second step)', async () => {
      let p = await buildPublication.atSignOff(t);
      p = await schedulePublication(await as('mz.signer'), p.id, { scheduledAt: '2026-03-03T01:00:00Z' });
      await expectTransition(p, 'schedule', 'signOff', 'scheduled', 'mz.signer');
      expect(p.scheduledAt).toBe('2026-03-03T01:00:00.000Z');
      p = await unschedulePublication(await as('mz.signer'), p.id);
      await expectTransition(p, 'unschedule', 'scheduled', 'signOff', 'mz.signer');
      expect(p.scheduledAt).toBeNull();
      p = await publishNow(await as('mz.signer'), p.id);
      expect(p.state).toBe('published');
    });

    it.each([
      ['firstReview', 'mz.reviewer'],
      ['secrecyReview', 'mz.secrecy'],
      ['signOff', 'mz.signer'],
    ] as const)('send back from %s with a required comment', async (step, reviewer) => {
      const p = await buildPublication.inReview(t, step);
      await expect(sendBackPublication(await as(reviewer), p.id, {})).rejects.toMatchObject({
        code: 'validation_failed',
        fields: [{ field: 'comment', message: '请填写退回意见' }],
      });
      const back = await sendBackPublication(await as(reviewer), p.id, { comment: '请补充依据' });
      await expectTransition(back, 'sendBack', step, 'draft', reviewer);
      expect((await lastEvent(p.id)).comment).toBe('请补充依据');
      // Resubmitted, it starts a new round.
      expect((await submitPublication(await as('mz.editor'), p.id)).round).toBe(2);
    });

    it('send back a scheduled item', async () => {
      const p = await buildPublication.scheduled(t, '2026-03-04T01:00:00Z');
      const back = await sendBackPublication(await as('mz.signer'), p.id, { comment: '暂缓发布' });
      await expectTransition(back, 'sendBack', 'scheduled', 'draft', 'mz.signer');
      expect(back.scheduledAt).toBeNull();
    });

    it('refuses a scheduled time in the past', async () => {
      const p = await buildPublication.atSignOff(t);
      await expect(
        schedulePublication(await as('mz.signer'), p.id, { scheduledAt: '2026-03-01T00:00:00Z' }),
      ).rejects.toMatchObject({ fields: [{ field: 'scheduledAt', message: '定时发布时间须晚于当前时间' }] });
    });

    it('amend: a new version through the whole workflow, keeping the 索引号', async () => {
      const first = await buildPublication.published(t);
      await expect(
        amendPublication(await as('mz.editor'), first.id, { formedOn: '2026-01-01' }),
      ).rejects.toMatchObject({
        fields: [{ field: 'formedOn', message: '变更日期不能早于上一版本的形成日期' }],
      });
      let p = await amendPublication(await as('mz.editor'), first.id, {
        formedOn: '2026-03-02',
        comment: '调整标准',
      });
      await expectTransition(p, 'amend', 'published', 'draft', 'mz.editor');
      expect([p.version, p.publishedVersion, p.indexNo, p.formedOn, p.dueOn]).toEqual([
        2,
        1,
        first.indexNo,
        '2026-03-02',
        '2026-03-30',
      ]);
      p = await submitPublication(await as('mz.editor'), p.id);
      expect(p.steps).toContain('secrecyReview');
      p = await approvePublication(await as('mz.reviewer'), p.id);
      p = await approvePublication(await as('mz.secrecy'), p.id);
      p = await publishNow(await as('mz.signer'), p.id);
      expect([p.state, p.version, p.publishedVersion, p.indexNo]).toEqual(['published', 2, 2, first.indexNo]);
      const versions = await t.services.db
        .selectFrom('publication_versions')
        .select(['version', 'due_on'])
        .where('publication_id', '=', p.id)
        .orderBy('version')
        .execute();
      expect(versions).toEqual([
        { version: 1, due_on: '2026-03-26' },
        { version: 2, due_on: '2026-03-30' },
      ]);
    });

    it('withdraw with a reason keeps the 索引号; also while an amendment is under way', async () => {
      const p = await buildPublication.published(t);
      await expect(withdrawPublication(await as('mz.signer'), p.id, {})).rejects.toMatchObject({
        fields: [{ field: 'reason', message: '请填写撤回理由' }],
      });
      const w = await withdrawPublication(await as('mz.admin'), p.id, { reason: '政策已调整' });
      await expectTransition(w, 'withdraw', 'published', 'withdrawn', 'mz.admin');
      expect([w.indexNo, w.withdrawnReason, w.publishedVersion]).toEqual([p.indexNo, '政策已调整', 1]);
      const q = await buildPublication.published(t);
      await amendPublication(await as('mz.editor'), q.id, { formedOn: '2026-03-02' });
      const w2 = await withdrawPublication(await as('mz.signer'), q.id, { reason: '撤下' });
      await expectTransition(w2, 'withdraw', 'draft', 'withdrawn', 'mz.signer');
    });

    it('validity of a published 行政规范性文件, audited', async () => {
      const p = await buildPublication.published(t, { genre: 'normativeDocument' });
      expect(p.validity).toBe('effective');
      const v = await setValidity(await as('mz.signer'), p.id, {
        validity: 'repealed',
        note: '被示民规〔2026〕1号废止',
      });
      expect([v.validity, v.validityNote, v.validityChangedOn, v.state]).toEqual([
        'repealed',
        '被示民规〔2026〕1号废止',
        '2026-03-02',
        'published',
      ]);
      const a = await lastAudit(p.id);
      expect([a.action, JSON.parse(a.after_json!).validity]).toEqual([
        'publication.set_validity',
        'repealed',
      ]);
      expect((await lastEvent(p.id)).action).toBe('setValidity');
    });

    it('register a withheld document, then re-review it (第十八条)', async () => {
      const p = await buildPublication.registered(t);
      await expectTransition(p, 'register', 'signOff', 'registered', 'mz.signer');
      expect([p.decidedOn, p.nextReviewOn, p.indexNo]).toEqual(['2026-03-02', '2027-03-02', null]);
      t.clock.set('2027-03-03T02:00:00Z');
      try {
        const kept = await confirmRegistered(await as('mz.office'), p.id, { comment: '仍属过程性信息' });
        await expectTransition(kept, 'confirmRegistered', 'registered', 'registered', 'mz.office');
        expect(kept.nextReviewOn).toBe('2028-03-03');
        const released = await releaseRegistered(await as('mz.signer'), p.id, {
          comment: '已定稿，可以公开',
        });
        await expectTransition(released, 'releaseRegistered', 'registered', 'draft', 'mz.signer');
        expect([released.disclosureAttribute, released.withholdGround, released.nextReviewOn]).toEqual([
          'proactive',
          null,
          null,
        ]);
      } finally {
        t.clock.set('2026-03-02T02:00:00.000Z');
      }
    });

    it('of two reviewers approving at once, one wins and the other is told', async () => {
      const p = await buildPublication.inReview(t, 'firstReview');
      const { addStaff } = await import('../publications.fixtures.js');
      await addStaff(t, `mz.rev2.${dialect}`, MZ, ['firstReviewer']);
      const results = await Promise.allSettled([
        approvePublication(await as('mz.reviewer'), p.id),
        approvePublication(await as(`mz.rev2.${dialect}`), p.id),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason).toBeInstanceOf(AppError);
      const events = await t.services.db
        .selectFrom('publication_events')
        .select('action')
        .where('publication_id', '=', p.id)
        .where('action', '=', 'approve')
        .execute();
      expect(events).toHaveLength(1);
    });
  });
}
