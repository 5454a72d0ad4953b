/** An editor starts a publication as a draft of their own agency (发布机构 defaults to the agency's name). */
import { randomUUID } from 'node:crypto';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import type { Input } from '../../../platform/validate.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { auditActor } from '../../accounts/commands/context.js';
import type { Publication } from '../publications.js';
import { insertPublication } from '../publications.repository.js';
import type { PublicationTable } from '../publications.table.js';
import { auditFields, checkColumn, fieldsToRow } from './draft-row.js';
import { type CommandContext, reload } from './load.js';
import { type PublicationFields, readPublicationFields } from './publication-input.js';

export async function createPublication(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<Publication> {
  const { db, clock, calendar } = ctx.services;
  const agency = await findAgency(db, agencyId);
  if (!agency) throw new AppError('not_found', '单位不存在。');
  if (!canAct(ctx.principal, agencyId, ['editor']))
    throw new AppError('forbidden', '只有本单位的编辑可以新建信息。');
  if (agency.status !== 'active') throw new AppError('refused', '该单位已合并或撤销，不能新建信息。');
  const base: PublicationFields = {
    title: '',
    summary: '',
    keywords: [],
    bodyFormat: 'markdown',
    bodySource: '',
    columnId: null,
    docNoPrefix: null,
    docNoYear: null,
    docNoNumber: null,
    writtenOn: null,
    formedOn: null,
    publisherName: agency.name,
    topic: null,
    genre: null,
    validity: null,
    disclosureAttribute: 'proactive',
    withholdGround: null,
    withholdReason: null,
  };
  const fe = new FieldErrors();
  const fields = readPublicationFields(fe, input, base);
  await checkColumn(db, fe, agencyId, fields.columnId);
  fe.throwIfAny();
  const now = clock.now().toISOString();
  const id = randomUUID();
  const row: PublicationTable = {
    ...emptyRow(id, agencyId, now, ctx.principal.userId),
    ...fieldsToRow(fields, await calendar.get(db)),
  };
  await db.transaction().execute(async (trx) => {
    await insertPublication(trx, row);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'publication.create',
      targetType: 'publication',
      targetId: id,
      after: auditFields(fields),
    });
  });
  return reload(ctx.services, id);
}

/** The workflow and publication columns of a new draft (the content columns come from the fields). */
export function emptyRow(id: string, agencyId: string, now: string, userId: string | null) {
  return {
    id,
    agency_id: agencyId,
    state: 'draft',
    version: 1,
    round: 0,
    steps: '',
    published_version: null,
    validity_note: null,
    validity_changed_on: null,
    decided_on: null,
    next_review_on: null,
    index_no: null,
    index_imported: 0,
    scheduled_at: null,
    scheduled_by: null,
    first_published_at: null,
    published_at: null,
    published_on: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    source: 'authored',
    created_by: userId,
    updated_by: userId,
    submitted_by: null,
    created_at: now,
    updated_at: now,
  } satisfies Partial<PublicationTable>;
}
