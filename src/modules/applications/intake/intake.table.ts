/** Tables of intake aids: duplicate flags, imports, retention (migration 2026-12-07-110). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the intake work of this session
export interface ApplicationIntakeTables {}
