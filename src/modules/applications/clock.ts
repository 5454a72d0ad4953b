/**
 * The reply clock of an application (答复期限, `dueOn`): a pure function of the case's clock events, the
 * working-day calendar, the settings and the date it is evaluated on. No I/O, no "now": the caller passes
 * `asOf` (chinaToday() in production), so the same inputs give the same answer in any time zone.
 *
 * The conventions, each with its article, are written down in docs/legal/clock.md; in short:
 *   - receipt date per 条例第三十一条 (`legalReceiptDate`);
 *   - the reply period is 20 working days counted from the day after the clock starts (第三十三条第二款;
 *     ADR 0004: `addWorkdays(start, 20)`); the clock starts on receipt, or, after a 补正, on the day the
 *     corrected application arrives, in full (第三十条);
 *   - the 补正 notice is due within 7 working days of the start (flagged when late); while the applicant
 *     corrects, the clock is stopped; no correction by the deadline closes the case as 逾期不补正 on the
 *     day after the deadline;
 *   - 征求意见 of third parties (第三十二条) and other agencies (第三十三条第三款, 第三十四条) pauses the clock from the
 *     day after the letter is sent to the day the answer arrives, or to the 15th working day after the letter
 *     reached its addressee; overlapping pauses count once; counting resumes the day after;
 *   - a fee notice (国办函〔2020〕109号) pauses the clock from the day after it is sent to the day payment is
 *     recorded; no payment within 20 working days from the day after the applicant received the notice closes
 *     the case as 逾期未缴费 on the day after;
 *   - paused working days do not count (clock-examples.md); the due date is the day the count of unpaused
 *     working days reaches the period;
 *   - one extension per case, at most 20 working days, approved and notified to the applicant no later than
 *     the current due date (第三十三条第二款); otherwise it is refused with a reason.
 *
 * Events that cannot apply (a correction that was never requested, a second extension, anything after the
 * case closed, …) are not applied: they come back in `rejected` with a Chinese reason, so the command layer
 * can refuse to record them by evaluating the timeline with the new event appended.
 */
import {
  addDays,
  dayOfWeek,
  formatChineseDate,
  type LegalDate,
  parseLegalDate,
} from '../../platform/legal-date.js';
import type { WorkCalendar } from '../workdays/calendar.js';
import {
  type Channel,
  CLOSURE_OUTCOMES,
  type ClosureWithoutDecision,
  channelInfo,
  type OutcomeCode,
} from './codes.js';
import { formatLegalRefs } from './legal-refs.js';

// ---------------------------------------------------------------------------------------------------------
// Periods and settings

/** Periods fixed by the 条例, in working days. Not settings: they are the law. */
export const LEGAL_PERIODS = {
  /** 第三十三条第二款: reply within 20 working days of receipt. */
  reply: 20,
  /** 第三十条: the 补正 notice within 7 working days of receipt. */
  correctionNotice: 7,
  /** 第三十二条, 第三十四条: the consulted party answers within 15 working days of receiving the letter. */
  opinionAnswer: 15,
  /** 第三十三条第二款: an extension of at most 20 working days. */
  maxExtension: 20,
} as const;

