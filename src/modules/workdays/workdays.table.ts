export interface CalendarYearTable {
  year: number;
  status: string; // official | provisional
  notice_title: string | null;
  notice_ref: string | null;
  updated_at: string;
}

export interface CalendarDayTable {
  date: string; // YYYY-MM-DD
  year: number;
  kind: string; // holiday | makeupWorkday
  name: string | null;
}
