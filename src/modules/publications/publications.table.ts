/** Row types of this module's tables (PLACEHOLDER: being written). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module's migration
export interface PublicationTables {}
