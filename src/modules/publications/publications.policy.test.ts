/**
 * Every refusal reason, table-driven, through the real commands on a real database (every dialect):
 * the command refuses with the reason in plain Chinese, availableActions shows the same reason, and
 * nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { AppError } from '../../platform/errors.js';
import { toCatalogNode } from '../catalog/catalog.js';
import { listNodes } from '../catalog/catalog.repository.js';
import { amendPublication } from './commands/amend-publication.js';
import { approvePublication } from './commands/approve-step.js';
import { linkInterpretation } from './commands/link-interpretation.js';
import { loadPublication, reviewContext } from './commands/load.js';
import { maskBodyFindings } from './commands/mask-body-findings.js';
import { overrideFinding } from './commands/override-finding.js';
import { publishNow } from './commands/publish-now.js';
import { registerWithheld } from './commands/register-withheld.js';
import { setValidity } from './commands/set-validity.js';
import { submitPublication } from './commands/submit-publication.js';
import { updatePublication } from './commands/update-publication.js';
import { withdrawPublication } from './commands/withdraw-publication.js';
import { addStaff, buildPublication, CZ, ctxOf, MZ } from './publications.fixtures.js';
import type { Publication } from './publications.js';
import { availableActions, failureReasons, type PublicationAction } from './publications.policy.js';

const ID_NUMBER = '11010519491231002X';

interface Case {
  reason: string;
  action: PublicationAction;
  user: string;
  build: (t: TestApp) => Promise<Publication>;
  run: (t: TestApp, p: Publication) => Promise<unknown>;
}

const setColumn = async (
  t: TestApp,
  p: Publication,
  pick: (n: ReturnType<typeof toCatalogNode>) => boolean,
) => {
  const nodes = (await listNodes(t.services.db, p.agencyId)).map(toCatalogNode);
  const node = nodes.find(pick)!;
  await t.services.db
    .updateTable('publications')
    .set({ column_id: node.id })
    .where('id', '=', p.id)
    .execute();
  return { ...p, columnId: node.id };
};

const CASES: Record<string, Case> = {
  'wrong state': {
    reason: '当前状态为“草稿”，不能审核通过',
    action: 'approve',
    user: 'mz.reviewer',
    build: (t) => buildPublication.draft(t),
    run: async (t, p) => approvePublication(await ctxOf(t, 'mz.reviewer'), p.id),
  },
  'wrong role': {
    reason: '需要“初审”角色',
    action: 'approve',
    user: 'mz.secrecy',
    build: (t) => buildPublication.inReview(t, 'firstReview'),
    run: async (t, p) => approvePublication(await ctxOf(t, 'mz.secrecy'), p.id),
  },
  'another agency (a supervisor reads but never acts)': {
    reason: '只有本单位工作人员可以办理',
    action: 'approve',
    user: 'city.supervisor',
    build: (t) => buildPublication.inReview(t, 'firstReview'),
    run: async (t, p) => approvePublication(await ctxOf(t, 'city.supervisor'), p.id),
  },
  'own draft': {
    reason: '不能审核本人经手的内容：初审须由其他人员完成。',
    action: 'approve',
    user: 'mz.both',
    build: async (t) =>
      submitPublication(await ctxOf(t, 'mz.both'), (await buildPublication.draft(t, {}, 'mz.both')).id),
    run: async (t, p) => approvePublication(await ctxOf(t, 'mz.both'), p.id),
  },
  'one person, one step of a round': {
    reason: '同一轮审核中每人只能完成一个环节，您已完成“初审”',
    action: 'approve',
    user: 'mz.two',
    build: async (t) =>
      approvePublication(await ctxOf(t, 'mz.two'), (await buildPublication.inReview(t, 'firstReview')).id),
    run: async (t, p) => approvePublication(await ctxOf(t, 'mz.two'), p.id),
  },
  'missing required metadata': {
    reason: '缺少必填信息：主题分类、形成（变更）日期',
    action: 'submit',
    user: 'mz.editor',
    build: (t) => buildPublication.draft(t, { topic: null, formedOn: null }),
    run: async (t, p) => submitPublication(await ctxOf(t, 'mz.editor'), p.id),
  },
  'column retired': {
    reason: '已停用，请改选其他栏目',
    action: 'submit',
    user: 'mz.editor',
    build: async (t) => {
      const p = await buildPublication.draft(t);
      await t.services.db
        .updateTable('catalog_nodes')
        .set({ status: 'retired' })
        .where('id', '=', p.columnId!)
        .execute();
      return p;
    },
    run: async (t, p) => submitPublication(await ctxOf(t, 'mz.editor'), p.id),
  },
  'not a column': {
    reason: '不是可发布信息的栏目',
    action: 'submit',
    user: 'mz.editor',
    build: async (t) => setColumn(t, await buildPublication.draft(t), (n) => n.kind === 'section'),
    run: async (t, p) => submitPublication(await ctxOf(t, 'mz.editor'), p.id),
  },
  "another agency's column": {
    reason: '所选栏目不存在或不属于本单位',
    action: 'submit',
    user: 'mz.editor',
    build: async (t) => {
      const p = await buildPublication.draft(t);
      const other = (await listNodes(t.services.db, t.agencies[CZ]!)).find((n) => n.kind === 'column')!;
      await t.services.db
        .updateTable('publications')
        .set({ column_id: other.id })
        .where('id', '=', p.id)
        .execute();
      return p;
    },
    run: async (t, p) => submitPublication(await ctxOf(t, 'mz.editor'), p.id),
  },
  'blocking finding in the body': {
    reason: '正文中发现身份证号“110***********002X”：疑似居民身份证号码',
    action: 'submit',
    user: 'mz.editor',
    build: (t) => buildPublication.draft(t, { body: `申请人身份证号：${ID_NUMBER}` }),
    run: async (t, p) => submitPublication(await ctxOf(t, 'mz.editor'), p.id),
  },
  'publishing a withheld document': {
    reason: '公开属性不是“主动公开”，不能发布',
    action: 'publish',
    user: 'mz.signer',
    build: (t) =>
      buildPublication.atSignOff(t, {
        disclosureAttribute: 'onRequest',
        withholdGround: 'E4',
        withholdReason: '涉及第三方',
      }),
    run: async (t, p) => publishNow(await ctxOf(t, 'mz.signer'), p.id),
  },
  'registering a proactive document': {
    reason: '公开属性为“主动公开”，应发布而非登记',
    action: 'register',
    user: 'mz.signer',
    build: (t) => buildPublication.atSignOff(t),
    run: async (t, p) => registerWithheld(await ctxOf(t, 'mz.signer'), p.id),
  },
  'withdrawing what was never published': {
    reason: '尚未发布或已撤回的信息不能撤回',
    action: 'withdraw',
    user: 'mz.signer',
    build: (t) => buildPublication.atSignOff(t),
    run: async (t, p) => withdrawPublication(await ctxOf(t, 'mz.signer'), p.id, { reason: '测试' }),
  },
  'withdrawal by an editor': {
    reason: '需要“审签领导”或“单位管理员”角色',
    action: 'withdraw',
    user: 'mz.editor',
    build: (t) => buildPublication.published(t),
    run: async (t, p) => withdrawPublication(await ctxOf(t, 'mz.editor'), p.id, { reason: '测试' }),
  },
  'amending a draft': {
    reason: '当前状态为“草稿”，不能修订（新版本）',
    action: 'amend',
    user: 'mz.editor',
    build: (t) => buildPublication.draft(t),
    run: async (t, p) => amendPublication(await ctxOf(t, 'mz.editor'), p.id, { formedOn: '2026-03-01' }),
  },
  'editing outside the draft': {
    reason: '当前状态为“待初审”，只有草稿可以修改',
    action: 'edit',
    user: 'mz.editor',
    build: (t) => buildPublication.inReview(t, 'firstReview'),
    run: async (t, p) => updatePublication(await ctxOf(t, 'mz.editor'), p.id, { title: '改' }),
  },
  'editing without the editor role': {
    reason: '需要“编辑”角色',
    action: 'edit',
    user: 'mz.reviewer',
    build: (t) => buildPublication.draft(t),
    run: async (t, p) => updatePublication(await ctxOf(t, 'mz.reviewer'), p.id, { title: '改' }),
  },
  'masking when there is nothing to mask': {
    reason: '正文中没有可一键脱敏的个人信息',
    action: 'maskFindings',
    user: 'mz.editor',
    build: (t) => buildPublication.draft(t),
    run: async (t, p) => maskBodyFindings(await ctxOf(t, 'mz.editor'), p.id),
  },
  'overriding when nothing blocks': {
    reason: '没有待处理的检查问题',
    action: 'overrideFinding',
    user: 'mz.editor',
    build: (t) => buildPublication.draft(t),
    run: async (t, p) =>
      overrideFinding(await ctxOf(t, 'mz.editor'), p.id, { findingKey: 'x', reason: '理由充分' }),
  },
  'overriding after publication': {
    reason: '当前状态为“已发布”，不能处理检查问题',
    action: 'overrideFinding',
    user: 'mz.editor',
    build: (t) => buildPublication.published(t),
    run: async (t, p) =>
      overrideFinding(await ctxOf(t, 'mz.editor'), p.id, { findingKey: 'x', reason: '理由充分' }),
  },
  'validity of a genre without it': {
    reason: '只有规章和行政规范性文件需要标注有效性',
    action: 'setValidity',
    user: 'mz.editor',
    build: (t) => buildPublication.published(t),
    run: async (t, p) =>
      setValidity(await ctxOf(t, 'mz.editor'), p.id, { validity: 'repealed', note: '已废止' }),
  },
  'validity before publication': {
    reason: '信息尚未发布或已撤回，不能标注有效性',
    action: 'setValidity',
    user: 'mz.editor',
    build: (t) => buildPublication.draft(t, { genre: 'normativeDocument' }),
    run: async (t, p) =>
      setValidity(await ctxOf(t, 'mz.editor'), p.id, { validity: 'repealed', note: '已废止' }),
  },
  'linking a document that is not an interpretation': {
    reason: '只有政策解读可以关联政策文件',
    action: 'linkInterpretation',
    user: 'mz.editor',
    build: (t) => buildPublication.draft(t),
    run: async (t, p) => linkInterpretation(await ctxOf(t, 'mz.editor'), p.id, { policyId: p.id }),
  },
  'linking a withdrawn interpretation': {
    reason: '已撤回的信息不能关联',
    action: 'linkInterpretation',
    user: 'mz.editor',
    build: async (t) => {
      const p = await buildPublication.published(t, { genre: 'interpretation' });
      return withdrawPublication(await ctxOf(t, 'mz.signer'), p.id, { reason: '内容有误' });
    },
    run: async (t, p) => linkInterpretation(await ctxOf(t, 'mz.editor'), p.id, { policyId: p.id }),
  },
};

async function footprint(t: TestApp, id: string) {
  const db = t.services.db;
  const pub = await db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
  const count = async (
    table: 'publication_events' | 'audit_events' | 'publication_versions' | 'publication_finding_overrides',
  ) =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return JSON.stringify([
    pub,
    await count('publication_events'),
    await count('audit_events'),
    await count('publication_versions'),
    await count('publication_finding_overrides'),
  ]);
}

for (const dialect of dialects) {
  describe(`publication refusals [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
      await addStaff(t, 'mz.both', MZ, ['editor', 'firstReviewer']);
      await addStaff(t, 'mz.two', MZ, ['firstReviewer', 'secrecyReviewer']);
    });
    afterAll(async () => t?.close());

    it.each(Object.entries(CASES))('%s', async (_name, c) => {
      const p = await c.build(t);
      const before = await footprint(t, p.id);
      const err = await c.run(t, p).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('refused');
      expect(e.fields.map((f) => f.message).join('\n')).toContain(c.reason);
      expect(await footprint(t, p.id)).toBe(before);
      // The back office sees the same reason next to the disabled button.
      const ctx = await ctxOf(t, c.user);
      const pub = await loadPublication(ctx, p.id);
      const rc = await reviewContext(t.services, pub);
      const shown = availableActions(pub, ctx.principal, rc).find((a) => a.action === c.action)!;
      expect(shown.allowed).toBe(false);
      expect(shown.reasons.join('\n')).toContain(c.reason);
    });

    it('the scheduled-publication transition is never offered to a person', async () => {
      const p = await buildPublication.draft(t);
      const ctx = await ctxOf(t, 'mz.signer');
      const rc = await reviewContext(t.services, p);
      expect(failureReasons('publishScheduled', p, ctx.principal, rc)).toContain('由系统自动执行');
      expect(availableActions(p, ctx.principal, rc).map((a) => a.action)).not.toContain('publishScheduled');
    });

    it('lists every action with its reasons, and allows what may be done', async () => {
      const p = await buildPublication.inReview(t, 'firstReview');
      const ctx = await ctxOf(t, 'mz.reviewer');
      const actions = availableActions(p, ctx.principal, await reviewContext(t.services, p));
      expect(actions.filter((a) => a.allowed).map((a) => a.action)).toEqual(['approve', 'sendBack']);
      expect(actions.every((a) => a.allowed === (a.reasons.length === 0))).toBe(true);
    });
  });
}
