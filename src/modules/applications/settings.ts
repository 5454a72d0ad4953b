/**
 * Per-agency settings of 依申请公开: the clock's open points (docs/legal/clock.md: the default 补正期限, the
 * payment period, the cap on late answers, the last day for an extension notice), the 代字 in letter numbers
 * and an optional tracking-number prefix. An agency without a row uses the defaults.
 */
import { AppError, FieldErrors } from '../../platform/errors.js';
import type { Db } from '../../platform/services.js';
import { type Input, readBool, readChoice, readInt, readText } from '../../platform/validate.js';
import { canAct } from '../accounts/accounts.policy.js';
import { auditActor, type CommandContext } from '../accounts/commands/context.js';
import { findSettingsRow } from './applications.repository.js';
import { type ClockSettings, DEFAULT_CLOCK_SETTINGS } from './clock.js';

export interface ApplicationSettings {
  clock: ClockSettings;
  /** 代字 before 〔YYYY〕第N号 in letter numbers; null: none. */
  letterPrefix: string | null;
  /** Tracking numbers: `${prefix}-YYYY-NNNNNN`; null: the platform's 'YSQ'. */
  trackingPrefix: string | null;
}

export const DEFAULT_TRACKING_PREFIX = 'YSQ';

export async function getApplicationSettings(db: Db, agencyId: string): Promise<ApplicationSettings> {
  const row = await findSettingsRow(db, agencyId);
  if (!row) return { clock: { ...DEFAULT_CLOCK_SETTINGS }, letterPrefix: null, trackingPrefix: null };
  return {
    clock: {
      correctionPeriodWorkdays: Number(row.correction_period_workdays),
      feePaymentWorkdays: Number(row.fee_payment_workdays),
      capOpinionPauseAtAnswerPeriod: Number(row.cap_opinion_pause) === 1,
      extensionNoticeBy: row.extension_notice_by === 'beforeDueDate' ? 'beforeDueDate' : 'onDueDate',
    },
    letterPrefix: row.letter_prefix,
    trackingPrefix: row.tracking_prefix,
  };
}

/** Saves an agency's settings: its agency admin or 公开办负责人. One audit event; no personal data involved. */
export async function saveApplicationSettings(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<ApplicationSettings> {
  if (!canAct(ctx.principal, agencyId, ['agencyAdmin', 'officeHead']))
    throw new AppError('forbidden', '只有本单位的单位管理员或公开办负责人可以修改依申请公开设置。');
  const fe = new FieldErrors();
  const correction = readInt(fe, input, 'correctionPeriodWorkdays', '默认补正期限（工作日）', {
    required: true,
    min: 1,
    max: 60,
  });
  const fee = readInt(fe, input, 'feePaymentWorkdays', '缴费期限（工作日）', {
    required: true,
    min: 1,
    max: 60,
  });
  const noticeBy = readChoice(fe, input, 'extensionNoticeBy', '延期告知的最后一日', [
    'onDueDate',
    'beforeDueDate',
  ] as const);
  const letterPrefix = readText(fe, input, 'letterPrefix', '文书代字', {
    max: 20,
    pattern: /^[\p{Script=Han}A-Za-z0-9]+$/u,
    patternHint: '只能包含汉字、字母和数字',
  });
  const trackingPrefix = readText(fe, input, 'trackingPrefix', '申请编号前缀', {
    max: 12,
    pattern: /^[A-Z][A-Z0-9]{1,11}$/,
    patternHint: '应为2至12位大写字母或数字，以字母开头',
  });
  fe.throwIfAny();
  const { db, audit, clock } = ctx.services;
  const before = await getApplicationSettings(db, agencyId);
  const now = clock.now().toISOString();
  const row = {
    agency_id: agencyId,
    correction_period_workdays: correction!,
    fee_payment_workdays: fee!,
    cap_opinion_pause: readBool(input, 'capOpinionPause') ? 1 : 0,
    extension_notice_by: noticeBy!,
    letter_prefix: letterPrefix || null,
    tracking_prefix: trackingPrefix || null,
    updated_by: ctx.principal.userId,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('application_settings')
      .values(row)
      .onConflict((oc) =>
        oc.column('agency_id').doUpdateSet({
          correction_period_workdays: row.correction_period_workdays,
          fee_payment_workdays: row.fee_payment_workdays,
          cap_opinion_pause: row.cap_opinion_pause,
          extension_notice_by: row.extension_notice_by,
          letter_prefix: row.letter_prefix,
          tracking_prefix: row.tracking_prefix,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        }),
      )
      .execute();
    const after = await getApplicationSettings(trx, agencyId);
    await audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'application_settings.save',
      targetType: 'applicationSettings',
      targetId: agencyId,
      before: { ...before.clock, letterPrefix: before.letterPrefix, trackingPrefix: before.trackingPrefix },
      after: { ...after.clock, letterPrefix: after.letterPrefix, trackingPrefix: after.trackingPrefix },
    });
  });
  return getApplicationSettings(db, agencyId);
}
