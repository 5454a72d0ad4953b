/**
 * The State Council's holiday notices for 2024, 2025 and 2026 as data
 * (《国务院办公厅关于YYYY年部分节假日安排的通知》; transcribed in
 * shared/domain/disclosure-rules.md §4.2–4.6, verified there against copies of
 * the notices). Later years are entered by a platform admin in the back office.
 */
import type { Kysely } from 'kysely';

type Notice = { title: string; holidays: [string, string, string][]; makeupWorkdays: string[] };

const NOTICES: Record<number, Notice> = {
  2024: {
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    holidays: [
      ['元旦', '2024-01-01', '2024-01-01'],
      ['春节', '2024-02-10', '2024-02-17'],
      ['清明节', '2024-04-04', '2024-04-06'],
      ['劳动节', '2024-05-01', '2024-05-05'],
      ['端午节', '2024-06-10', '2024-06-10'],
      ['中秋节', '2024-09-15', '2024-09-17'],
      ['国庆节', '2024-10-01', '2024-10-07'],
    ],
    makeupWorkdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  2025: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

function* daysBetween(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    yield new Date(t).toISOString().slice(0, 10);
}

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  for (const [year, notice] of Object.entries(NOTICES)) {
    await db
      .insertInto('calendar_years')
      .values({
        year: Number(year),
        status: 'official',
        notice_title: notice.title,
        notice_ref: null,
        updated_at: now,
      })
      .execute();
    const rows = [
      ...notice.holidays.flatMap(([name, from, to]) =>
        [...daysBetween(from, to)].map((date) => ({ date, year: Number(year), kind: 'holiday', name })),
      ),
      ...notice.makeupWorkdays.map((date) => ({
        date,
        year: Number(year),
        kind: 'makeupWorkday',
        name: '调休上班',
      })),
    ];
    await db.insertInto('calendar_days').values(rows).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('calendar_days').where('year', 'in', [2024, 2025, 2026]).execute();
  await db.deleteFrom('calendar_years').where('year', 'in', [2024, 2025, 2026]).execute();
}
