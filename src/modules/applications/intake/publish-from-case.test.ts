/**
 * 第四十四条 on a real database (every dialect): a case replied 予以公开 / 部分公开 becomes a draft publication
 * of its agency through the publications module's create command, prefilled with the information's name and
 * 文号, linked to the case, with a timeline event and an audit event — and refused, in Chinese, without a
 * disclosing reply or without the editor role.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import { submitPublication } from '../../publications/commands/submit-publication.js';
import { updatePublication } from '../../publications/commands/update-publication.js';
import { columnOf, completeInput, MZ, QH } from '../../publications/publications.fixtures.js';
import { build, ctxOf, expectNoPersonalData, PERSON } from '../applications.fixtures.js';
import { listEvents } from '../applications.repository.js';
import { approveReply, draftReply, sendReply } from '../commands/reply.js';
import { INTAKE_EVENT_LABELS } from './events.js';
import { draftPublicationFromCase, listPublicationsFromCase, splitDocNo } from './publish-from-case.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe('splitDocNo', () => {
  it('splits the usual shapes of a 文号 and leaves anything else alone', () => {
    expect(splitDocNo('示民发〔2025〕12号')).toEqual({
      docNoPrefix: '示民发',
      docNoYear: '2025',
      docNoNumber: '12',
    });
    expect(splitDocNo('示民发[2025]第012号')).toEqual({
      docNoPrefix: '示民发',
      docNoYear: '2025',
      docNoNumber: '12',
    });
    expect(splitDocNo('国办函（2020）109号')?.docNoNumber).toBe('109');
    expect(splitDocNo('2025年第3号公告')).toBeNull();
    expect(splitDocNo(null)).toBeNull();
  });
});

for (const dialect of dialects) {
  describe(`draftPublicationFromCase [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));
    const as = (u: string) => ctxOf(t, u);

    async function replied(outcome: string, over: Record<string, unknown> = {}) {
      const b = await build.inProgress(t, 'mz.handler', over);
      await draftReply(await as('mz.handler'), b.id, { outcome, text: '经审查，答复如下。' });
      await approveReply(await as('mz.signer'), b.id);
      await sendReply(await as('mz.handler'), b.id);
      return b;
    }

    it('turns a 予以公开 reply into a draft of the agency, prefilled, linked, on the timeline and audited', async () => {
      const b = await replied('disclosed', { infoDocNo: '示民发〔2025〕12号' });
      const { publicationId } = await draftPublicationFromCase(await as('mz.editor'), b.id, {
        ground: 'repeatedRequests',
        note: '本月第三次有人申请该文件',
      });
      const pub = await t.services.db
        .selectFrom('publications')
        .selectAll()
        .where('id', '=', publicationId)
        .executeTakeFirstOrThrow();
      expect([
        pub.agency_id,
        pub.state,
        pub.title,
        pub.doc_no_prefix,
        Number(pub.doc_no_year),
        Number(pub.doc_no_number),
        pub.publisher_name,
        pub.created_by,
        pub.body_source,
      ]).toEqual([
        t.agencies[MZ],
        'draft',
        '关于调整城乡居民最低生活保障标准的通知',
        '示民发',
        2025,
        12,
        MZ,
        t.users['mz.editor'],
        '',
      ]);
      const links = await listPublicationsFromCase(t.services, b.id);
      expect(links.map((l) => [l.publicationId, l.ground, l.state])).toEqual([
        [publicationId, 'repeatedRequests', 'draft'],
      ]);
      const last = (await listEvents(t.services.db, b.id)).at(-1)!;
      expect([last.action, last.clock, last.from_state, last.to_state, last.on_date]).toEqual([
        'toProactive',
        0,
        'replied',
        'replied',
        '2026-03-02',
      ]);
      expect(last.note).toContain('转为主动公开');
      expect(INTAKE_EVENT_LABELS[last.action]).toBe('转为主动公开');
      expect(last.note).toContain('第四十四条第一款');
      const audits = await t.services.db
        .selectFrom('audit_events')
        .select(['action', 'target_id', 'agency_id'])
        .where('target_id', 'in', [b.id, publicationId])
        .where('action', 'in', ['application.to_proactive', 'publication.create'])
        .execute();
      expect(audits.map((a) => a.action).sort()).toEqual(['application.to_proactive', 'publication.create']);
      // The draft goes into the usual workflow (the editor submits it to 初审 when complete).
      const {
        title: _t,
        docNoPrefix: _p,
        docNoYear: _y,
        docNoNumber: _n,
        ...rest
      } = completeInput(await columnOf(t));
      await updatePublication(await as('mz.editor'), publicationId, rest);
      const inReview = await submitPublication(await as('mz.editor'), publicationId);
      expect([inReview.state, inReview.title, inReview.docNoNumber]).toEqual([
        'firstReview',
        '关于调整城乡居民最低生活保障标准的通知',
        12,
      ]);
      // The applicant's personal data is nowhere but in its envelope.
      await expectNoPersonalData(t.services, Object.values(PERSON));
      const pubText = JSON.stringify(pub);
      for (const v of Object.values(PERSON)) expect(pubText).not.toContain(v);
    });

    it('部分公开 counts; a second publication of the same case is allowed; title may be given', async () => {
      const b = await replied('partlyDisclosed', { infoTitle: '', infoDocNo: '无' });
      const missing = await refusal(
        draftPublicationFromCase(await as('mz.editor'), b.id, { ground: 'publicInterest' }),
      );
      expect(missing.fields).toEqual([{ field: 'title', message: '申请未写明所需信息的名称，请填写标题' }]);
      const badGround = await refusal(
        draftPublicationFromCase(await as('mz.editor'), b.id, { ground: 'x', title: '某文件' }),
      );
      expect(badGround.fields).toEqual([{ field: 'ground', message: '转为主动公开的理由的取值无效' }]);
      const one = await draftPublicationFromCase(await as('mz.editor'), b.id, {
        ground: 'publicInterest',
        title: '2025年度低保资金发放情况',
      });
      const two = await draftPublicationFromCase(await as('mz.editor'), b.id, {
        ground: 'publicInterest',
        title: '2025年度低保对象名册（已去除个人信息）',
      });
      const links = await listPublicationsFromCase(t.services, b.id);
      // Same instant under the test clock: compared as a set.
      expect(links.map((l) => l.publicationId).sort()).toEqual([one.publicationId, two.publicationId].sort());
      const pub = await t.services.db
        .selectFrom('publications')
        .select(['doc_no_prefix', 'title'])
        .where('id', '=', one.publicationId)
        .executeTakeFirstOrThrow();
      expect(pub).toEqual({ doc_no_prefix: null, title: '2025年度低保资金发放情况' });
    });

    it('refuses without a disclosing reply, without the editor role, and outside the agency', async () => {
      const open = await build.inProgress(t, 'mz.handler');
      const count = async () =>
        Number(
          (
            await t.services.db
              .selectFrom('publications')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const notYet = await refusal(
        draftPublicationFromCase(await as('mz.editor'), open.id, { ground: 'publicInterest' }),
      );
      expect([notYet.code, notYet.message]).toEqual([
        'refused',
        '不能转为主动公开：本申请没有已发出的“予以公开”或“部分公开”答复，只有已答复公开的信息才能转为主动公开',
      ]);
      const withheld = await replied('withheld.processInformation');
      const w = await refusal(
        draftPublicationFromCase(await as('mz.editor'), withheld.id, { ground: 'publicInterest' }),
      );
      expect(w.message).toContain('没有已发出的“予以公开”或“部分公开”答复');
      const disclosed = await replied('disclosed');
      const handler = await refusal(
        draftPublicationFromCase(await as('mz.handler'), disclosed.id, { ground: 'publicInterest' }),
      );
      expect(handler.fields.map((f) => f.message)).toEqual([
        '只有本单位的编辑可以将答复公开的信息转为主动公开',
      ]);
      // Another agency's editor does not even learn that the case exists.
      const foreign = await refusal(
        draftPublicationFromCase(await as('qh.editor'), disclosed.id, { ground: 'publicInterest' }),
      );
      expect([foreign.code, foreign.message]).toEqual(['not_found', '该申请不存在。']);
      expect(t.agencies[QH]).toBeTruthy();
      // Nothing was written by the refusals.
      expect(await count()).toBe(before);
      expect(await listPublicationsFromCase(t.services, disclosed.id)).toEqual([]);
    });
  });
}
