/** SQL of attachments and of the finding overrides. The caller owns the transaction. */
import type { Db } from '../../platform/services.js';
import type { PublicationAttachmentTable, PublicationFindingOverrideTable } from './publications.table.js';

export function listAttachmentRows(db: Db, publicationId: string) {
  return db
    .selectFrom('publication_attachments')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .orderBy('sort_order')
    .execute();
}

export function findAttachmentRow(db: Db, publicationId: string, attachmentId: string) {
  return db
    .selectFrom('publication_attachments')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

export async function nextAttachmentOrder(db: Db, publicationId: string): Promise<number> {
  const row = await db
    .selectFrom('publication_attachments')
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .where('publication_id', '=', publicationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertAttachment(db: Db, row: PublicationAttachmentTable): Promise<void> {
  await db.insertInto('publication_attachments').values(row).execute();
}

export async function deleteAttachmentRow(db: Db, attachmentId: string): Promise<void> {
  await db.deleteFrom('publication_attachments').where('id', '=', attachmentId).execute();
}

export async function setAttachmentFindings(db: Db, attachmentId: string, findingsJson: string) {
  await db
    .updateTable('publication_attachments')
    .set({ findings_json: findingsJson })
    .where('id', '=', attachmentId)
    .execute();
}

export function listOverrides(db: Db, publicationId: string) {
  return db
    .selectFrom('publication_finding_overrides')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .orderBy('at')
    .execute();
}

export async function insertOverride(db: Db, row: PublicationFindingOverrideTable): Promise<void> {
  await db.insertInto('publication_finding_overrides').values(row).execute();
}
