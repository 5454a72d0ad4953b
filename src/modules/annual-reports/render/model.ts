/**
 * What the annual report's renderers take (HTML page, Word, Excel): one agency's report for one year in the
 * 2021 national format. Filled by the reports module (reports/) from its stored narrative and its tables.
 */
import type { ReportTables, SectionKey } from '../checker/model.js';

export interface ReportDocument {
  /** The agency's name as it was for the year (e.g. 示例市民政局). */
  agencyName: string;
  /** The year reported on. */
  year: number;
  /** Sections 一 to 六 as plain text; paragraphs separated by blank lines; '' when not written. */
  sections: Record<SectionKey, string>;
  /** 表二, 表三 (（六） as R21–R23), 表四, cell ids as in checker/model.ts. */
  tables: ReportTables;
  /** The date shown under the title (publication), YYYY-MM-DD; null in drafts. */
  dated: string | null;
}
