/** Row types of the portal's own tables: site identity settings, view counters (040 migration). */
// biome-ignore lint/complexity/noBannedTypes: placeholder until the site settings land
export type PortalTables = {};
