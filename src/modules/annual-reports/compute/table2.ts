/**
 * 表二 主动公开政府信息情况 (2021 format), docs/legal/report-counting.md §表二: 规章 and 行政规范性文件 from the
 * agency's publications (made, repealed, in force), and the figures that come from other systems (行政许可,
 * 行政处罚, 行政强制 decisions; 行政事业性收费 in 万元) as the agency enters them.
 */
import type { Db } from '../../../platform/services.js';
import type { CellValue, T2Table } from '../checker/model.js';
import { yearEnd, yearStart } from './table3.js';

/** Entered by the agency; a figure left out stays blank (V5 warns). */
export interface Table2Inputs {
  licensing?: number | null;
  penalties?: number | null;
  enforcement?: number | null;
  /** 行政事业性收费 本年收费金额, 万元 (decimal). */
  feesAmount?: number | null;
}

export interface Table2Result {
  year: number;
  agencyId: string;
  T2: T2Table;
  /** Cell ids `T2.regulations.made` … → the publication ids counted (entered cells: none). */
  publications: Record<string, string[]>;
}

const ROWS = { rule: 'regulations', normativeDocument: 'normativeDocuments' } as const;
const ENDED = ['repealed', 'expired'];

export interface DocCounting {
  id: string;
  row: 'regulations' | 'normativeDocuments';
  /** 成文日期, else the day first published (2.2). */
  madeOn: string | null;
  endedOn: string | null;
}

export async function documentFacts(db: Db, agencyId: string): Promise<DocCounting[]> {
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'genre', 'written_on', 'first_published_at', 'validity', 'validity_changed_on'])
    .where('agency_id', '=', agencyId)
    .where('genre', 'in', Object.keys(ROWS))
    .where('published_version', 'is not', null)
    .where('state', '!=', 'withdrawn')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    row: ROWS[r.genre as keyof typeof ROWS],
    madeOn: r.written_on ?? (r.first_published_at ? chinaDayOf(r.first_published_at) : null),
    endedOn: r.validity && ENDED.includes(r.validity) ? (r.validity_changed_on ?? null) : null,
  }));
}

/** The China calendar day of an ISO instant (UTC+8, no daylight saving). */
function chinaDayOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

export function classifyDocuments(
  docs: readonly DocCounting[],
  year: number,
): { cells: Record<string, number>; publications: Record<string, string[]> } {
  const publications: Record<string, string[]> = {};
  for (const row of Object.values(ROWS))
    for (const col of ['made', 'repealed', 'inForce']) publications[`T2.${row}.${col}`] = [];
  const from = yearStart(year);
  const to = yearEnd(year);
  const within = (d: string | null) => d !== null && d >= from && d <= to;
  for (const d of docs) {
    if (within(d.madeOn)) publications[`T2.${d.row}.made`]!.push(d.id);
    if (within(d.endedOn)) publications[`T2.${d.row}.repealed`]!.push(d.id);
    if (d.madeOn !== null && d.madeOn <= to && (d.endedOn === null || d.endedOn > to))
      publications[`T2.${d.row}.inForce`]!.push(d.id);
  }
  const cells = Object.fromEntries(Object.entries(publications).map(([k, v]) => [k, v.length]));
  return { cells, publications };
}

const entered = (v: number | null | undefined): CellValue =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

export async function computeTable2(
  db: Db,
  agencyId: string,
  year: number,
  inputs: Table2Inputs = {},
): Promise<Table2Result> {
  const { cells, publications } = classifyDocuments(await documentFacts(db, agencyId), year);
  const docRow = (row: string) => ({
    made: cells[`T2.${row}.made`]!,
    repealed: cells[`T2.${row}.repealed`]!,
    inForce: cells[`T2.${row}.inForce`]!,
  });
  const T2: T2Table = {
    regulations: docRow('regulations'),
    normativeDocuments: docRow('normativeDocuments'),
    licensing: { decisions: entered(inputs.licensing) },
    penalties: { decisions: entered(inputs.penalties) },
    enforcement: { decisions: entered(inputs.enforcement) },
    fees: { amount: entered(inputs.feesAmount) },
  };
  return { year, agencyId, T2, publications };
}
