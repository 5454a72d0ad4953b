/** An editor changes a draft (also the working version of an amendment). Fields absent from the input stay. */
import { diff } from '../../../platform/audit/audit.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import type { Input } from '../../../platform/validate.js';
import { auditActor } from '../../accounts/commands/context.js';
import type { Publication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { updatePublicationIf } from '../publications.repository.js';
import { auditFields, checkColumn, fieldsToRow } from './draft-row.js';
import { type CommandContext, loadPublication, reload, reviewContext } from './load.js';
import { type PublicationFields, readPublicationFields } from './publication-input.js';

export function currentFields(p: Publication): PublicationFields {
  return {
    title: p.title,
    summary: p.summary,
    keywords: p.keywords,
    bodyFormat: p.bodyFormat,
    bodySource: p.bodySource,
    columnId: p.columnId,
    docNoPrefix: p.docNoPrefix,
    docNoYear: p.docNoYear,
    docNoNumber: p.docNoNumber,
    writtenOn: p.writtenOn,
    formedOn: p.formedOn,
    publisherName: p.publisherName,
    topic: p.topic,
    genre: p.genre,
    validity: p.validity,
    disclosureAttribute: p.disclosureAttribute,
    withholdGround: p.withholdGround,
    withholdReason: p.withholdReason,
  };
}

export async function updatePublication(ctx: CommandContext, id: string, input: Input): Promise<Publication> {
  const { db, clock, calendar } = ctx.services;
  const pub = await loadPublication(ctx, id);
  assertCan('edit', pub, ctx.principal, await reviewContext(ctx.services, pub));
  const fe = new FieldErrors();
  const before = currentFields(pub);
  const fields = readPublicationFields(fe, input, before);
  await checkColumn(db, fe, pub.agencyId, fields.columnId);
  if (pub.publishedVersion !== null && fields.disclosureAttribute !== 'proactive')
    fe.add('disclosureAttribute', '已公开的信息不能改为不公开；如需撤下，请由审签领导撤回');
  if (pub.publishedVersion !== null && fields.formedOn && pub.formedOn && fields.formedOn < pub.formedOn)
    fe.add('formedOn', '变更日期不能早于上一版本的形成日期');
  fe.throwIfAny();
  const now = clock.now().toISOString();
  const d = diff(auditFields(before), auditFields(fields));
  const columns = fieldsToRow(fields, await calendar.get(db));
  await db.transaction().execute(async (trx) => {
    const changed = await updatePublicationIf(
      trx,
      id,
      { state: 'draft', round: pub.round },
      { ...columns, updated_by: ctx.principal.userId, updated_at: now },
    );
    if (!changed) throw new AppError('conflict', '该信息刚刚已被他人处理，请刷新后重试。');
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: pub.agencyId,
      action: 'publication.update',
      targetType: 'publication',
      targetId: id,
      before: d.before,
      after: d.after,
    });
  });
  return reload(ctx.services, id);
}
