/** Tables of letter templates and notifications (migration 2026-12-07-100). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the letters work of this session
export interface ApplicationLetterTables {}
