/**
 * Intake and the remaining commands on a real database (every dialect): registration per channel with the
 * 第三十一条 receipt date, attachments (type by content, size limits, stored by SHA-256), 分办, sending a
 * reply back, deliveries of the fee notice and the 征求意见书 on the clock, the agency's settings (applied to
 * new cases only), and a rotation of the personal-data key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { textPdf } from '../../checks/test-files.fixture.js';
import { filePath } from '../../publications/files.js';
import { MZ, QH } from '../../publications/publications.fixtures.js';
import {
  build,
  ctxOf,
  expectNoPersonalData,
  expectStoredClock,
  inPersonForm,
  onlineForm,
  PERSON,
} from '../applications.fixtures.js';
import { toFee, toLetter } from '../applications.js';
import {
  findCase,
  findFee,
  listAttachments,
  listConsultations,
  listLetters,
} from '../applications.repository.js';
import { readAttachment } from '../attachments.js';
import { lookupCase } from '../public-view.js';
import { sealedPath } from '../sealed-files.js';
import { saveApplicationSettings } from '../settings.js';
import { assignCase } from './assign.js';
import { recordConsultationAnswer, sendConsultation } from './consultation.js';
import { requestCorrection } from './correction.js';
import { recordDelivery } from './delivery.js';
import { sendFeeNotice } from './fee.js';
import { confirmReceipt } from './receipt.js';
import { registerOffline } from './register-offline.js';
import { rekeyPersonalData } from './rekey.js';
import { draftReply, returnReply } from './reply.js';
import { submitOnline } from './submit-online.js';
import { viewApplicant } from './view-applicant.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

const fields = (e: AppError) => Object.fromEntries(e.fields.map((f) => [f.field, f.message]));

for (const dialect of dialects) {
  describe(`application intake and settings [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));
    const as = (u: string) => ctxOf(t, u);
    const register = async (over: Record<string, unknown>, user = 'mz.handler') =>
      registerOffline(await as(user), inPersonForm(t.services, over));

    it('registers each channel with its 第三十一条 receipt date', async () => {
      // Signed for on Friday 02-27; Saturday 02-28 is a 调休 working day → due 2026-03-26.
      const signed = await register({ channel: 'mailSigned', signedForOn: '2026-02-27' });
      expect([signed.case.state, signed.case.receivedOn, signed.case.clock.dueOn]).toEqual([
        'received',
        '2026-02-27',
        '2026-03-26',
      ]);
      await expectStoredClock(t.services, signed.case.id);
      // A plain letter waits for the confirmation with the applicant; confirmed later, it counts from then.
      const plain = await register({ channel: 'mailPlain', arrivedOn: '2026-02-27' });
      expect([plain.case.state, plain.case.receivedOn]).toEqual(['submitted', null]);
      const early = await refusal(
        confirmReceipt(await as('mz.handler'), plain.case.id, { confirmedOn: '2026-02-26' }),
      );
      expect(fields(early)).toEqual({ confirmedOn: '确认日期不能早于收到日期' });
      const confirmed = await confirmReceipt(await as('mz.handler'), plain.case.id, {
        confirmedOn: '2026-03-02',
      });
      expect([confirmed.receivedOn, confirmed.clock.dueOn]).toEqual(['2026-03-02', '2026-03-30']);
      // A fax confirmed at registration is received at once.
      const fax = await register({ channel: 'fax', arrivedOn: '2026-03-02', confirmedOn: '2026-03-02' });
      expect(fax.case.state).toBe('received');
      // Oral: only with the applicant's confirmation of what staff wrote down.
      const oral = await refusal(register({ channel: 'oral' }));
      expect(fields(oral)).toMatchObject({
        applicantConfirmed: '口头申请由工作人员代为填写，须经申请人确认（签名或盖章）后登记',
      });
      expect((await register({ channel: 'oral', applicantConfirmed: 'on' })).case.channel).toBe('oral');
      // Online is the form's; another role may not register; the code is shown once for the 回执.
      expect(fields(await refusal(register({ channel: 'online' })))).toMatchObject({
        channel: '申请渠道的取值无效',
      });
      expect((await refusal(register({}, 'mz.editor'))).code).toBe('forbidden');
      const view = await lookupCase(t.services, fax.trackingNo, fax.queryCode);
      expect(view.letters.map((l) => l.kind)).toEqual(['receipt']);
    });

    it('attachments: type by content, size limits, stored once by SHA-256 and linked to the case', async () => {
      const pdf = textPdf([['身份证明']]);
      const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
      const bad = await refusal(
        submitOnline(t.services, t.agencies[MZ]!, onlineForm(), [
          { fileName: '身份证.pdf', bytes: exe, purpose: 'identity' },
          { fileName: '大文件.pdf', bytes: new Uint8Array(10 * 1024 * 1024 + 1), purpose: 'supporting' },
        ]),
      );
      expect(bad.fields).toEqual([
        {
          field: 'attachments.0',
          message:
            '附件“身份证.pdf”不是可接受的文件类型（按文件内容识别，可接受：PDF 文档、JPEG 图片、PNG 图片、Word 97-2003 文档、Word 文档）',
        },
        { field: 'attachments.1', message: '附件“大文件.pdf”超过10 MB，不能上传' },
      ]);
      const r = await submitOnline(
        t.services,
        t.agencies[MZ]!,
        onlineForm({
          hasAgent: 'on',
          agentName: '李律师',
          agentIdKind: 'passport',
          agentIdNumber: 'E12345678',
          agentPhone: '13900139000',
        }),
        [
          { fileName: '../../身份证明.pdf', bytes: pdf, purpose: 'identity' },
          { fileName: '授权委托书.pdf', bytes: pdf, purpose: 'authorization' },
        ],
      );
      const files = await listAttachments(t.services.db, r.case.id);
      expect(files.map((f) => [f.file_name, f.purpose, f.type, Number(f.size)])).toEqual([
        ['身份证明.pdf', 'identity', 'pdf', pdf.length],
        ['授权委托书.pdf', 'authorization', 'pdf', pdf.length],
      ]);
      expect(files[0]!.sha256).toBe(files[1]!.sha256);
      // Sealed, one file per attachment (even for equal content), none in the publications' store; a
      // download gives back the original bytes.
      expect(existsSync(filePath(t.services.config.dataDir, files[0]!.sha256))).toBe(false);
      for (const f of files) {
        const onDisk = readFileSync(sealedPath(t.services.config.dataDir, 'attachment', f.id));
        expect(onDisk.includes('%PDF-')).toBe(false);
        expect((await readAttachment(t.services, r.case.id, f.id)).bytes.equals(Buffer.from(pdf))).toBe(true);
      }
      expect((await viewApplicant(await as('mz.handler'), r.case.id)).agent).toEqual({
        name: '李律师',
        idKind: 'passport',
        idNumber: 'E12345678',
        phone: '13900139000',
      });
    });

    it('分办 by the office head, to a handler of the agency only', async () => {
      const b = await build.received(t, 'mz.handler');
      expect(
        (await refusal(assignCase(await as('mz.handler'), b.id, { handlerId: t.users['mz.handler'] })))
          .message,
      ).toContain('需要“公开办负责人”角色');
      for (const u of ['mz.editor', 'qh.editor'])
        expect(
          fields(await refusal(assignCase(await as('mz.office'), b.id, { handlerId: t.users[u] }))),
        ).toEqual({
          handlerId: '承办人应为本单位在岗的依申请办理人员或公开办负责人',
        });
      const c = await assignCase(await as('mz.office'), b.id, {
        handlerId: t.users['mz.handler'],
        note: '请办理',
      });
      expect([c.state, c.handlerId]).toEqual(['inProgress', t.users['mz.handler']]);
      const again = await refusal(
        assignCase(await as('mz.office'), b.id, { handlerId: t.users['mz.handler'] }),
      );
      expect(fields(again)).toEqual({ handlerId: '本申请已由该工作人员承办' });
    });

    it('a signer sends a draft back with a comment; the next draft replaces it', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await draftReply(await as('mz.handler'), b.id, {
        outcome: 'unavailable.notHeld',
        text: '经检索，该信息不存在。',
      });
      expect(fields(await refusal(returnReply(await as('mz.signer'), b.id, {})))).toEqual({
        comment: '请填写退回意见',
      });
      const c = await returnReply(await as('mz.signer'), b.id, { comment: '请写明检索范围' });
      expect(c.state).toBe('inProgress');
      t.clock.advance(60_000);
      await draftReply(await as('mz.handler'), b.id, {
        outcome: 'unavailable.notHeld',
        text: '经检索档案室及业务系统，该信息不存在。',
      });
      const replies = (await listLetters(t.services.db, b.id))
        .map(toLetter)
        .filter((l) => l.kind === 'reply');
      expect(replies.map((l) => [l.status, l.superseded])).toEqual([
        ['draft', true],
        ['draft', false],
      ]);
      const noBasis = await refusal(
        draftReply(await as('mz.handler'), b.id, { outcome: 'otherHandling.other', text: '其他' }),
      );
      expect(fields(noBasis)).toEqual({ legalBasis: '该办理结果没有默认的法律依据，请填写答复的法律依据' });
      const noOutcome = await refusal(
        draftReply(await as('mz.handler'), b.id, { outcome: 'otherHandling.feeUnpaid', text: '未缴费' }),
      );
      expect(fields(noOutcome)).toEqual({ outcome: '办理结果的取值无效' });
    });

    it('the delivery of a fee notice or a 征求意见书 goes on the clock', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await sendFeeNotice(await as('mz.handler'), b.id, { mode: 'perPage', pages: 120 });
      const feeLetter = (await listLetters(t.services.db, b.id))
        .map(toLetter)
        .find((l) => l.kind === 'feeNotice')!;
      t.clock.set('2026-03-04T02:00:00.000Z');
      const c = await recordDelivery(await as('mz.handler'), b.id, {
        letterId: feeLetter.id,
        channel: 'post',
        proof: '挂号信 XA123456789CN',
        deliveredOn: '2026-03-03',
      });
      expect(c.clock.feePaymentDeadline).toBe('2026-03-31');
      expect(toFee((await findFee(t.services.db, b.id))!).noticeReceivedOn).toBe('2026-03-03');
      await expectStoredClock(t.services, b.id);

      t.clock.set(TEST_NOW);
      const d = await build.inProgress(t, 'mz.handler');
      await sendConsultation(await as('mz.handler'), d.id, {
        addresseeKind: 'agency',
        addresseeName: '示例市财政局',
      });
      const unknown = await refusal(
        recordConsultationAnswer(await as('mz.handler'), d.id, { consultationId: 'nope', summary: '同意' }),
      );
      expect(fields(unknown)).toEqual({ consultationId: '找不到本申请的该征求意见函' });
      const letter = (await listLetters(t.services.db, d.id))
        .map(toLetter)
        .find((l) => l.kind === 'opinionRequest')!;
      t.clock.set('2026-03-04T02:00:00.000Z');
      const e = await recordDelivery(await as('mz.handler'), d.id, {
        letterId: letter.id,
        channel: 'inPerson',
        deliveredOn: '2026-03-03',
      });
      // No answer yet: paused 03-03 … the 15th working day after 03-03 (03-24) → due 2026-03-30 + 16 = 04-22.
      expect([e.clock.state, e.clock.dueOn]).toEqual(['paused', '2026-04-22']);
      expect((await listConsultations(t.services.db, d.id))[0]!.reached_on).toBe('2026-03-03');
      await expectStoredClock(t.services, d.id);
      const twice = await refusal(
        recordDelivery(await as('mz.handler'), d.id, { letterId: letter.id, channel: 'inPerson' }),
      );
      expect(fields(twice)).toEqual({ letterId: '该文书已登记送达' });
    });

    it('a key rotation re-seals every case; old codes still work; matching survives', async () => {
      const before = await build.inProgress(t, 'mz.handler');
      const form = onlineForm();
      const online = await submitOnline(t.services, t.agencies[MZ]!, form);
      const old = t.services.config.personalDataKey;
      const sealedBefore = (await findCase(t.services.db, before.id))!.pii_envelope;
      const rotated: Services = {
        ...t.services,
        config: {
          ...t.services.config,
          personalDataKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
          personalDataPreviousKeys: [old],
        },
      };
      const { resealed } = await rekeyPersonalData(rotated, {
        actorId: null,
        actorLabel: '系统',
        requestId: null,
      });
      expect(resealed).toBeGreaterThan(1);
      const sealedAfter = (await findCase(t.services.db, before.id))!.pii_envelope;
      expect(sealedAfter).not.toBe(sealedBefore);
      expect(sealedAfter.split('.')[1]).not.toBe(sealedBefore.split('.')[1]); // the new key's id
      const ctx = { ...(await as('mz.handler')), services: rotated };
      expect((await viewApplicant(ctx, before.id)).name).toBe(PERSON.name);
      expect((await lookupCase(rotated, before.trackingNo, before.queryCode)).trackingNo).toBe(
        before.trackingNo,
      );
      const replay = await submitOnline(rotated, t.agencies[MZ]!, form);
      expect([replay.created, replay.queryCode]).toEqual([false, online.queryCode]);
      // Same applicant under the new key: the blind index matches the re-indexed old cases (重复申请 flag).
      const again = await submitOnline(rotated, t.agencies[MZ]!, onlineForm());
      expect(again.case.possibleRepeatOf).not.toBeNull();
      const keyIds = await t.services.db
        .selectFrom('application_cases')
        .select('pii_key_id')
        .distinct()
        .execute();
      expect(keyIds).toHaveLength(1);
    });

    it('agency settings apply to cases received afterwards: prefixes, default 补正期限', async () => {
      const earlier = await build.inProgress(t, 'mz.handler');
      expect((await refusal(saveApplicationSettings(await as('mz.handler'), t.agencies[MZ]!, {}))).code).toBe(
        'forbidden',
      );
      const invalid = await refusal(
        saveApplicationSettings(await as('mz.admin'), t.agencies[MZ]!, {
          correctionPeriodWorkdays: '0',
          feePaymentWorkdays: '20',
          extensionNoticeBy: 'onDueDate',
          trackingPrefix: 'mz',
        }),
      );
      expect(fields(invalid)).toEqual({
        correctionPeriodWorkdays: '默认补正期限（工作日）不能小于1',
        trackingPrefix: '申请编号前缀应为2至12位大写字母或数字，以字母开头',
      });
      await saveApplicationSettings(await as('mz.admin'), t.agencies[MZ]!, {
        correctionPeriodWorkdays: '10',
        feePaymentWorkdays: '20',
        extensionNoticeBy: 'onDueDate',
        capOpinionPause: 'on',
        letterPrefix: '示民信公开',
        trackingPrefix: 'MZSQ',
      });
      const later = await build.inProgress(t, 'mz.handler');
      expect(later.trackingNo).toBe('MZSQ-2026-000001');
      await requestCorrection(await as('mz.handler'), later.id, { items: '说明' });
      await requestCorrection(await as('mz.handler'), earlier.id, { items: '说明' });
      expect((await findCase(t.services.db, later.id))!.correction_deadline).toBe('2026-03-16'); // 10 WD
      expect((await findCase(t.services.db, earlier.id))!.correction_deadline).toBe('2026-03-23'); // 15 WD
      const notice = (await listLetters(t.services.db, later.id))
        .map(toLetter)
        .find((l) => l.kind === 'correctionNotice')!;
      expect(notice.number).toMatch(/^示民信公开〔2026〕第\d+号$/);
      // Another agency keeps the platform's defaults.
      expect((await build.received(t, 'qh.editor')).trackingNo).toMatch(/^YSQ-2026-\d{6}$/);
      expect(QH).toBe('清河县民政局');
    });

    it('after all of the above, no personal data outside the envelopes, nor in any audit event', async () => {
      await expectNoPersonalData(t.services, [
        ...Object.values(PERSON),
        '李律师',
        'E12345678',
        '13900139000',
      ]);
    });
  });
}
