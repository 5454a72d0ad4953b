/**
 * Applicant notifications on a real database (every dialect): the outbox filled from the case timeline (one
 * row per step, never twice), the channel from the applicant's contact data, sending through a provider,
 * retries with backoff and permanent failures, the status per case — and no personal data in the outbox or
 * the log lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { legalDate } from '../../../platform/legal-date.js';
import { build, ctxOf, PERSON } from '../applications.fixtures.js';
import { sendConsultation } from '../commands/consultation.js';
import { requestCorrection } from '../commands/correction.js';
import { grantExtension } from '../commands/extension.js';
import { sendFeeNotice } from '../commands/fee.js';
import { closeOverdue } from '../commands/jobs.js';
import { approveReply, draftReply, sendReply } from '../commands/reply.js';
import { withdrawCase } from '../commands/withdraw.js';
import {
  closureReasonOfEvent,
  enqueueNotifications,
  notificationsForCase,
  RETRY_MINUTES,
  retryNotification,
  runNotificationJobs,
  sendNotifications,
  stepSentence,
} from './outbox.js';
import { logProvider, type NotificationProvider, type OutgoingMessage, type Providers } from './providers.js';
import { SmtpError } from './smtp.js';

function capture(channel: 'email' | 'sms') {
  const sent: OutgoingMessage[] = [];
  const provider: NotificationProvider = {
    name: 'capture',
    channel,
    async send(m) {
      sent.push(m);
    },
  };
  return { sent, provider };
}

for (const dialect of dialects) {
  describe(`applicant notifications [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
      t.clock.set(TEST_NOW);
      // Whatever the demo seed recorded is out of the way.
      await runNotificationJobs(t.services, {});
    });
    afterAll(async () => t?.close());
    const as = (u: string) => ctxOf(t, u);
    const statusOf = async (id: string) =>
      (await notificationsForCase(t.services.db, id)).map((n) => [n.kind, n.status, n.channel]);

    it('every step of a case is queued once and sent by e-mail to an applicant who chose e-mail', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const h = await as('mz.handler');
      await requestCorrection(h, b.id, { items: '请写明文号' });
      const c2 = await build.inProgress(t, 'mz.handler');
      await sendConsultation(h, c2.id, { addresseeKind: 'thirdParty', addresseeName: '某某公司' });
      await sendConsultation(h, c2.id, { addresseeKind: 'agency', addresseeName: '示例市财政局' });
      await grantExtension(await as('mz.office'), c2.id, { workdays: 5, reason: '需要汇总材料' });
      await sendFeeNotice(h, c2.id, { mode: 'perPage', pages: 50 });
      const c3 = await build.inProgress(t, 'mz.handler');
      await draftReply(h, c3.id, { outcome: 'disclosed', text: '予以公开。' });
      await approveReply(await as('mz.signer'), c3.id);
      await sendReply(h, c3.id);
      const c4 = await build.inProgress(t, 'mz.handler');
      await withdrawCase(h, c4.id, { reason: '申请人电话撤回' });

      const added = await enqueueNotifications(t.services);
      expect(added).toBe(11);
      expect(await enqueueNotifications(t.services)).toBe(0);
      expect(await statusOf(b.id)).toEqual([
        ['received', 'pending', null],
        ['correctionRequested', 'pending', null],
      ]);
      const consult = await notificationsForCase(t.services.db, c2.id);
      expect(consult.map((n) => [n.kind, n.status])).toEqual([
        ['received', 'pending'],
        ['consultation', 'pending'],
        ['consultation', 'skipped'],
        ['extension', 'pending'],
        ['feeNotice', 'pending'],
      ]);
      expect(consult[2]!.reason).toBe('本次征求意见未向申请人发出告知书');

      const email = capture('email');
      const sms = capture('sms');
      const r = await sendNotifications(t.services, { email: email.provider, sms: sms.provider });
      expect(r).toEqual({ sent: 10, retried: 0, failed: 0, skipped: 0 });
      expect(sms.sent).toHaveLength(0);
      expect(email.sent.every((m) => m.to === PERSON.email && m.channel === 'email')).toBe(true);
      const fee = email.sent.find((m) => m.caseId === c2.id && m.kind === 'feeNotice')!;
      expect(fee.subject).toBe('【示例市民政局】政府信息公开申请收费通知');
      expect(fee.text).toContain(c2.trackingNo);
      expect(fee.text).toContain('信息处理费200元');
      const corr = email.sent.find((m) => m.kind === 'correctionRequested')!;
      expect(corr.text).toMatch(/于2026年\d+月\d+日前补正/);
      expect(email.sent.find((m) => m.caseId === c4.id && m.kind === 'closed')!.text).toContain('已撤回');
      expect(email.sent.find((m) => m.caseId === c3.id && m.kind === 'replied')!.text).toContain(
        '已作出答复',
      );
      const shown = await notificationsForCase(t.services.db, c3.id);
      expect(shown.map((n) => [n.kindLabel, n.statusLabel, n.channelLabel])).toEqual([
        ['申请已受理', '已发送', '电子邮件'],
        ['已作出答复', '已发送', '电子邮件'],
      ]);
      // Nothing personal in the outbox.
      const outbox = JSON.stringify(
        await t.services.db.selectFrom('application_notifications').selectAll().execute(),
      );
      for (const v of Object.values(PERSON)) expect(outbox).not.toContain(v);
    });

    it('SMS to a mobile number when there is no e-mail; skipped with a reason when nothing can reach them', async () => {
      const b = await build.inProgress(t, 'mz.handler', {
        email: '',
        deliveryMethods: ['post'],
        informationForms: ['paper'],
      });
      await enqueueNotifications(t.services);
      const email = capture('email');
      const sms = capture('sms');
      await sendNotifications(t.services, { email: email.provider, sms: sms.provider });
      expect(sms.sent.map((m) => [m.to, m.kind])).toEqual([[PERSON.phone, 'received']]);
      expect(sms.sent[0]!.text).toContain(b.trackingNo);
      expect(sms.sent[0]!.text.length).toBeLessThan(120);

      const c = await build.inProgress(t, 'mz.handler', {
        email: '',
        deliveryMethods: ['post'],
        informationForms: ['paper'],
      });
      await enqueueNotifications(t.services);
      await sendNotifications(t.services, { email: email.provider });
      const [n] = await notificationsForCase(t.services.db, c.id);
      expect([n!.status, n!.reason]).toEqual(['skipped', '未配置可用的邮件或短信发送服务']);
    });

    it('a failed attempt is retried with backoff; a permanent refusal fails; staff can queue it again', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await enqueueNotifications(t.services);
      let calls = 0;
      const flaky: Providers = {
        email: {
          name: 'flaky',
          channel: 'email',
          async send() {
            calls++;
            throw new SmtpError('RCPT TO', calls < 3 ? 451 : 550);
          },
        },
      };
      expect((await sendNotifications(t.services, flaky)).retried).toBe(1);
      let [n] = await notificationsForCase(t.services.db, b.id);
      expect([n!.status, n!.attempts, n!.reason]).toEqual([
        'pending',
        1,
        '发送失败（RCPT TO，服务器代码451）',
      ]);
      // Not due yet.
      expect((await sendNotifications(t.services, flaky)).retried).toBe(0);
      const later = (min: number) => t.clock.set(new Date(Date.parse(TEST_NOW) + min * 60_000).toISOString());
      later(RETRY_MINUTES[0]!);
      expect((await sendNotifications(t.services, flaky)).retried).toBe(1);
      later(RETRY_MINUTES[0]! + RETRY_MINUTES[1]!);
      expect((await sendNotifications(t.services, flaky)).failed).toBe(1);
      [n] = await notificationsForCase(t.services.db, b.id);
      expect([n!.status, n!.attempts]).toEqual(['failed', 3]);
      expect(await retryNotification(t.services, b.id, n!.id)).toBe(true);
      const email = capture('email');
      expect((await sendNotifications(t.services, { email: email.provider })).sent).toBe(1);
      [n] = await notificationsForCase(t.services.db, b.id);
      expect(n!.status).toBe('sent');
      expect(await retryNotification(t.services, b.id, n!.id)).toBe(false);
    });

    it('the log provider logs the case and kind only', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const lines: string[] = [];
      const log = (e: Record<string, string>) => lines.push(JSON.stringify(e));
      const r = await runNotificationJobs(t.services, { email: logProvider('email', log) });
      expect(r.sent).toBeGreaterThan(0);
      expect(lines.some((l) => l.includes(b.id) && l.includes('"kind":"received"'))).toBe(true);
      for (const v of Object.values(PERSON)) for (const l of lines) expect(l).not.toContain(v);
    });

    // Last: it moves the clock (and so the outbox's cursor) on by a week.
    it('a case closed by the clock is told with its notice; the closing event says why it closed', async () => {
      t.clock.set(TEST_NOW);
      const b = await build.inProgress(t, 'mz.handler');
      await requestCorrection(await as('mz.handler'), b.id, { items: '请写明文号', deadline: '2026-03-06' });
      t.clock.set('2026-03-09T02:00:00.000Z');
      expect((await closeOverdue(t.services, legalDate('2026-03-09'))).map((x) => x.id)).toContain(b.id);
      await enqueueNotifications(t.services);
      const email = capture('email');
      await sendNotifications(t.services, { email: email.provider });
      const closed = email.sent.find((m) => m.caseId === b.id && m.kind === 'closed')!;
      expect(closed.subject).toBe('【示例市民政局】政府信息公开申请申请已办结');
      expect(closed.text).toContain('因逾期未补正，视为放弃申请，本机关不再处理，请查收告知书');
      expect(closed.text).toContain('下载有关文书');
      // A withdrawal during 重新答复 leaves the first reply's closure on the case: the event decides.
      expect(closureReasonOfEvent('withdraw', 'replied')).toBe('withdrawn');
      expect(closureReasonOfEvent('closeFeeUnpaid', 'feeUnpaid')).toBe('feeUnpaid');
      expect(closureReasonOfEvent('sendReply', 'replied')).toBe('replied');
      const facts = {
        agencyName: '示例市民政局',
        platformName: '平台',
        trackingNo: 'YSQ-2026-000001',
        dueOn: null,
        correctionDeadline: null,
        feeAmount: null,
      };
      expect(
        stepSentence('closed', { ...facts, closureReason: closureReasonOfEvent('withdraw', 'replied') }),
      ).toBe('已撤回，本机关不再处理');
      expect(stepSentence('closed', { ...facts, closureReason: 'feeUnpaid' })).toBe(
        '因逾期未缴纳信息处理费，视为放弃申请，本机关不再处理，请查收告知书',
      );
    });
  });
}
