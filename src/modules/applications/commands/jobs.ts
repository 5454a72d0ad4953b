/**
 * The scheduled work on cases, each case its own transaction, audited as the platform:
 *
 * - `closeOverdue(services, today)`: a case still awaiting its correction after the 补正期限, or its payment
 *   after the 缴费期限, closes on the day after the deadline as 逾期不补正 (R21) / 逾期未缴费 (R22) —
 *   第三十条 「视为放弃申请」, 国办函〔2020〕109号. The closing day is the clock's (deadline + 1), whenever the
 *   job runs. In the same transaction the applicant's notice of it is issued (`closureNotice`): a letter of
 *   kind `reply` with the closure's outcome, written from the agency's `reply.<outcome>` template, numbered
 *   and sent on the day the job runs, without sign-off (no decision is taken: the law attaches the
 *   consequence to the missed deadline, as the process notices are issued without one), and in the audit
 *   event of the closure (letter id and number).
 * - `recomputeOpenCases(services, reason)`: the stored clock of every open case is recomputed (after a
 *   change of the working-day calendar, and daily so the stored state follows the date); a case whose due
 *   date changed gets an event on its timeline and an audit event saying so.
 *
 * server.ts runs both on a timer; the calendar admin's save runs the recomputation at once.
 */
import type { Actor } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { chinaToday, formatChineseDate, type LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { type Fee, type Letter, toEvent, toLetter } from '../applications.js';
import { appendEvents, listEvents, listLetters, updateCaseIf } from '../applications.repository.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import { clockColumns, settingsOf, timelineOf } from '../case-clock.js';
import { ClockInputError, computeClock } from '../clock.js';
import { CLOSURE_OUTCOMES, outcomeInfo } from '../codes.js';
import { purgeExpiredPersonalData } from '../intake/retention.js';
import { formatLegalRefs } from '../legal-refs.js';
import { issueLetter } from '../letters.js';
import { OPEN_STATES } from '../workflow.js';
import { applyAction, loadRow, planEnv } from './run.js';

export const JOBS_ACTOR: Actor = { actorId: null, actorLabel: '系统（依申请公开期限）', requestId: null };

export interface ClosedCase {
  id: string;
  trackingNo: string;
  reason: 'correctionOverdue' | 'feeUnpaid';
  closedOn: LegalDate;
}

/** The facts of a closure by the clock that its notice states (stored on the letter as `content.closure`). */
export interface ClosureFacts {
  reason: 'correctionOverdue' | 'feeUnpaid';
  /** The 补正申请告知书 or 收费通知书 whose deadline passed. */
  noticeLetterId: string | null;
  noticeNumber: string | null;
  noticeSentOn: LegalDate | null;
  /** 收费通知书: the day the applicant received it (the payment period runs from the next day). */
  noticeReceivedOn: LegalDate | null;
  deadline: LegalDate | null;
  feeAmount: number | null;
  closedOn: LegalDate;
}

/** The facts from the case's letters and fee: the last notice of the kind that set the missed deadline. */
export function closureFacts(
  reason: ClosureFacts['reason'],
  letters: readonly Letter[],
  fee: Fee | null,
  deadline: LegalDate | null,
  closedOn: LegalDate,
): ClosureFacts {
  const kind = reason === 'correctionOverdue' ? 'correctionNotice' : 'feeNotice';
  const notice =
    (reason === 'feeUnpaid' && fee?.noticeLetterId
      ? letters.find((l) => l.id === fee.noticeLetterId)
      : undefined) ??
    letters.filter((l) => l.kind === kind && l.status === 'sent').at(-1) ??
    null;
  return {
    reason,
    noticeLetterId: notice?.id ?? null,
    noticeNumber: notice?.number ?? null,
    noticeSentOn: notice?.sentOn ?? (reason === 'feeUnpaid' ? (fee?.noticeSentOn ?? null) : null),
    noticeReceivedOn: reason === 'feeUnpaid' ? (fee?.noticeReceivedOn ?? null) : null,
    deadline,
    feeAmount: reason === 'feeUnpaid' && fee ? fee.amount : null,
    closedOn,
  };
}

/**
 * The notice's account of what happened (the template's {{答复内容}}): the notice with its date and number,
 * the deadline, that nothing arrived by then, and the closing day. No personal data.
 */
export function closureNoticeText(f: ClosureFacts): string {
  const d = (x: LegalDate) => formatChineseDate(x);
  const no = f.noticeNumber ? `（${f.noticeNumber}）` : '';
  const sent = f.noticeSentOn ? `于${d(f.noticeSentOn)}` : '';
  if (f.reason === 'correctionOverdue')
    return [
      `本机关${sent}向您发出《补正申请告知书》${no}，告知您需要补正的事项${f.deadline ? `，补正期限至${d(f.deadline)}` : ''}。`,
      '补正期限届满，本机关未收到您补正后的申请。',
      `本申请于${d(f.closedOn)}办结。`,
    ].join('');
  return [
    `本机关${sent}向您发出《收费通知书》${no}`,
    f.feeAmount !== null ? `，告知您应缴纳信息处理费人民币${f.feeAmount}元` : '',
    f.noticeReceivedOn ? `；您于${d(f.noticeReceivedOn)}收到该通知` : '',
    f.deadline ? `，缴费期限至${d(f.deadline)}` : '',
    '。缴费期限届满，本机关未收到您缴纳的信息处理费。',
    `本申请于${d(f.closedOn)}办结。`,
  ].join('');
}

export async function closeOverdue(services: Services, today: LegalDate): Promise<ClosedCase[]> {
  const rows = await services.db
    .selectFrom('application_cases')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'awaitingCorrection'), eb('correction_deadline', '<', today)]),
        eb.and([eb('state', '=', 'awaitingFee'), eb('fee_payment_deadline', '<', today)]),
      ]),
    )
    .orderBy('id')
    .execute();
  const closed: ClosedCase[] = [];
  for (const row of rows) {
    const lc = await loadRow(services, row);
    const env = { ...(await planEnv(services, row)), today };
    let clock: ReturnType<typeof computeClock>;
    try {
      clock = computeClock(timelineOf(lc.events), env.calendar, today, env.clockSettings);
    } catch (err) {
      if (err instanceof ClockInputError) continue; // see recomputeOpenCases
      throw err;
    }
    const closure = clock.closure;
    if (!closure || (closure.reason !== 'correctionOverdue' && closure.reason !== 'feeUnpaid')) continue;
    const action = closure.reason === 'correctionOverdue' ? 'closeCorrectionOverdue' : 'closeFeeUnpaid';
    if ((action === 'closeCorrectionOverdue') !== (lc.case.state === 'awaitingCorrection')) continue;
    const step = clock.steps.find((s) => s.kind === 'closedAutomatically');
    const outcome = CLOSURE_OUTCOMES[closure.reason];
    const facts = closureFacts(
      closure.reason,
      (await listLetters(services.db, row.id)).map(toLetter),
      lc.facts.fee,
      closure.reason === 'correctionOverdue' ? clock.correctionDeadline : clock.feePaymentDeadline,
      closure.on,
    );
    try {
      await applyAction(
        services,
        JOBS_ACTOR,
        lc,
        action,
        {
          on: closure.on,
          note: step?.text ?? null,
          patch: { outcome, closed_on: closure.on, closure_reason: closure.reason },
          audit: { outcome, closedOn: closure.on },
          // The notice, in the closure's transaction: no closure without its letter, nor the reverse.
          write: async (trx, w) => {
            const letter = await issueLetter(trx, {
              caseId: row.id,
              agencyId: row.agency_id,
              kind: 'reply',
              replyRound: lc.case.replyRound,
              content: { text: closureNoticeText(facts), closure: facts },
              outcome,
              legalBasis: formatLegalRefs(outcomeInfo(outcome).basis),
              actorId: null,
              now: w.now,
              sentOn: today,
              prefix: env.settings.letterPrefix,
            });
            return { audit: { letterId: letter.id, letterNo: letter.number } };
          },
        },
        env,
      );
      closed.push({ id: row.id, trackingNo: row.tracking_no, reason: closure.reason, closedOn: closure.on });
    } catch (err) {
      // Changed meanwhile (a correction or payment recorded at this very moment): leave it to them.
      if (!(err instanceof AppError && (err.code === 'conflict' || err.code === 'refused'))) throw err;
    }
  }
  return closed;
}

