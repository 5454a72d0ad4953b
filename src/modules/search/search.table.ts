/** Row types of the search tables (filled in by the search index; see the 030 migration). */
// biome-ignore lint/complexity/noBannedTypes: placeholder until the search index lands
export type SearchTables = {};
