/** The annual reports' tables (migration 2026-12-07-130): filled in by their owner. */
// biome-ignore lint/complexity/noBannedTypes: placeholder until the tables are declared
export type AnnualReportTables = {};
