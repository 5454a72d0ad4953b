/** SQL of the 依申请公开 tables. No policy here: commands check, then call these inside their transaction. */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Db } from '../../platform/services.js';
import type { ApplicationCaseTable, ApplicationEventTable } from './applications.table.js';

type Trx = Transaction<Database>;

export function findCase(db: Db, id: string) {
  return db.selectFrom('application_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCaseByTrackingNo(db: Db, trackingNo: string) {
  return db
    .selectFrom('application_cases')
    .selectAll()
    .where('tracking_no', '=', trackingNo)
    .executeTakeFirst();
}

export function findCaseByIdempotencyKey(db: Db, key: string) {
  return db.selectFrom('application_cases').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export async function insertCase(trx: Trx, row: ApplicationCaseTable): Promise<void> {
  await trx.insertInto('application_cases').values(row).execute();
}

/**
 * Changes the case only if nobody changed it since it was read (its version), and moves the version on.
 * False when it was changed meanwhile: the command refuses with 'conflict' and writes nothing.
 */
export async function updateCaseIf(
  trx: Trx,
  id: string,
  version: number,
  patch: Partial<ApplicationCaseTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('application_cases')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listEvents(db: Db, caseId: string) {
  return db
    .selectFrom('application_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

export type NewEvent = Omit<ApplicationEventTable, 'id' | 'seq' | 'case_id'>;

/** Appends events to the case's timeline (after the case row was updated, so the case is locked). */
export async function appendEvents(trx: Trx, caseId: string, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const last = await trx
    .selectFrom('application_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  await trx
    .insertInto('application_events')
    .values(events.map((e) => ({ ...e, id: randomUUID(), case_id: caseId, seq: ++seq })))
    .execute();
}

export function listLetters(db: Db, caseId: string) {
  return (
    db
      .selectFrom('application_letters')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('drafted_at')
      // Letters issued by one command share the instant: their numbers give the order.
      .orderBy(sql`coalesce(serial, 0)`)
      .orderBy('id')
      .execute()
  );
}

export function findLetter(db: Db, id: string) {
  return db.selectFrom('application_letters').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listConsultations(db: Db, caseId: string) {
  return db
    .selectFrom('application_consultations')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findFee(db: Db, caseId: string) {
  return db.selectFrom('application_fees').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export function listAttachments(db: Db, caseId: string) {
  return db
    .selectFrom('application_attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('sort_order')
    .execute();
}

export function listAppeals(db: Db, caseId: string) {
  return db
    .selectFrom('application_appeals')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('filed_on')
    .orderBy('id')
    .execute();
}

export function findSettingsRow(db: Db, agencyId: string) {
  return db
    .selectFrom('application_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
}

/**
 * The next tracking serial of a prefix's year, under the counter row's lock (as letters.ts does); with
 * `count`, that many serials at once (an import), returning the last of them.
 */
export async function drawTrackingSerial(
  trx: Trx,
  prefix: string,
  year: number,
  now: string,
  count = 1,
): Promise<number> {
  await trx
    .insertInto('application_tracking_counters')
    .values({ prefix, year, last_serial: 0, updated_at: now })
    .onConflict((oc) => oc.columns(['prefix', 'year']).doNothing())
    .execute();
  await trx
    .updateTable('application_tracking_counters')
    .set((eb) => ({ last_serial: eb('last_serial', '+', count), updated_at: now }))
    .where('prefix', '=', prefix)
    .where('year', '=', year)
    .execute();
  const row = await trx
    .selectFrom('application_tracking_counters')
    .select('last_serial')
    .where('prefix', '=', prefix)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(row.last_serial);
}

/**
 * The cases of the same applicant at an agency — same document number (or credit code) or same name and
 * phone, by blind index — in registration order.
 */
export function sameApplicantCases(
  db: Db,
  agencyId: string,
  idx: { idIndex: string | null; contactIndex: string | null },
) {
  return (
    db
      .selectFrom('application_cases')
      .select([
        'id',
        'received_on',
        'items',
        'created_at',
        'state',
        'tracking_no',
        'info_title',
        'info_doc_no',
        'info_description',
      ])
      .where('agency_id', '=', agencyId)
      .where((eb) => {
        const ors = [];
        if (idx.idIndex) ors.push(eb('applicant_id_index', '=', idx.idIndex));
        if (idx.contactIndex) ors.push(eb('applicant_contact_index', '=', idx.contactIndex));
        return ors.length ? eb.or(ors) : eb.val(false);
      })
      // Registration order: the instant, then the tracking number (drawn in order from a locked counter).
      .orderBy('created_at')
      .orderBy('tracking_no')
      .execute()
  );
}
