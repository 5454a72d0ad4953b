/**
 * 表四 政府信息公开行政复议、行政诉讼情况, computed from the proceedings recorded on the agency's cases
 * (`application_appeals`) — docs/legal/report-counting.md §表四: decided in the year → its result column;
 * filed by 31 December and undecided then → 尚未审结. Each cell lists the case of every proceeding it counts.
 */
import type { Db } from '../../../platform/services.js';
import { T4_BLOCKS, T4_IDS, type T4Table } from '../checker/model.js';
import { type OpeningBalance, yearEnd, yearStart } from './table3.js';

export type AppealGroup = 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';

export interface AppealCounting {
  id: string;
  caseId: string;
  group: AppealGroup;
  filedOn: string;
  decidedOn: string | null;
  result: string;
}

export interface Table4Result {
  year: number;
  agencyId: string;
  T4: T4Table;
  /** Every cell id `T4.K<n>` → the case of each proceeding it counts (one entry per proceeding). */
  cases: Record<string, string[]>;
  /** The same, by proceeding (`application_appeals.id`). */
  appeals: Record<string, string[]>;
  notes: string[];
}

const GROUP_BLOCK: Record<AppealGroup, number> = {
  reconsideration: 0,
  litigationDirect: 1,
  litigationAfterReconsideration: 2,
};
const RESULT_PART: Record<string, number> = { upheld: 0, corrected: 1, other: 2, pending: 3 };

export function groupOf(kind: string, afterReconsideration: boolean): AppealGroup {
  if (kind === 'reconsideration') return 'reconsideration';
  return afterReconsideration ? 'litigationAfterReconsideration' : 'litigationDirect';
}

/** The cell (K1…K15 without the totals) a proceeding counts in for `year`, or null (4.1–4.6). */
export function appealCell(a: AppealCounting, year: number): string | null {
  if (a.filedOn > yearEnd(year)) return null;
  const block = T4_BLOCKS[GROUP_BLOCK[a.group]]!;
  const decided = a.decidedOn !== null && a.result !== 'pending';
  if (decided && a.decidedOn! < yearStart(year)) return null;
  if (decided && a.decidedOn! <= yearEnd(year)) return block.parts[RESULT_PART[a.result] ?? 2]!;
  return block.parts[3]!; // undecided on 31 December: 尚未审结
}

export async function appealFacts(db: Db, agencyId: string, year: number): Promise<AppealCounting[]> {
  const rows = await db
    .selectFrom('application_appeals')
    .select(['id', 'case_id', 'kind', 'after_reconsideration', 'filed_on', 'decided_on', 'result'])
    .where('agency_id', '=', agencyId)
    .where('filed_on', '<=', yearEnd(year))
    .where((eb) => eb.or([eb('decided_on', 'is', null), eb('decided_on', '>=', yearStart(year - 1))]))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    group: groupOf(r.kind, Number(r.after_reconsideration) === 1),
    filedOn: r.filed_on,
    decidedOn: r.decided_on,
    result: r.result,
  }));
}

export function classifyAppeals(
  facts: readonly AppealCounting[],
  year: number,
): { T4: T4Table; cases: Record<string, string[]>; appeals: Record<string, string[]> } {
  const cases: Record<string, string[]> = {};
  const appeals: Record<string, string[]> = {};
  for (const k of T4_IDS) {
    cases[`T4.${k}`] = [];
    appeals[`T4.${k}`] = [];
  }
  const total = new Map(T4_BLOCKS.flatMap((b) => b.parts.map((p) => [p, b.total] as const)));
  for (const a of facts) {
    const cell = appealCell(a, year);
    if (!cell) continue;
    for (const k of [cell, total.get(cell)!]) {
      cases[`T4.${k}`]!.push(a.caseId);
      appeals[`T4.${k}`]!.push(a.id);
    }
  }
  const T4: T4Table = {};
  for (const k of T4_IDS) T4[k] = cases[`T4.${k}`]!.length;
  return { T4, cases, appeals };
}

export async function computeTable4(
  db: Db,
  agencyId: string,
  year: number,
  options: { openingBalance?: OpeningBalance | null } = {},
): Promise<Table4Result> {
  const facts = await appealFacts(db, agencyId, year);
  const { T4, cases, appeals } = classifyAppeals(facts, year);
  const notes: string[] = [];
  const opening = options.openingBalance?.year === year ? options.openingBalance : null;
  if (opening?.pendingAppeals) {
    // 4.8: proceedings pending at last year's end that are not on the platform cannot be counted.
    const known = facts.filter((a) => appealCell(a, year - 1) === T4_BLOCKS[GROUP_BLOCK[a.group]]!.parts[3]);
    const names: [AppealGroup, string][] = [
      ['reconsideration', '行政复议'],
      ['litigationDirect', '行政诉讼（未经复议直接起诉）'],
      ['litigationAfterReconsideration', '行政诉讼（复议后起诉）'],
    ];
    for (const [g, name] of names) {
      const entered = Math.trunc(Number(opening.pendingAppeals[g] ?? 0));
      const onPlatform = known.filter((a) => a.group === g).length;
      if (entered > onPlatform)
        notes.push(
          `上年末尚未审结的${name}${entered}件（录入数）中，平台上只登记了${onPlatform}件；未登记的审结后不会计入本年度表四。`,
        );
    }
  }
  return { year, agencyId, T4, cases, appeals, notes };
}
