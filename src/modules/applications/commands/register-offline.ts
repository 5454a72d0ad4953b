/**
 * 登记申请 received other than online: 当面, 口头 (staff fill in the form; the applicant confirms it),
 * 信函 (signed for, or a plain letter), 传真, 电子邮件. The receipt date follows 第三十一条 (clock.ts
 * `legalReceiptDate`): the day handed in / made, the day signed for, or — for a plain letter, a fax or an
 * e-mail — the day the office confirmed with the applicant. Without that confirmation yet, the case waits in
 * `submitted` like an online one (confirmReceipt). The query code is random and returned once, for the 回执.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import { type Input, readBool, readChoice, readText } from '../../../platform/validate.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { toCase } from '../applications.js';
import { findCaseByIdempotencyKey } from '../applications.repository.js';
import { storeUploads, type Upload } from '../attachments.js';
import { type ClockEvent, legalReceiptDate, type ReceiptFacts } from '../clock.js';
import { type Channel, channelInfo } from '../codes.js';
import { readApplicant, readInformation } from '../personal.js';
import { formatQueryCode, randomQueryCode } from '../query-code.js';
import { ACTION_SPECS } from '../workflow.js';
import { createCase } from './create-case.js';
import { readDate } from './inputs.js';
import { isUniqueViolation, type SubmitResult } from './submit-online.js';

export const OFFLINE_CHANNELS: readonly Channel[] = [
  'inPerson',
  'oral',
  'mailSigned',
  'mailPlain',
  'fax',
  'email',
];

export async function registerOffline(
  ctx: CommandContext,
  input: Input,
  uploads: readonly Upload[] = [],
): Promise<SubmitResult> {
  const p = ctx.principal;
  const agencyId = p.agencyId;
  if (!agencyId || !canAct(p, agencyId, ACTION_SPECS.registerOffline.roles))
    throw new AppError('forbidden', '只有本单位的依申请办理人员或公开办负责人可以登记申请。');
  const fe = new FieldErrors();
  const today = chinaToday(ctx.services.clock.now());
  const channel = readChoice(fe, input, 'channel', '申请渠道', OFFLINE_CHANNELS);
  const facts: ReceiptFacts = { channel: channel ?? 'inPerson' };
  let arrivedOn: LegalDate | null = null;
  if (channel) {
    const rule = channelInfo(channel).receiptRule;
    if (rule === 'submitted') {
      arrivedOn = readDate(fe, input, 'submittedOn', '提交日期', { required: true });
      if (arrivedOn) facts.submittedOn = arrivedOn;
    } else if (rule === 'signedFor') {
      arrivedOn = readDate(fe, input, 'signedForOn', '签收日期', { required: true });
      if (arrivedOn) facts.signedForOn = arrivedOn;
    } else {
      arrivedOn = readDate(fe, input, 'arrivedOn', '收到日期', { required: true });
      if (arrivedOn) facts.arrivedOn = arrivedOn;
      const confirmedOn = readDate(fe, input, 'confirmedOn', '确认日期');
      if (confirmedOn) facts.confirmedOn = confirmedOn;
    }
    if (channel === 'oral' && !readBool(input, 'applicantConfirmed'))
      fe.add('applicantConfirmed', '口头申请由工作人员代为填写，须经申请人确认（签名或盖章）后登记');
  }
  if (arrivedOn && arrivedOn > today) fe.add('arrivedOn', '收到日期不能晚于今天');
  const info = readInformation(fe, input);
  const { kind, data } = readApplicant(fe, input, {
    today,
    deliveryMethods: info.deliveryMethods,
    forms: info.forms,
  });
  const note = readText(fe, input, 'note', '登记备注', { max: 500 });
  const key = readText(fe, input, 'idempotencyKey', '表单标识', {
    max: 100,
    pattern: /^[A-Za-z0-9_-]{16,100}$/,
    patternHint: '无效，请刷新页面后重新提交',
  });
  if (data.agent && !uploads.some((u) => u.purpose === 'authorization'))
    fe.add('attachments', '委托他人代为申请的，请上传授权委托书');
  // The receipt date and its checks (a confirmation before the arrival is refused).
  let receipt: Extract<ClockEvent, { kind: 'received' }> | null = null;
  if (channel && arrivedOn) {
    const needsConfirmation = channelInfo(channel).receiptRule === 'confirmed';
    if (!needsConfirmation || facts.confirmedOn) {
      const r = legalReceiptDate(facts);
      if (!r.ok) fe.add(r.field, r.message);
      else if (r.receivedOn > today) fe.add('confirmedOn', '收到申请之日不能晚于今天');
      else receipt = { kind: 'received', ...facts };
    }
  }
  fe.throwIfAny();

  if (key) {
    const existing = await findCaseByIdempotencyKey(ctx.services.db, key);
    if (existing)
      throw new AppError('conflict', `此登记表已提交过（申请编号${existing.tracking_no}），请勿重复登记。`);
  }
  const stored = await storeUploads(ctx.services.config, uploads);
  const queryCode = randomQueryCode();
  try {
    const row = await createCase(ctx.services, {
      agencyId,
      channel: channel!,
      kind: kind!,
      applicant: data,
      info,
      arrivedOn: arrivedOn!,
      receipt,
      idempotencyKey: key || null,
      submissionHash: null,
      queryCode,
      uploads: stored,
      createdBy: p.userId,
      action: 'registerOffline',
      actor: auditActor(ctx),
      note: note || null,
    });
    return {
      case: toCase(row),
      trackingNo: row.tracking_no,
      queryCode: formatQueryCode(queryCode),
      created: true,
    };
  } catch (e) {
    if (key && isUniqueViolation(e)) throw new AppError('conflict', '此登记表已提交过，请勿重复登记。');
    throw e;
  }
}