export interface RecomputedCase {
  id: string;
  trackingNo: string;
  from: LegalDate | null;
  to: LegalDate | null;
}

type ClockCols = ReturnType<typeof clockColumns>;
const COMPARED: (keyof ClockCols)[] = [
  'clock_start_on',
  'due_on',
  'clock_state',
  'correction_deadline',
  'fee_payment_deadline',
  'clock_provisional',
];

/**
 * Recomputes the stored clock of every open case (not in a 重新答复 round, whose period the decision set).
 * Returns the cases whose due date changed.
 */
export async function recomputeOpenCases(
  services: Services,
  opts: { reason: 'calendar' | 'daily'; actor?: Actor },
): Promise<{ checked: number; changed: RecomputedCase[] }> {
  const actor = opts.actor ?? JOBS_ACTOR;
  const today = chinaToday(services.clock.now());
  const calendar = await services.calendar.get(services.db);
  const rows = await services.db
    .selectFrom('application_cases')
    .selectAll()
    .where('state', 'in', [...OPEN_STATES])
    .where('received_on', 'is not', null)
    .where('reply_round', '=', 0)
    .orderBy('id')
    .execute();
  const changed: RecomputedCase[] = [];
  for (const row of rows) {
    const events = (await listEvents(services.db, row.id)).map(toEvent);
    const timeline = timelineOf(events);
    if (timeline[0]?.kind !== 'received') continue;
    let cols: ClockCols;
    try {
      cols = clockColumns(computeClock(timeline, calendar, today, settingsOf(row)));
    } catch (err) {
      // A timeline the clock cannot evaluate today (a receipt date after today: the server's clock went
      // back) stays as it was; one case never stops the others.
      if (err instanceof ClockInputError) continue;
      throw err;
    }
    const differs = COMPARED.some(
      (k) => String(cols[k] ?? '') !== String(row[k as keyof ApplicationCaseTable] ?? ''),
    );
    if (!differs) continue;
    const dueChanged = (cols.due_on ?? null) !== (row.due_on ?? null);
    const now = services.clock.now().toISOString();
    try {
      await services.db.transaction().execute(async (trx) => {
        if (!(await updateCaseIf(trx, row.id, Number(row.version), { ...cols, updated_at: now })))
          throw new AppError('conflict');
        if (!dueChanged) return;
        const text =
          opts.reason === 'calendar'
            ? `工作日历调整，答复期限重新计算：由${row.due_on ?? '（无）'}变更为${cols.due_on ?? '（无）'}。`
            : `答复期限重新计算：由${row.due_on ?? '（无）'}变更为${cols.due_on ?? '（无）'}。`;
        await appendEvents(trx, row.id, [
          {
            action: 'recomputeClock',
            kind: 'recomputeClock',
            clock: 0,
            on_date: today,
            data_json: JSON.stringify({ reason: opts.reason, from: row.due_on, to: cols.due_on }),
            from_state: row.state,
            to_state: row.state,
            actor_id: actor.actorId,
            actor_label: actor.actorLabel,
            note: text,
            at: now,
          },
        ]);
        await services.audit.record(trx, actor, {
          agencyId: row.agency_id,
          action: 'application.recompute_clock',
          targetType: 'application',
          targetId: row.id,
          before: { dueOn: row.due_on },
          after: { trackingNo: row.tracking_no, dueOn: cols.due_on, reason: opts.reason },
        });
      });
      if (dueChanged)
        changed.push({
          id: row.id,
          trackingNo: row.tracking_no,
          from: row.due_on as LegalDate | null,
          to: cols.due_on as LegalDate | null,
        });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  return { checked: rows.length, changed };
}

/**
 * One run of the timer in server.ts: recompute (so a date that passed moves the stored states on) then
 * close what is overdue.
 */
export async function runApplicationJobs(services: Services, now: Date): Promise<void> {
  await recomputeOpenCases(services, { reason: 'daily' });
  await closeOverdue(services, chinaToday(now));
  await purgeExpiredPersonalData(services, chinaToday(now)); // intake/retention.ts
}
