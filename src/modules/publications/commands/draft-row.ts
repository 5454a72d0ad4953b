/** Shared by create and update: the column check, fields → columns, and what the audit trail keeps of a draft. */
import type { AuditRecord } from '../../../platform/audit/redact.js';
import type { FieldErrors } from '../../../platform/errors.js';
import type { Db } from '../../../platform/services.js';
import { acceptsPublications, toCatalogNode } from '../../catalog/catalog.js';
import { findNode } from '../../catalog/catalog.repository.js';
import type { WorkCalendar } from '../../workdays/calendar.js';
import { renderBody } from '../body.js';
import { dueOnFor } from '../dates.js';
import type { PublicationTable } from '../publications.table.js';
import type { PublicationFields } from './publication-input.js';

/** The column must be an active 栏目 of the same agency. */
export async function checkColumn(db: Db, fe: FieldErrors, agencyId: string, columnId: string | null) {
  if (!columnId) return;
  const row = await findNode(db, columnId);
  const node = row ? toCatalogNode(row) : null;
  if (!node || node.agencyId !== agencyId) fe.add('columnId', '栏目不存在');
  else if (node.status === 'retired') fe.add('columnId', `栏目“${node.name}”已停用，请改选其他栏目`);
  else if (!acceptsPublications(node)) fe.add('columnId', `“${node.name}”不是可发布信息的栏目`);
}

type ContentColumns = Pick<
  PublicationTable,
  | 'title'
  | 'summary'
  | 'keywords'
  | 'body_format'
  | 'body_source'
  | 'body_html'
  | 'body_text'
  | 'column_id'
  | 'doc_no_prefix'
  | 'doc_no_year'
  | 'doc_no_number'
  | 'written_on'
  | 'formed_on'
  | 'due_on'
  | 'publisher_name'
  | 'topic'
  | 'genre'
  | 'validity'
  | 'disclosure_attribute'
  | 'withhold_ground'
  | 'withhold_reason'
>;

export function fieldsToRow(f: PublicationFields, calendar: WorkCalendar): ContentColumns {
  const body = renderBody(f.bodyFormat, f.bodySource);
  return {
    title: f.title,
    summary: f.summary,
    keywords: JSON.stringify(f.keywords),
    body_format: f.bodyFormat,
    body_source: f.bodySource,
    body_html: body.html,
    body_text: body.text,
    column_id: f.columnId,
    doc_no_prefix: f.docNoPrefix,
    doc_no_year: f.docNoYear,
    doc_no_number: f.docNoNumber,
    written_on: f.writtenOn,
    formed_on: f.formedOn,
    due_on: dueOnFor(calendar, f.formedOn),
    publisher_name: f.publisherName,
    topic: f.topic,
    genre: f.genre,
    validity: f.validity,
    disclosure_attribute: f.disclosureAttribute,
    withhold_ground: f.withholdGround,
    withhold_reason: f.withholdReason,
  };
}

/** The metadata, and only the body's length: the body may still hold personal data awaiting masking. */
export function auditFields(f: PublicationFields): AuditRecord {
  const { bodySource, ...rest } = f;
  return { ...rest, bodyLength: bodySource.length };
}
