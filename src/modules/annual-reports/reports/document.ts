/** The renderers' input (render/model.ts) from a report, its agency and its computed tables. */
import type { ReportTables } from '../checker/model.js';
import type { ReportDocument } from '../render/model.js';
import type { AnnualReport } from './reports.js';

export function reportDocument(
  r: Pick<AnnualReport, 'year' | 'sections'>,
  agencyName: string,
  tables: ReportTables,
  dated: string | null,
): ReportDocument {
  return { agencyName, year: r.year, sections: { ...r.sections }, tables, dated };
}
