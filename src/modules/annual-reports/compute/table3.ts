/**
 * 表三 收到和处理政府信息公开申请情况, computed from the agency's cases — exactly the lines of
 * docs/legal/report-counting.md §表三 (numbers in brackets below). Every cell comes with the ids of the cases
 * it counts.
 *
 * A case's counting facts do not depend on the year asked: its legal receipt date (`received_on`, 第三十一条;
 * a correction never changes it) and its FIRST closure — the first reply issued (round 0: a 重新答复 changes
 * nothing, 3.15), the day after a missed 补正/缴费 deadline, or the withdrawal — with that closure's row. A
 * year then only classifies: received in Y → R1; open on 31 December of Y−1 → R2; first closed in Y → its row;
 * open on 31 December of Y → R25.
 */
import { addDays, chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import type { Db } from '../../../platform/services.js';
import {
  type ApplicantKind,
  CLOSURE_OUTCOMES,
  type OutcomeCode,
  outcomeInfo,
  reportCell,
} from '../../applications/codes.js';
import { type T3Table, t3RowIds } from '../checker/model.js';

/** Figures entered once by an agency whose previous year was not on the platform (report-counting.md 3.18, 4.8). */
export interface OpeningBalance {
  /** The first year computed on the platform: its 二、上年结转 is `carriedOver`. */
  year: number;
  /** Last year's 四、结转下年度继续办理 as printed, C1…C6 (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他). */
  carriedOver: readonly number[];
  /** Last year's 尚未审结 proceedings (K4, K9, K14), compared with those recorded on the platform. */
  pendingAppeals?: {
    reconsideration: number;
    litigationDirect: number;
    litigationAfterReconsideration: number;
  };
}

export interface ComputeOptions {
  /** The day the computation is for (default: today in China): a missed deadline counts only once passed (3.12). */
  asOf?: LegalDate;
  openingBalance?: OpeningBalance | null;
}

export interface Table3Result {
  year: number;
  agencyId: string;
  /** R1…R25 (（六） split into R21–R23), each [C1…C6, C7]. */
  T3: T3Table;
  /** Every cell id `T3.R<row>.C<col>` → the ids of the cases it counts (C7: all of the row's). */
  cases: Record<string, string[]>;
  /** Submitted by 31 December but not confirmed by then: not received in law, not counted (3.3). */
  unconfirmed: string[];
  /** Withdrawn in the year before any confirmation: not counted (3.4). */
  withdrawnUnconfirmed: string[];
  /** Counted as 逾期不补正 / 逾期未缴费 by their passed deadline before the daily job closed them (3.12). */
  pendingClosures: string[];
  /** R2 is the entered opening balance (3.18). */
  openingBalanceUsed: boolean;
  /** Things the office should know, in Chinese. */
  notes: string[];
}

/** A case's year-independent counting facts. */
export interface CaseCounting {
  id: string;
  column: number; // 1…6
  receivedOn: LegalDate;
  /** The first closure (null: still open), with its 表三 row. */
  closedOn: LegalDate | null;
  row: string | null;
  pendingClosure: boolean;
}

export const yearStart = (y: number) => `${y}-01-01` as LegalDate;
export const yearEnd = (y: number) => `${y}-12-31` as LegalDate;
const columnOf = (kind: string) => Number(reportCell('disclosed', kind as ApplicantKind).column.slice(1));
const rowOf = (outcome: string) => outcomeInfo(outcome as OutcomeCode).row;

const CHUNK = 500;
function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * The counting facts of the agency's received cases that may count in `year`: received on or before
 * 31 December and not first-closed before 1 January (`closed_on` is never earlier than the first closure,
 * so filtering on it keeps every such case).
 */
export async function countingFacts(
  db: Db,
  agencyId: string,
  year: number,
  asOf: LegalDate,
): Promise<CaseCounting[]> {
  const rows = await db
    .selectFrom('application_cases')
    .select([
      'id',
      'applicant_kind',
      'received_on',
      'closed_on',
      'outcome',
      'reply_round',
      'state',
      'correction_deadline',
      'fee_payment_deadline',
    ])
    .where('agency_id', '=', agencyId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', yearEnd(year))
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', yearStart(year))]))
    .execute();

  // 3.15/3.16: after a 重新答复 the case's outcome and closing columns may have moved on; its first closure
  // is the round-0 reply letter that was sent.
  const redone = rows.filter((r) => Number(r.reply_round) > 0).map((r) => r.id);
  const firstReply = new Map<string, { sentOn: LegalDate; outcome: string }>();
  for (const ids of chunks(redone)) {
    const letters = await db
      .selectFrom('application_letters')
      .select(['case_id', 'sent_on', 'outcome'])
      .where('case_id', 'in', ids)
      .where('kind', '=', 'reply')
      .where('reply_round', '=', 0)
      .where('status', '=', 'sent')
      .execute();
    for (const l of letters)
      if (l.sent_on && l.outcome)
        firstReply.set(l.case_id, { sentOn: l.sent_on as LegalDate, outcome: l.outcome });
  }

  const out: CaseCounting[] = [];
  for (const r of rows) {
    const fact: CaseCounting = {
      id: r.id,
      column: columnOf(r.applicant_kind),
      receivedOn: r.received_on as LegalDate,
      closedOn: null,
      row: null,
      pendingClosure: false,
    };
    const first = firstReply.get(r.id);
    if (first) {
      fact.closedOn = first.sentOn;
      fact.row = rowOf(first.outcome);
    } else if (r.closed_on && r.outcome) {
      fact.closedOn = r.closed_on as LegalDate;
      fact.row = rowOf(r.outcome);
    } else {
      // 3.12: the deadline passed, the daily job has not closed it yet — the day after the deadline counts.
      const deadline =
        r.state === 'awaitingCorrection'
          ? r.correction_deadline
          : r.state === 'awaitingFee'
            ? r.fee_payment_deadline
            : null;
      if (deadline) {
        const on = addDays(deadline as LegalDate, 1);
        if (on <= asOf) {
          fact.closedOn = on;
          fact.row = rowOf(
            r.state === 'awaitingCorrection'
              ? CLOSURE_OUTCOMES.correctionOverdue
              : CLOSURE_OUTCOMES.feeUnpaid,
          );
          fact.pendingClosure = true;
        }
      }
    }
    out.push(fact);
  }
  return out;
}

const isOpenOn = (f: CaseCounting, day: LegalDate) =>
  f.receivedOn <= day && (f.closedOn === null || f.closedOn > day);

/** The 表三 cells of a year from the counting facts (pure; 3.1–3.17). */
export function classify(
  facts: readonly CaseCounting[],
  year: number,
): { T3: T3Table; cases: Record<string, string[]> } {
  const rows = t3RowIds(true);
  const cases: Record<string, string[]> = {};
  for (const row of rows) for (let c = 1; c <= 7; c++) cases[`T3.${row}.C${c}`] = [];
  const add = (row: string, f: CaseCounting) => {
    cases[`T3.${row}.C${f.column}`]!.push(f.id);
    cases[`T3.${row}.C7`]!.push(f.id);
  };
  const from = yearStart(year);
  const to = yearEnd(year);
  const lastEnd = yearEnd(year - 1);
  for (const f of facts) {
    if (f.receivedOn >= from && f.receivedOn <= to) add('R1', f);
    else if (isOpenOn(f, lastEnd)) add('R2', f);
    else if (f.receivedOn > to || (f.closedOn !== null && f.closedOn < from)) continue;
    if (f.closedOn !== null && f.closedOn >= from && f.closedOn <= to) {
      add(f.row!, f);
      add('R24', f);
    } else if (isOpenOn(f, to)) add('R25', f);
  }
  const T3: T3Table = {};
  for (const row of rows) T3[row] = Array.from({ length: 7 }, (_, i) => cases[`T3.${row}.C${i + 1}`]!.length);
  return { T3, cases };
}

export async function computeTable3(
  db: Db,
  agencyId: string,
  year: number,
  options: ComputeOptions = {},
): Promise<Table3Result> {
  const asOf = options.asOf ?? chinaToday();
  const facts = await countingFacts(db, agencyId, year, asOf);
  const { T3, cases } = classify(facts, year);
  const notes: string[] = [];
  const opening = options.openingBalance?.year === year ? options.openingBalance : null;
  if (opening) {
    // 3.18: R2 is the entered figure; the carried cases found on the platform stay listed against it.
    const entered = [0, 1, 2, 3, 4, 5].map((i) => Math.trunc(Number(opening.carriedOver[i] ?? 0)));
    const registered = T3.R2!.slice(0, 6) as number[];
    T3.R2 = [...entered, entered.reduce((s, n) => s + n, 0)];
    const missing = entered.reduce((s, n, i) => s + Math.max(0, n - registered[i]!), 0);
    if (missing > 0)
      notes.push(
        `上年结转${T3.R2[6]}件（录入数），其中${missing}件未在平台登记（按原收到日期登记后，其办理结果才能计入本年度）。`,
      );
  }
  // Two queries rather than one with OR, so each is a range of (agency_id, received_on).
  const notYet = db
    .selectFrom('application_cases')
    .select(['id', 'received_on', 'closed_on', 'closure_reason'])
    .where('agency_id', '=', agencyId)
    .where('arrived_on', '<=', yearEnd(year));
  const received = [
    ...(await notYet.where('received_on', 'is', null).execute()),
    ...(await notYet.where('received_on', '>', yearEnd(year)).execute()),
  ];
  const unconfirmed: string[] = [];
  const withdrawnUnconfirmed: string[] = [];
  for (const r of received) {
    const closedBefore = r.closed_on !== null && r.closed_on <= yearEnd(year);
    if (r.received_on === null && closedBefore) {
      if (r.closure_reason === 'withdrawn' && r.closed_on! >= yearStart(year))
        withdrawnUnconfirmed.push(r.id);
    } else unconfirmed.push(r.id);
  }
  if (unconfirmed.length > 0)
    notes.push(
      `${unconfirmed.length}件申请截至${year}年12月31日尚未确认收到，依第三十一条未计入本年度（确认之日为收到申请之日）。`,
    );
  const pendingClosures = facts
    .filter((f) => f.pendingClosure && f.closedOn! >= yearStart(year) && f.closedOn! <= yearEnd(year))
    .map((f) => f.id);
  if (pendingClosures.length > 0)
    notes.push(
      `${pendingClosures.length}件申请补正或缴费期限已过、尚待系统办结，已按期限届满次日计入逾期不补正或逾期未缴费。`,
    );
  return {
    year,
    agencyId,
    T3,
    cases,
    unconfirmed,
    withdrawnUnconfirmed,
    pendingClosures,
    openingBalanceUsed: opening !== null,
    notes,
  };
}