export interface ClockSettings {
  /**
   * The applicant's time to correct when the 补正告知书 does not state a date, in working days from the day
   * after the notice is sent. 第三十条 only asks for 「合理的补正期限」; 15 is common practice
   * (portal-and-letters.md §9.2 [M]).
   */
  correctionPeriodWorkdays: number;
  /**
   * Time to pay after receiving the fee notice, in working days from the next day (国办函〔2020〕109号 as
   * restated by the Sichuan implementing notice [V:S9]; the national article text is [M]).
   */
  feePaymentWorkdays: number;
  /**
   * An answer that arrives after the 15 working days of 第三十二条/第三十四条 ends the pause at the 15th day
   * (true, default: after that day the agency decides on its own — 「由行政机关依照本条例的规定决定」 /
   * 「逾期未提出意见的视为同意公开」), or on the day it arrives (false). The documents are silent.
   */
  capOpinionPauseAtAnswerPeriod: boolean;
  /**
   * The latest day an extension may be notified: the due date itself (`onDueDate`, default: the period
   * includes its last day) or the day before (`beforeDueDate`). 第三十三条 only says it must be approved and
   * notified; the documents are silent on the last day.
   */
  extensionNoticeBy: 'onDueDate' | 'beforeDueDate';
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = {
  correctionPeriodWorkdays: 15,
  feePaymentWorkdays: 20,
  capOpinionPauseAtAnswerPeriod: true,
  extensionNoticeBy: 'onDueDate',
};

/** Thrown when a timeline cannot be evaluated at all (no valid receipt). The message is Chinese. */
export class ClockInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClockInputError';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Receipt date (第三十一条)

export interface ReceiptFacts {
  channel: Channel;
  /** 当面 / 口头: the day the application was handed in or made. */
  submittedOn?: LegalDate;
  /** 邮寄 (需签收): the day the agency signed for the letter. */
  signedForOn?: LegalDate;
  /** 平信 / 网上 / 电子邮件 / 传真: the day the application reached the agency (optional, for the checks). */
  arrivedOn?: LegalDate;
  /** 平信 / 网上 / 电子邮件 / 传真: the day the agency and the applicant confirmed the application. */
  confirmedOn?: LegalDate;
}

export type ReceiptResult =
  | { ok: true; receivedOn: LegalDate; rule: string; warnings: string[] }
  | { ok: false; field: string; message: string };

const RECEIPT_FIELDS = {
  submitted: { field: 'submittedOn', label: '提交日期', rule: '以提交之日为收到申请之日' },
  signedFor: { field: 'signedForOn', label: '签收日期', rule: '以本机关签收之日为收到申请之日' },
  confirmed: { field: 'confirmedOn', label: '确认日期', rule: '以双方确认之日为收到申请之日' },
} as const;

/** The legal receipt date (收到申请之日, `receivedOn`) of 第三十一条 for the channel's facts. */
export function legalReceiptDate(f: ReceiptFacts): ReceiptResult {
  const info = channelInfo(f.channel);
  const spec = RECEIPT_FIELDS[info.receiptRule];
  const raw = f[spec.field];
  if (raw === undefined || raw === null || (raw as string) === '')
    return { ok: false, field: spec.field, message: `请填写${spec.label}` };
  const date = parseLegalDate(raw);
  if (!date) return { ok: false, field: spec.field, message: `${spec.label}不是有效日期（YYYY-MM-DD）` };
  const warnings: string[] = [];
  if (info.receiptRule === 'confirmed' && f.arrivedOn !== undefined) {
    const arrived = parseLegalDate(f.arrivedOn);
    if (!arrived) return { ok: false, field: 'arrivedOn', message: '收到日期不是有效日期（YYYY-MM-DD）' };
    if (date < arrived) return { ok: false, field: 'confirmedOn', message: '确认日期不能早于收到日期' };
    if (f.channel === 'mailPlain' && date > arrived)
      warnings.push(
        `平常信函应于收到申请的当日与申请人确认（第三十一条第（二）项），本申请${fmt(arrived)}收到、${fmt(date)}确认`,
      );
  }
  const rule = `${info.label}，${spec.rule}，依据${formatLegalRefs(info.basis)}`;
  return { ok: true, receivedOn: date, rule, warnings };
}

// ---------------------------------------------------------------------------------------------------------
// Events

export type OpinionAddressee = 'thirdParty' | 'agency';

export type ClockEvent =
  | ({ kind: 'received' } & ReceiptFacts)
  /** 补正告知书 sent; `deadline` is the date it gives the applicant (default: settings). */
  | { kind: 'correctionRequested'; on: LegalDate; deadline?: LegalDate }
  /** The corrected application arrived; after the deadline only with the agency's note of a good reason. */
  | { kind: 'correctionReceived'; on: LegalDate; lateReason?: string }
  /** 征求意见书 sent to a third party (第三十二条) or another agency (第三十三条第三款, 第三十四条). */
  | { kind: 'opinionRequestSent'; on: LegalDate; requestId: string; addressee: OpinionAddressee }
  /** The letter reached its addressee: the addressee's 15 working days start the next day. */
  | { kind: 'opinionRequestDelivered'; on: LegalDate; requestId: string }
  | { kind: 'opinionReceived'; on: LegalDate; requestId: string }
  /** `on` is the day the applicant was notified; `approvedOn` the day the office head approved. */
  | { kind: 'extension'; on: LegalDate; approvedOn: LegalDate; workdays: number }
  | { kind: 'feeNoticeSent'; on: LegalDate }
  /** The applicant received the fee notice: the payment period starts the next day. */
  | { kind: 'feeNoticeDelivered'; on: LegalDate }
  | { kind: 'feePaid'; on: LegalDate }
  | { kind: 'replied'; on: LegalDate }
  | { kind: 'withdrawn'; on: LegalDate };

export type ClockEventKind = ClockEvent['kind'];

// ---------------------------------------------------------------------------------------------------------
// Result

export type ClockState = 'running' | 'paused' | 'stoppedForCorrection' | 'closed';

export const CLOCK_STATE_LABELS: Record<ClockState, string> = {
  running: '计时中',
  paused: '暂停计时',
  stoppedForCorrection: '待补正（停止计时）',
  closed: '已办结',
};

export type PauseCause =
  | {
      kind: 'opinion';
      requestId: string;
      addressee: OpinionAddressee;
      sentOn: LegalDate;
      deliveredOn: LegalDate | null;
      answeredOn: LegalDate | null;
      /** answered; noAnswer: ends on the 15th working day after delivery; open: delivery not recorded. */
      end: 'answered' | 'answeredLate' | 'noAnswer' | 'open';
    }
  | { kind: 'fee'; sentOn: LegalDate; paidOn: LegalDate | null };

export interface ClockPause {
  /** First and last paused day (calendar days, inclusive); `to` null while the end is unknown. */
  from: LegalDate;
  to: LegalDate | null;
  causes: PauseCause[];
  /** Working days inside the pause (null while open). */
  workdays: number | null;
  /** False when the pause does not touch the current period (it began after the due date, or before the start). */
  counted: boolean;
}

export type StepKind =
  | 'received'
  | 'correctionRequested'
  | 'correctionReceived'
  | 'opinionRequestSent'
  | 'opinionRequestDelivered'
  | 'opinionReceived'
  | 'pause'
  | 'extension'
  | 'feeNoticeSent'
  | 'feeNoticeDelivered'
  | 'feePaid'
  | 'replied'
  | 'withdrawn'
  | 'closedAutomatically'
  | 'due';

export interface ClockStep {
  kind: StepKind;
  on: LegalDate;
  /** The last day, for steps that span days (pauses). */
  until?: LegalDate;
  /** Plain Chinese, with the dates written out. */
  text: string;
}

export type IssueCode =
  | 'receiptConfirmationLate'
  | 'correctionNoticeLate'
  | 'correctionAcceptedLate'
  | 'opinionRequestAfterDue'
  | 'opinionDeliveryUnknown'
  | 'opinionAnswerLate'
  | 'feeNoticeAfterDue'
  | 'feeNoticeDeliveryUnknown'
  | 'extensionDiscarded'
  | 'repliedLate'
  | 'overdue'
  | 'provisionalCalendar';

export interface ClockIssue {
  code: IssueCode;
  on: LegalDate;
  message: string;
}

export interface RejectedEvent {
  /** Position of the event in the timeline given. */
  index: number;
  kind: ClockEventKind;
  reason: string;
}

export type ClosureReason = 'replied' | ClosureWithoutDecision;

export interface ClockClosure {
  on: LegalDate;
  reason: ClosureReason;
  /** The 表三 outcome implied by the closure itself; null for a reply (its outcome is the decision's). */
  outcome: OutcomeCode | null;
}

export interface ClockResult {
  asOf: LegalDate;
  state: ClockState;
  receivedOn: LegalDate;
  /** The day the current period counts from: the receipt date, or the day the corrected application arrived. */
  clockStartOn: LegalDate;
  /** 20, plus the extension's working days. */
  periodWorkdays: number;
  /** The due date if nothing else happens; null while stopped for correction, in an open-ended pause, or closed without a decision. */
  dueOn: LegalDate | null;
  /** The latest day for the 补正 notice of the current period (7 working days after its start). */
  correctionNoticeDueOn: LegalDate;
  /** The applicant's correction deadline while a 补正 is pending (or when it closed the case). */
  correctionDeadline: LegalDate | null;
  /** The applicant's payment deadline once the fee notice's receipt is recorded. */
  feePaymentDeadline: LegalDate | null;
  pauses: ClockPause[];
  extension: { workdays: number; approvedOn: LegalDate; notifiedOn: LegalDate } | null;
  closure: ClockClosure | null;
  /** Unpaused working days elapsed of the period as of `asOf` (or the closing day); null while stopped. */
  workdaysUsed: number | null;
  workdaysRemaining: number | null;
  /** Replied after the due date, or still open after it. */
  overdue: boolean;
  /** Working days after the due date (to the reply, or to `asOf`). */
  overdueWorkdays: number;
  /** Years touched that have no State Council notice yet: the dates are estimates (ADR 0004). */
  provisionalYears: number[];
  steps: ClockStep[];
  issues: ClockIssue[];
  rejected: RejectedEvent[];
}

// ---------------------------------------------------------------------------------------------------------
// Formatting

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 2025年3月3日（星期一） */
function fmt(d: LegalDate): string {
  return `${formatChineseDate(d)}（星期${WEEKDAYS[dayOfWeek(d)]}）`;
}

const ADDRESSEE_LABELS: Record<OpinionAddressee, string> = {
  thirdParty: '第三方',
  agency: '其他行政机关',
};
const ADDRESSEE_BASIS: Record<OpinionAddressee, string> = {
  thirdParty: '第三十二条',
  agency: '第三十三条第三款、第三十四条',
};

/** Why the paused days do not count: 第三十三条第三款 for 征求意见, the fee measures for a fee notice. */
function pauseBasis(causes: readonly PauseCause[]): string {
  const parts: string[] = [];
  if (causes.some((c) => c.kind === 'opinion')) parts.push('《条例》第三十三条第三款');
  if (causes.some((c) => c.kind === 'fee')) parts.push('《政府信息公开信息处理费管理办法》');
  return parts.join('、');
}

function causeText(c: PauseCause): string {
  if (c.kind === 'fee') return `收费通知（${formatChineseDate(c.sentOn)}发出）`;
  return `征求${ADDRESSEE_LABELS[c.addressee]}意见（${formatChineseDate(c.sentOn)}发函）`;
}

// ---------------------------------------------------------------------------------------------------------
// Pauses and the due date

interface RawInterval {
  from: LegalDate;
  to: LegalDate | null;
  cause: PauseCause;
}

interface Merged {
  from: LegalDate;
  to: LegalDate | null;
  causes: PauseCause[];
  counted: boolean;
}

function later(a: LegalDate, b: LegalDate): LegalDate {
  return a > b ? a : b;
}

function mergeIntervals(intervals: readonly RawInterval[]): Merged[] {
  const sorted = [...intervals].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Merged[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && (last.to === null || iv.from <= addDays(last.to, 1))) {
      last.to = last.to === null || iv.to === null ? null : later(iv.to, last.to);
      last.causes.push(iv.cause);
    } else out.push({ from: iv.from, to: iv.to, causes: [iv.cause], counted: false });
  }
  return out;
}

