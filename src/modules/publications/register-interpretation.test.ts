/**
 * The 三项清单 register with its 第十八条 review dates, and 政策解读 links both ways with the 待解读 list
 * (every dialect).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { upsertSettingsRow } from '../catalog/settings.repository.js';
import { createPublication } from './commands/create-publication.js';
import { linkInterpretation } from './commands/link-interpretation.js';
import { unlinkInterpretation } from './commands/unlink-interpretation.js';
import {
  interpretationsOf,
  policiesAwaitingInterpretation,
  policiesOf,
} from './interpretation.repository.js';
import { buildPublication, columnOf, completeInput, ctxOf, MZ, QH } from './publications.fixtures.js';
import { registerDue, registerEntries } from './register.repository.js';

for (const dialect of dialects) {
  describe(`三项清单 register [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    it('enters withheld and on-request decisions with their next review date', async () => {
      const mz = t.agencies[MZ]!;
      const withheld = await buildPublication.registered(t);
      await upsertSettingsRow(t.services.db, {
        agency_id: mz,
        index_no_pattern: null,
        sensitive_words_json: '[]',
        extra_contacts_json: '[]',
        workflow_steps_json: JSON.stringify(['firstReview', 'secrecyReview', 'signOff']),
        withheld_review_months: 6,
        updated_at: t.clock.now().toISOString(),
        updated_by: null,
      });
      const onRequest = await buildPublication.registered(t, {
        disclosureAttribute: 'onRequest',
        withholdGround: 'E4',
        withholdReason: '涉及企业商业秘密',
      });
      expect([withheld.withholdGround, withheld.decidedOn, withheld.nextReviewOn]).toEqual([
        'E6',
        '2026-03-02',
        '2027-03-02',
      ]);
      expect([onRequest.disclosureAttribute, onRequest.nextReviewOn]).toEqual(['onRequest', '2026-09-02']);
      expect((await registerEntries(t.services.db, [mz])).map((r) => r.id)).toEqual([
        onRequest.id,
        withheld.id,
      ]);
      expect(await registerDue(t.services.db, [mz], '2026-09-01')).toEqual([]);
      expect((await registerDue(t.services.db, [mz], '2026-09-02')).map((r) => r.id)).toEqual([onRequest.id]);
      expect((await registerDue(t.services.db, [mz], '2027-03-02')).map((r) => r.id)).toEqual([
        onRequest.id,
        withheld.id,
      ]);
      expect(await registerDue(t.services.db, [t.agencies[QH]!], '2030-01-01')).toEqual([]);
    });
  });

  describe(`政策解读 links [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    it('links an interpretation to its policies both ways; 待解读 until linked', async () => {
      const mz = t.agencies[MZ]!;
      const policy = await buildPublication.published(t, {
        genre: 'normativeDocument',
        title: '示例市最低生活保障办法',
      });
      const notice = await buildPublication.published(t, { genre: 'notice' });
      const awaiting = async () =>
        (await policiesAwaitingInterpretation(t.services.db, [mz])).map((r) => r.id);
      expect(await awaiting()).toEqual([policy.id]);
      expect(await awaiting()).not.toContain(notice.id);

      const interpretation = await buildPublication.draft(t, {
        genre: 'interpretation',
        title: '《示例市最低生活保障办法》解读',
      });
      const editor = await ctxOf(t, 'mz.editor');
      expect(
        (await linkInterpretation(editor, interpretation.id, { policyId: policy.id })).map((p) => p.id),
      ).toEqual([policy.id]);
      expect((await policiesOf(t.services.db, interpretation.id)).map((r) => r.id)).toEqual([policy.id]);
      expect((await interpretationsOf(t.services.db, policy.id)).map((r) => r.id)).toEqual([
        interpretation.id,
      ]);
      expect(await awaiting()).toEqual([]);
      await expect(
        linkInterpretation(editor, interpretation.id, { policyId: policy.id }),
      ).rejects.toMatchObject({
        fields: [{ field: 'policyId', message: '已经关联了该政策文件' }],
      });
      await expect(
        linkInterpretation(editor, interpretation.id, { policyId: interpretation.id }),
      ).rejects.toMatchObject({
        fields: [{ field: 'policyId', message: '不能关联另一篇政策解读，请选择政策文件' }],
      });

      // Both pages show the link (the detail of each, as staff see it).
      const reader = await t.login('mz.reviewer');
      const ofPolicy = (await reader.inject({ url: `/api/v1/publications/${policy.id}` })).json();
      expect(ofPolicy.interpretations.map((p: { id: string }) => p.id)).toEqual([interpretation.id]);
      const ofInterpretation = (
        await reader.inject({ url: `/api/v1/publications/${interpretation.id}` })
      ).json();
      expect(ofInterpretation.policies.map((p: { id: string }) => p.id)).toEqual([policy.id]);

      // A supervisor sees every agency's policies still without interpretation.
      const other = await buildPublication.published(t, { genre: 'rule', validity: 'effective' });
      const supervisor = await t.login('city.supervisor');
      const seen = (await supervisor.inject({ url: '/api/v1/policies-awaiting-interpretation' })).json();
      expect(seen.items.map((p: { id: string }) => p.id)).toEqual([other.id]);

      expect(await unlinkInterpretation(editor, interpretation.id, policy.id)).toEqual([]);
      expect((await awaiting()).sort()).toEqual([policy.id, other.id].sort());
    });

    it("links to another agency's policy only once it is public", async () => {
      const draftPolicy = await buildPublication.draft(t, { genre: 'normativeDocument' });
      const livePolicy = await buildPublication.published(t, { genre: 'normativeDocument' });
      const qhEditor = await ctxOf(t, 'qh.editor');
      const interpretation = await createPublication(
        qhEditor,
        t.agencies[QH]!,
        completeInput(await columnOf(t, QH), { genre: 'interpretation' }),
      );
      await expect(
        linkInterpretation(qhEditor, interpretation.id, { policyId: draftPolicy.id }),
      ).rejects.toMatchObject({
        fields: [{ field: 'policyId', message: '政策文件不存在' }],
      });
      const linked = await linkInterpretation(qhEditor, interpretation.id, { policyId: livePolicy.id });
      expect(linked.map((p) => p.id)).toEqual([livePolicy.id]);
    });
  });
}
