/** The back-office addresses of the reports. */
export const reportsUrl = (agencyId?: string) =>
  agencyId ? `/admin/annual-reports?agencyId=${encodeURIComponent(agencyId)}` : '/admin/annual-reports';
export const reportUrl = (id: string) => `/admin/annual-reports/${encodeURIComponent(id)}`;
export const cellUrl = (id: string, cellId: string) => `${reportUrl(id)}/cells/${encodeURIComponent(cellId)}`;
export const overviewUrl = (year: number) => `/admin/annual-reports/overview?year=${year}`;