/**
 * The day the count of unpaused working days after `start` reaches `n`, or null when an open-ended pause
 * begins before that. Marks which merged pauses count. Pauses are disjoint and sorted.
 */
function dueDate(cal: WorkCalendar, start: LegalDate, n: number, merged: Merged[]): LegalDate | null {
  let cursor = start;
  let remaining = n;
  for (const m of merged) m.counted = false;
  for (const m of merged) {
    if (m.to !== null && m.to <= cursor) continue; // over before the period's first day
    if (m.from > cursor) {
      const candidate = cal.addWorkdays(cursor, remaining);
      if (candidate < m.from) return candidate; // due before the pause begins
      remaining -= cal.countWorkdays(cursor, addDays(m.from, -1));
    }
    m.counted = true;
    if (m.to === null) return null;
    cursor = m.to; // counting resumes the next day
  }
  return cal.addWorkdays(cursor, remaining);
}

/** Unpaused working days x with start < x ≤ end. */
function unpausedWorkdays(
  cal: WorkCalendar,
  start: LegalDate,
  end: LegalDate,
  merged: readonly Merged[],
): number {
  let n = cal.countWorkdays(start, end);
  for (const m of merged) {
    const lo = addDays(m.from, -1) > start ? addDays(m.from, -1) : start;
    const hi = m.to === null || m.to > end ? end : m.to;
    if (hi > lo) n -= cal.countWorkdays(lo, hi);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// The clock

interface OpinionRequest {
  requestId: string;
  addressee: OpinionAddressee;
  sentOn: LegalDate;
  deliveredOn: LegalDate | null;
  answeredOn: LegalDate | null;
}

interface FeeNotice {
  sentOn: LegalDate;
  deliveredOn: LegalDate | null;
  paidOn: LegalDate | null;
  deadline: LegalDate | null;
}

function checkSettings(s: ClockSettings): void {
  for (const k of ['correctionPeriodWorkdays', 'feePaymentWorkdays'] as const)
    if (!Number.isSafeInteger(s[k]) || s[k] < 1 || s[k] > 366)
      throw new RangeError(`clock setting ${k} must be an integer from 1 to 366: ${s[k]}`);
  if (s.extensionNoticeBy !== 'onDueDate' && s.extensionNoticeBy !== 'beforeDueDate')
    throw new RangeError(`clock setting extensionNoticeBy is invalid: ${s.extensionNoticeBy}`);
}

function eventDate(e: ClockEvent): unknown {
  return e.kind === 'received' ? null : e.on;
}

/**
 * Evaluates the clock of one application as of `asOf`. The first event must be the receipt; the others
 * are applied in date order (events of the same day in the order given).
 */
export function computeClock(
  timeline: readonly ClockEvent[],
  calendar: WorkCalendar,
  asOf: LegalDate,
  settings: Partial<ClockSettings> = {},
): ClockResult {
  const s: ClockSettings = { ...DEFAULT_CLOCK_SETTINGS, ...settings };
  checkSettings(s);
  if (!parseLegalDate(asOf)) throw new RangeError(`asOf is not a date: ${asOf}`);
  const first = timeline[0];
  if (first?.kind !== 'received') throw new ClockInputError('timeline', '办理记录应以“收到申请”开始');
  const receipt = legalReceiptDate(first);
  if (!receipt.ok) throw new ClockInputError(receipt.field, receipt.message);
  const receivedOn = receipt.receivedOn;
  if (receivedOn > asOf) throw new ClockInputError('receivedOn', '收到申请之日不能晚于今天');

  const cal = calendar;
  const steps: (ClockStep & { seq: number })[] = [];
  const issues: ClockIssue[] = [];
  const rejected: RejectedEvent[] = [];
  let seq = 0;
  const step = (kind: StepKind, on: LegalDate, text: string, until?: LegalDate) =>
    steps.push({ kind, on, text, seq: seq++, ...(until ? { until } : {}) });
  const issue = (code: IssueCode, on: LegalDate, message: string) => issues.push({ code, on, message });

  // State of the case as events are applied.
  let runStart = receivedOn;
  let extension: ClockResult['extension'] = null;
  let extensionUsed = false;
  let correction: { requestedOn: LegalDate; deadline: LegalDate } | null = null;
  let lastCorrectionDeadline: LegalDate | null = null;
  const requests = new Map<string, OpinionRequest>();
  let fee: FeeNotice | null = null;
  let closure: ClockClosure | null = null;

  const period = () => LEGAL_PERIODS.reply + (extension?.workdays ?? 0);

  const intervals = (): RawInterval[] => {
    const out: RawInterval[] = [];
    for (const r of requests.values()) {
      const limit = r.deliveredOn ? cal.addWorkdays(r.deliveredOn, LEGAL_PERIODS.opinionAnswer) : null;
      let to: LegalDate | null;
      let end: 'answered' | 'answeredLate' | 'noAnswer' | 'open';
      if (r.answeredOn) {
        const late = limit !== null && r.answeredOn > limit;
        to = late && s.capOpinionPauseAtAnswerPeriod ? limit : r.answeredOn;
        end = late ? 'answeredLate' : 'answered';
      } else if (limit) {
        to = limit;
        end = 'noAnswer';
      } else {
        to = null;
        end = 'open';
      }
      const from = addDays(r.sentOn, 1);
      if (to !== null && to < from) continue; // answered on the day the letter went out: no pause
      out.push({
        from,
        to,
        cause: {
          kind: 'opinion',
          requestId: r.requestId,
          addressee: r.addressee,
          sentOn: r.sentOn,
          deliveredOn: r.deliveredOn,
          answeredOn: r.answeredOn,
          end,
        },
      });
    }
    if (fee) {
      const from = addDays(fee.sentOn, 1);
      if (!(fee.paidOn !== null && fee.paidOn < from))
        out.push({ from, to: fee.paidOn, cause: { kind: 'fee', sentOn: fee.sentOn, paidOn: fee.paidOn } });
    }
    return out;
  };

  /** The due date as known now (null: stopped, or an open pause comes first). */
  const currentDue = (): LegalDate | null =>
    correction ? null : dueDate(cal, runStart, period(), mergeIntervals(intervals()));

  /** Closes the case when a deadline passed before `d` (closing on the day after the deadline). */
  const expire = (d: LegalDate, lateCorrectionAccepted: boolean) => {
    if (closure) return;
    if (correction && correction.deadline < d && !lateCorrectionAccepted) {
      const on = addDays(correction.deadline, 1);
      closure = { on, reason: 'correctionOverdue', outcome: CLOSURE_OUTCOMES.correctionOverdue };
      step(
        'closedAutomatically',
        on,
        `${fmt(on)}：申请人未在补正期限（${formatChineseDate(correction.deadline)}）内补正，视为放弃申请，本机关不再处理（第三十条）；计入“其他处理·逾期不补正”。`,
      );
      correction = null;
      return;
    }
    if (fee && fee.paidOn === null && fee.deadline !== null && fee.deadline < d) {
      const on = addDays(fee.deadline, 1);
      closure = { on, reason: 'feeUnpaid', outcome: CLOSURE_OUTCOMES.feeUnpaid };
      step(
        'closedAutomatically',
        on,
        `${fmt(on)}：申请人未在缴费期限（${formatChineseDate(fee.deadline)}）内缴纳信息处理费，视为放弃申请，本机关不再处理；计入“其他处理·逾期未缴费”。`,
      );
    }
  };

  // --- receipt
  const noticeDue = (start: LegalDate) => cal.addWorkdays(start, LEGAL_PERIODS.correctionNotice);
  step(
    'received',
    receivedOn,
    `${fmt(receivedOn)}收到申请（${receipt.rule}）。答复期限自次日起计算${LEGAL_PERIODS.reply}个工作日（第三十三条第二款）；如需补正，最迟应于${fmt(noticeDue(receivedOn))}一次性告知申请人（第三十条）。`,
  );
  for (const w of receipt.warnings) issue('receiptConfirmationLate', receivedOn, w);

  // --- the other events, in date order (stable)
  const ordered = timeline
    .map((e, index) => ({ e, index }))
    .slice(1)
    .filter(({ e, index }) => {
      if (e.kind === 'received') {
        rejected.push({ index, kind: e.kind, reason: '已登记收到申请，不能重复登记' });
        return false;
      }
      const on = parseLegalDate(eventDate(e));
      if (!on) {
        rejected.push({ index, kind: e.kind, reason: '日期不是有效日期（YYYY-MM-DD）' });
        return false;
      }
      if (on < receivedOn) {
        rejected.push({
          index,
          kind: e.kind,
          reason: `日期不能早于收到申请之日（${formatChineseDate(receivedOn)}）`,
        });
        return false;
      }
      if (on > asOf) {
        rejected.push({ index, kind: e.kind, reason: '日期不能晚于今天' });
        return false;
      }
      return true;
    })
    .sort((a, b) => {
      const da = eventDate(a.e) as LegalDate;
      const db = eventDate(b.e) as LegalDate;
      return da < db ? -1 : da > db ? 1 : a.index - b.index;
    });

  for (const { e, index } of ordered) {
    if (e.kind === 'received') continue; // filtered above
    const on = e.on;
    const reject = (reason: string) => rejected.push({ index, kind: e.kind, reason });
    expire(on, e.kind === 'correctionReceived' && !!e.lateReason?.trim());
    if (closure) {
      const c = closure as ClockClosure;
      if (c.reason === 'correctionOverdue' && e.kind === 'correctionReceived')
        reject(
          `补正期限已届满，申请已于${formatChineseDate(c.on)}视为放弃；申请人有正当理由逾期补正的，请登记正当理由`,
        );
      else if (c.reason === 'feeUnpaid' && e.kind === 'feePaid')
        reject(`缴费期限已届满，申请已于${formatChineseDate(c.on)}视为放弃（逾期未缴费）`);
      else reject(`本申请已于${formatChineseDate(c.on)}办结，不能再登记此事项`);
      continue;
    }
    const stopped = correction !== null;

    switch (e.kind) {
      case 'correctionRequested': {
        if (stopped) {
          reject('已发出补正告知书，尚未收到补正，不能再次告知补正');
          break;
        }
        let deadline: LegalDate;
        let source: string;
        if (e.deadline !== undefined) {
          const d = parseLegalDate(e.deadline);
          if (!d) {
            reject('补正期限不是有效日期（YYYY-MM-DD）');
            break;
          }
          if (d < on) {
            reject('补正期限不能早于补正告知书发出之日');
            break;
          }
          deadline = d;
          source = '补正告知书载明';
        } else {
          deadline = cal.addWorkdays(on, s.correctionPeriodWorkdays);
          source = `自告知次日起${s.correctionPeriodWorkdays}个工作日`;
        }
        const due = noticeDue(runStart);
        if (on > due)
          issue(
            'correctionNoticeLate',
            on,
            `补正告知书应于${formatChineseDate(due)}前发出（收到申请之日起${LEGAL_PERIODS.correctionNotice}个工作日内，第三十条），实际于${formatChineseDate(on)}发出`,
          );
        correction = { requestedOn: on, deadline };
        lastCorrectionDeadline = deadline;
        step(
          'correctionRequested',
          on,
          `${fmt(on)}一次性告知申请人补正，答复期限停止计算；补正期限至${fmt(deadline)}（${source}）。申请人无正当理由逾期不补正的，视为放弃申请（第三十条）。`,
        );
        break;
      }

      case 'correctionReceived': {
        if (!correction) {
          reject('未发出补正告知书，不能登记收到补正');
          break;
        }
        const late = on > correction.deadline;
        if (late)
          issue(
            'correctionAcceptedLate',
            on,
            `申请人于补正期限（${formatChineseDate(correction.deadline)}）后补正，本机关认定有正当理由并继续办理（第三十条）`,
          );
        if (extension) {
          issue(
            'extensionDiscarded',
            on,
            '答复期限自收到补正之日起重新计算，此前的延期不再适用，且不能再次延期（每件申请限延期一次）',
          );
          extension = null;
        }
        correction = null;
        runStart = on;
        step(
          'correctionReceived',
          on,
          `${fmt(on)}收到补正后的申请${late ? '（逾期补正，已认定有正当理由）' : ''}，答复期限自次日起重新计算${LEGAL_PERIODS.reply}个工作日（第三十条）；如仍需补正，最迟应于${fmt(noticeDue(on))}告知。`,
        );
        break;
      }

      case 'opinionRequestSent': {
        if (stopped) {
          reject('待补正期间答复期限停止计算，请在收到补正后再征求意见');
          break;
        }
        if (!e.requestId || requests.has(e.requestId)) {
          reject('征求意见函编号为空或重复');
          break;
        }
        if (e.addressee !== 'thirdParty' && e.addressee !== 'agency') {
          reject('被征求意见方类型无效');
          break;
        }
        const due = currentDue();
        if (due !== null && on > due)
          issue(
            'opinionRequestAfterDue',
            on,
            `征求意见函于答复期限（${formatChineseDate(due)}）届满后发出，征求意见时间不再影响答复期限`,
          );
        requests.set(e.requestId, {
          requestId: e.requestId,
          addressee: e.addressee,
          sentOn: on,
          deliveredOn: null,
          answeredOn: null,
        });
        step(
          'opinionRequestSent',
          on,
          `${fmt(on)}书面征求${ADDRESSEE_LABELS[e.addressee]}意见（${ADDRESSEE_BASIS[e.addressee]}），答复期限自次日起暂停计算（第三十三条第三款）。`,
        );
        break;
      }

      case 'opinionRequestDelivered': {
        const r = requests.get(e.requestId);
        if (!r) {
          reject('找不到对应的征求意见函');
          break;
        }
        if (r.deliveredOn) {
          reject('该征求意见函已登记送达');
          break;
        }
        if (r.answeredOn && on > r.answeredOn) {
          reject('送达日期不能晚于收到意见的日期');
          break;
        }
        r.deliveredOn = on;
        const limit = cal.addWorkdays(on, LEGAL_PERIODS.opinionAnswer);
        step(
          'opinionRequestDelivered',
          on,
          `${fmt(on)}征求意见书送达${ADDRESSEE_LABELS[r.addressee]}，其最迟应于${fmt(limit)}提出意见（自次日起${LEGAL_PERIODS.opinionAnswer}个工作日）；逾期未提出意见的，暂停至该日止。`,
        );
        break;
      }

      case 'opinionReceived': {
        const r = requests.get(e.requestId);
        if (!r) {
          reject('找不到对应的征求意见函');
          break;
        }
        if (r.answeredOn) {
          reject('该征求意见函已登记收到意见');
          break;
        }
        r.answeredOn = on;
        const limit = r.deliveredOn ? cal.addWorkdays(r.deliveredOn, LEGAL_PERIODS.opinionAnswer) : null;
        const late = limit !== null && on > limit;
        if (late)
          issue(
            'opinionAnswerLate',
            on,
            `${ADDRESSEE_LABELS[r.addressee]}的意见于${formatChineseDate(on)}收到，已超过${LEGAL_PERIODS.opinionAnswer}个工作日（${formatChineseDate(limit)}）` +
              (s.capOpinionPauseAtAnswerPeriod ? '，超过部分计入答复期限' : ''),
          );
        step(
          'opinionReceived',
          on,
          `${fmt(on)}收到${ADDRESSEE_LABELS[r.addressee]}的意见${late ? '（已逾期）' : ''}。`,
        );
        break;
      }

      case 'extension': {
        if (stopped) {
          reject('待补正期间答复期限停止计算，不能延期');
          break;
        }
        if (extensionUsed) {
          reject('每件申请只能延长一次答复期限（第三十三条第二款）');
          break;
        }
        if (!Number.isSafeInteger(e.workdays) || e.workdays < 1 || e.workdays > LEGAL_PERIODS.maxExtension) {
          reject(`延长的期限应为1至${LEGAL_PERIODS.maxExtension}个工作日（第三十三条第二款）`);
          break;
        }
        const approvedOn = parseLegalDate(e.approvedOn);
        if (!approvedOn) {
          reject('负责人同意日期不是有效日期（YYYY-MM-DD）');
          break;
        }
        if (approvedOn > on) {
          reject('延期应先经政府信息公开工作机构负责人同意，再告知申请人（第三十三条第二款）');
          break;
        }
        if (approvedOn < receivedOn) {
          reject('负责人同意日期不能早于收到申请之日');
          break;
        }
        const due = currentDue();
        const tooLate = due !== null && (s.extensionNoticeBy === 'onDueDate' ? on > due : on >= due);
        if (tooLate) {
          reject(
            `答复期限已于${formatChineseDate(due)}届满，延期须在答复期限届满${s.extensionNoticeBy === 'onDueDate' ? '前（含当日）' : '前'}经负责人同意并告知申请人（第三十三条第二款）`,
          );
          break;
        }
        extension = { workdays: e.workdays, approvedOn, notifiedOn: on };
        extensionUsed = true;
        step(
          'extension',
          on,
          `${fmt(approvedOn)}经政府信息公开工作机构负责人同意，${fmt(on)}告知申请人，答复期限延长${e.workdays}个工作日（第三十三条第二款）${due ? `，由${formatChineseDate(due)}顺延` : ''}。`,
        );
        break;
      }

      case 'feeNoticeSent': {
        if (stopped) {
          reject('待补正期间不能发出收费通知');
          break;
        }
        if (fee) {
          reject('本申请已发出收费通知');
          break;
        }
        const due = currentDue();
        if (due !== null && on > due)
          issue(
            'feeNoticeAfterDue',
            on,
            `收费通知应在答复期限内发出，本通知于答复期限（${formatChineseDate(due)}）届满后发出`,
          );
        fee = { sentOn: on, deliveredOn: null, paidOn: null, deadline: null };
        step(
          'feeNoticeSent',
          on,
          `${fmt(on)}发出收费通知，答复期限自次日起暂停计算，至申请人缴费之日止（《政府信息公开信息处理费管理办法》）。`,
        );
        break;
      }

      case 'feeNoticeDelivered': {
        if (!fee) {
          reject('未发出收费通知，不能登记送达');
          break;
        }
        if (fee.deliveredOn) {
          reject('收费通知已登记送达');
          break;
        }
        if (fee.paidOn && on > fee.paidOn) {
          reject('送达日期不能晚于缴费日期');
          break;
        }
        fee.deliveredOn = on;
        fee.deadline = cal.addWorkdays(on, s.feePaymentWorkdays);
        step(
          'feeNoticeDelivered',
          on,
          `${fmt(on)}申请人收到收费通知，应自次日起${s.feePaymentWorkdays}个工作日内缴纳，即最迟于${fmt(fee.deadline)}缴纳；逾期未缴纳的，视为放弃申请。`,
        );
        break;
      }

      case 'feePaid': {
        if (!fee) {
          reject('未发出收费通知，不能登记缴费');
          break;
        }
        if (fee.paidOn) {
          reject('已登记缴费');
          break;
        }
        fee.paidOn = on;
        step('feePaid', on, `${fmt(on)}申请人缴纳信息处理费，答复期限自次日起继续计算。`);
        break;
      }

      case 'replied': {
        const due = currentDue();
        closure = { on, reason: 'replied', outcome: null };
        step('replied', on, `${fmt(on)}作出答复，本申请办结。`);
        if (due !== null && on > due)
          issue('repliedLate', on, `答复日期晚于答复期限（${formatChineseDate(due)}）`);
        break;
      }

      case 'withdrawn': {
        closure = { on, reason: 'withdrawn', outcome: CLOSURE_OUTCOMES.withdrawn };
        step('withdrawn', on, `${fmt(on)}申请人撤回申请，本申请办结；计入“其他处理·其他”。`);
        break;
      }
    }
  }
  expire(asOf, false);

  // --- where the case stands as of asOf
  const merged = mergeIntervals(intervals());
  const closedOn = (closure as ClockClosure | null)?.on ?? null;
  const closedReason = (closure as ClockClosure | null)?.reason ?? null;
  // Closed without a decision: no due date applies any more (表三 （六）).
  const endedWithoutPeriod = closedReason !== null && closedReason !== 'replied';
  const stoppedNow = correction !== null;
  // Always run the count, so the pauses know whether they touched the period, even when no due date applies.
  const projected = dueDate(cal, runStart, period(), merged);
  const dueOn = stoppedNow || endedWithoutPeriod ? null : projected;

  let state: ClockState;
  if (closure) state = 'closed';
  else if (stoppedNow) state = 'stoppedForCorrection';
  else if (merged.some((m) => m.counted && m.from <= asOf && (m.to === null || asOf <= m.to)))
    state = 'paused';
  else state = 'running';

  // Pause steps: the merged intervals that touch the period, with their first and last day.
  const pauses: ClockPause[] = merged.map((m) => ({
    from: m.from,
    to: m.to,
    causes: m.causes,
    workdays: m.to === null ? null : cal.countWorkdays(addDays(m.from, -1), m.to),
    counted: m.counted,
  }));
  for (const p of pauses) {
    if (!p.counted || (p.to === null && closure)) continue;
    const causes = p.causes.map(causeText).join('、');
    const pending = p.causes.some(
      (c) =>
        (c.kind === 'opinion' && (c.end === 'noAnswer' || c.end === 'open')) ||
        (c.kind === 'fee' && c.paidOn === null),
    );
    if (p.to === null) {
      step(
        'pause',
        p.from,
        `答复期限自${fmt(p.from)}起暂停（${causes}），待${p.causes.some((c) => c.kind === 'fee' && c.paidOn === null) ? '申请人缴费' : '收到意见或登记征求意见书送达日期'}后确定恢复计算的日期。`,
      );
    } else {
      const ending = p.to >= asOf && pending ? `（如届时仍未收到意见，暂停至该日止）` : '';
      step(
        'pause',
        p.from,
        `答复期限暂停：${fmt(p.from)}至${fmt(p.to)}${ending}（${causes}），其间${p.workdays}个工作日不计入答复期限（${pauseBasis(p.causes)}）；${fmt(addDays(p.to, 1))}起继续计算。`,
        p.to,
      );
    }
  }
  for (const r of requests.values())
    if (!r.deliveredOn && !r.answeredOn && !closure)
      issue(
        'opinionDeliveryUnknown',
        r.sentOn,
        `征求${ADDRESSEE_LABELS[r.addressee]}意见函尚未登记送达日期，无法确定暂停的最后一日`,
      );
  if (fee && !fee.deliveredOn && !fee.paidOn && !closure)
    issue('feeNoticeDeliveryUnknown', fee.sentOn, '收费通知尚未登记送达日期，无法确定缴费期限');

  // Working days used and remaining, as of asOf or the closing day.
  let workdaysUsed: number | null = null;
  let workdaysRemaining: number | null = null;
  if (!stoppedNow && !endedWithoutPeriod) {
    const at = closedOn !== null && closedOn < asOf ? closedOn : asOf;
    const end = dueOn !== null && dueOn < at ? dueOn : at;
    workdaysUsed = end > runStart ? unpausedWorkdays(cal, runStart, end, merged) : 0;
    workdaysRemaining = period() - workdaysUsed;
  }

  let overdue = false;
  let overdueWorkdays = 0;
  if (dueOn !== null && (closedReason === 'replied' || closure === null)) {
    const at = closedOn ?? asOf;
    if (at > dueOn) {
      overdue = true;
      overdueWorkdays = cal.countWorkdays(dueOn, at);
      if (closure === null)
        issue('overdue', asOf, `已超过答复期限（${formatChineseDate(dueOn)}）${overdueWorkdays}个工作日`);
    }
  }

  // The resulting due date.
  if (!closure || (closedReason === 'replied' && dueOn !== null)) {
    let text: string;
    if (stoppedNow) text = '待补正：答复期限停止计算，自收到补正后的申请次日起重新计算。';
    else if (dueOn === null) text = '答复期限因征求意见或收费通知暂停，恢复计算后确定答复期限。';
    else {
      const paused = pauses.filter((p) => p.counted).reduce((n, p) => n + (p.workdays ?? 0), 0);
      const parts = [
        `自${formatChineseDate(runStart)}次日起${LEGAL_PERIODS.reply}个工作日`,
        ...(paused ? [`暂停期间${paused}个工作日不计入`] : []),
        ...(extension ? [`延长${extension.workdays}个工作日`] : []),
      ];
      text = `答复期限：${fmt(dueOn)}（${parts.join('，')}）。`;
    }
    step('due', dueOn ?? asOf, text);
  }

  const lastDay = [receivedOn, asOf, dueOn, correction?.deadline, fee?.deadline].reduce<LegalDate>(
    (a, b) => (b && b > a ? b : a),
    receivedOn,
  );
  const provisionalYears = cal.provisionalYearsBetween(receivedOn, lastDay);
  if (provisionalYears.length)
    issue(
      'provisionalCalendar',
      asOf,
      `${provisionalYears.map((y) => `${y}年`).join('、')}尚无国务院办公厅节假日安排通知，相关日期为预计日期，待通知公布后确定`,
    );

  // Steps in date order; the due-date summary last.
  const ordered2 = steps.sort((a, b) => {
    if ((a.kind === 'due') !== (b.kind === 'due')) return a.kind === 'due' ? 1 : -1;
    return a.on < b.on ? -1 : a.on > b.on ? 1 : a.seq - b.seq;
  });

  return {
    asOf,
    state,
    receivedOn,
    clockStartOn: runStart,
    periodWorkdays: period(),
    dueOn,
    correctionNoticeDueOn: noticeDue(runStart),
    correctionDeadline:
      correction?.deadline ?? (closedReason === 'correctionOverdue' ? lastCorrectionDeadline : null),
    feePaymentDeadline: fee?.deadline ?? null,
    pauses,
    extension,
    closure,
    workdaysUsed,
    workdaysRemaining,
    overdue,
    overdueWorkdays,
    provisionalYears,
    steps: ordered2.map(({ seq: _seq, ...rest }) => rest),
    issues,
    rejected: rejected.sort((a, b) => a.index - b.index),
  };
}
