/**
 * The scheduled-publication runner (every dialect): publishes at the right time and only then, once,
 * audited as the system; an item that no longer passes the checks goes back to 领导审签 with a
 * system comment instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { upsertSettingsRow } from '../../catalog/settings.repository.js';
import { buildPublication, ctxOf, MZ } from '../publications.fixtures.js';
import { loadPublication, reviewContext } from './load.js';
import { overrideFinding } from './override-finding.js';
import { publishDue } from './publish-due.js';
import { publishNow } from './publish-now.js';

for (const dialect of dialects) {
  describe(`scheduled publication [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    const state = async (id: string) => (await loadPublication(await ctxOf(t, 'mz.signer'), id)).state;

    it('publishes when the time comes, once, as the system', async () => {
      const p = await buildPublication.scheduled(t, '2026-03-03T01:00:00+08:00');
      expect(await publishDue(t.services, new Date('2026-03-02T16:59:59Z'))).toEqual({
        published: [],
        returned: [],
      });
      expect(await state(p.id)).toBe('scheduled');
      const due = new Date('2026-03-02T17:00:30Z');
      expect(await publishDue(t.services, due)).toEqual({ published: [p.id], returned: [] });
      expect(await publishDue(t.services, due)).toEqual({ published: [], returned: [] });
      const after = await loadPublication(await ctxOf(t, 'mz.signer'), p.id);
      expect([after.state, after.publishedAt, after.publishedOn, after.scheduledAt]).toEqual([
        'published',
        '2026-03-02T17:00:30.000Z',
        '2026-03-03', // Beijing date
        null,
      ]);
      expect(after.indexNo).toMatch(/\/2026-\d{5}$/);
      const event = await t.services.db
        .selectFrom('publication_events')
        .selectAll()
        .where('publication_id', '=', p.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect([event.action, event.from_state, event.to_state, event.actor_id, event.actor_label]).toEqual([
        'publishScheduled',
        'scheduled',
        'published',
        null,
        '系统（定时发布）',
      ]);
      const audit = await t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', p.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect([audit.action, audit.actor_id, audit.actor_label]).toEqual([
        'publication.publish_scheduled',
        null,
        '系统（定时发布）',
      ]);
      const version = await t.services.db
        .selectFrom('publication_versions')
        .selectAll()
        .where('publication_id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(version.published_by).toBe(t.users['mz.signer']);
    });

    it('sends an item back to 领导审签 when a blocking finding appeared meanwhile', async () => {
      const p = await buildPublication.scheduled(t, '2026-03-05T09:00:00+08:00', {
        body: '本次调整涉及示例敏感词。',
      });
      await upsertSettingsRow(t.services.db, {
        agency_id: t.agencies[MZ]!,
        index_no_pattern: null,
        sensitive_words_json: JSON.stringify(['示例敏感词']),
        extra_contacts_json: '[]',
        workflow_steps_json: JSON.stringify(['firstReview', 'secrecyReview', 'signOff']),
        withheld_review_months: 12,
        updated_at: t.clock.now().toISOString(),
        updated_by: null,
      });
      expect(await publishDue(t.services, new Date('2026-03-05T01:00:00Z'))).toEqual({
        published: [],
        returned: [p.id],
      });
      const back = await loadPublication(await ctxOf(t, 'mz.signer'), p.id);
      expect([back.state, back.scheduledAt, back.indexNo]).toEqual(['signOff', null, null]);
      const event = await t.services.db
        .selectFrom('publication_events')
        .selectAll()
        .where('publication_id', '=', p.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect([event.action, event.actor_label]).toEqual(['unschedule', '系统（定时发布）']);
      expect(event.comment).toContain('定时发布前复核未通过，已退回审签：正文中发现敏感词“示＊＊＊＊”');
      // The signer may override with a reason and publish.
      const signer = await ctxOf(t, 'mz.signer');
      const rc = await reviewContext(t.services, back);
      await overrideFinding(signer, p.id, {
        findingKey: rc.findings[0]!.key,
        reason: '此处为引用原文，确需保留',
      });
      expect((await publishNow(signer, p.id)).state).toBe('published');
    });
  });
}
