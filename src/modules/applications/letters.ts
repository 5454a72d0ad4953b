/**
 * The letters (文书) of a case: kinds, statuses, and their numbers — 〔2026〕第12号, optionally after the
 * agency's 代字 — drawn per agency and year from a locked counter (portal-and-letters.md §9.1: 流水 per agency
 * per year), so concurrent commands never draw the same number and numbers are never reused. Process notices
 * are numbered when they are issued; a reply when it is signed off (approveReply), the number it is sent with.
 * A case closed by the clock (逾期不补正 R21, 逾期未缴费 R22) gets its notice from the closing job
 * (commands/jobs.ts): a letter of kind `reply` with that outcome — the case's 表三 result, written from the
 * agency's `reply.<outcome>` template — issued like the process notices (numbered and sent at once, no
 * sign-off: the closure is the law's consequence of the missed deadline, not a decision; see the README).
 * The Word output is built from these rows elsewhere; a letter row holds only the case-specific data
 * (`content`), never the applicant's personal data (filled in when the document is generated).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { LegalDate } from '../../platform/legal-date.js';
import type { ApplicationLetterTable } from './applications.table.js';

type Trx = Transaction<Database>;

export const LETTER_KINDS = [
  'receipt',
  'correctionNotice',
  'opinionRequest',
  'consultationNotice',
  'extensionNotice',
  'feeNotice',
  'reply',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  receipt: '政府信息公开申请受理回执',
  correctionNotice: '补正申请告知书',
  opinionRequest: '征求意见书',
  consultationNotice: '征求意见告知书',
  extensionNotice: '延期答复告知书',
  feeNotice: '收费通知书',
  reply: '政府信息公开申请答复书',
};

/** What a case closed by the clock's notice is called (a `reply` letter of outcome R21 or R22). */
export const CLOSURE_NOTICE_LABEL = '政府信息公开申请告知书（视为放弃申请）';

const CLOSED_BY_CLOCK: readonly string[] = ['otherHandling.correctionOverdue', 'otherHandling.feeUnpaid'];

/** The name of one letter for lists: its kind's label, or the closure notice's for an R21/R22 reply. */
export function letterLabel(l: { kind: LetterKind; outcome?: string | null }): string {
  if (l.kind === 'reply' && l.outcome && CLOSED_BY_CLOCK.includes(l.outcome)) return CLOSURE_NOTICE_LABEL;
  return LETTER_KIND_LABELS[l.kind];
}

/** Letters that go to the applicant (and so appear in the applicant's view); 征求意见书 go to the addressee. */
export const TO_APPLICANT: readonly LetterKind[] = LETTER_KINDS.filter((k) => k !== 'opinionRequest');

export type LetterStatus = 'draft' | 'approved' | 'sent';
export const LETTER_STATUS_LABELS: Record<LetterStatus, string> = {
  draft: '草稿',
  approved: '已审签',
  sent: '已发出',
};

/** How a letter reached its addressee (送达). */
export const DELIVERY_CHANNELS = {
  post: '邮寄',
  courier: '快递（EMS等）',
  email: '电子邮件',
  fax: '传真',
  inPerson: '当面送达（含自行领取）',
  online: '网上下载',
  other: '其他',
} as const;
export type DeliveryChannel = keyof typeof DELIVERY_CHANNELS;
export const DELIVERY_CHANNEL_CODES = Object.keys(DELIVERY_CHANNELS) as DeliveryChannel[];

/** 示民信公开〔2026〕第12号; without a prefix 〔2026〕第12号. */
export function formatLetterNumber(prefix: string | null, year: number, serial: number): string {
  return `${prefix ?? ''}〔${year}〕第${serial}号`;
}

/**
 * The next serial of the agency's year, taken under the counter row's lock (a no-op UPDATE locks the row
 * on PostgreSQL and takes SQLite's write lock, as the 索引号 counter does), inside the caller's transaction.
 */
export async function drawLetterSerial(
  trx: Trx,
  agencyId: string,
  year: number,
  now: string,
): Promise<number> {
  await trx
    .insertInto('application_letter_counters')
    .values({ agency_id: agencyId, year, last_serial: 0, updated_at: now })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing())
    .execute();
  await trx
    .updateTable('application_letter_counters')
    .set((eb) => ({ last_serial: eb('last_serial', '+', 1), updated_at: now }))
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .execute();
  const row = await trx
    .selectFrom('application_letter_counters')
    .select('last_serial')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(row.last_serial);
}

export interface NewLetter {
  caseId: string;
  agencyId: string;
  kind: LetterKind;
  replyRound: number;
  content: Record<string, unknown>;
  outcome?: string | null;
  legalBasis?: string | null;
  actorId: string | null;
  now: string;
}

/** A draft letter (replies): no number yet. */
export async function insertDraftLetter(trx: Trx, l: NewLetter): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('application_letters')
    .values(letterRow(id, l, 'draft'))
    .execute();
  return id;
}

/** A notice issued now: numbered and sent on `sentOn`. */
export async function issueLetter(
  trx: Trx,
  l: NewLetter & { sentOn: LegalDate; prefix: string | null },
): Promise<{ id: string; number: string }> {
  const id = randomUUID();
  const year = Number(l.sentOn.slice(0, 4));
  const serial = await drawLetterSerial(trx, l.agencyId, year, l.now);
  const number = formatLetterNumber(l.prefix, year, serial);
  await trx
    .insertInto('application_letters')
    .values({
      ...letterRow(id, l, 'sent'),
      year,
      serial,
      number,
      approved_by: l.actorId,
      approved_at: l.now,
      sent_on: l.sentOn,
      sent_by: l.actorId,
    })
    .execute();
  return { id, number };
}

function letterRow(id: string, l: NewLetter, status: LetterStatus): ApplicationLetterTable {
  return {
    id,
    case_id: l.caseId,
    agency_id: l.agencyId,
    kind: l.kind,
    status,
    reply_round: l.replyRound,
    superseded: 0,
    year: null,
    serial: null,
    number: null,
    outcome: l.outcome ?? null,
    legal_basis: l.legalBasis ?? null,
    content_json: JSON.stringify(l.content),
    drafted_by: l.actorId,
    drafted_at: l.now,
    approved_by: null,
    approved_at: null,
    sent_on: null,
    sent_by: null,
    delivered_on: null,
    delivery_channel: null,
    delivery_proof: null,
    delivery_recorded_by: null,
    file_sha256: null,
    updated_at: l.now,
  };
}
