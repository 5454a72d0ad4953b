/**
 * 非本机关负责公开 (第三十六条第（五）项): the reply tells the applicant which agency is responsible, with its
 * name and contact, and counts in 表三 as 无法提供·本机关不掌握相关政府信息 (R13). It is drafted, signed off
 * and sent like any reply. When the responsible agency is on the platform the application may also be
 * forwarded: that opens a new case there, with its own tracking number and its own receipt date (the day that
 * agency confirms it) — the original case stays as it is.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday } from '../../../platform/legal-date.js';
import { type Input, readText } from '../../../platform/validate.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { auditActor } from '../../accounts/commands/context.js';
import { type ApplicationCase, toCase } from '../applications.js';
import { assertCan } from '../applications.policy.js';
import { appendEvents, updateCaseIf } from '../applications.repository.js';
import { art, formatLegalRefs } from '../legal-refs.js';
import { openApplicant, personalDataCipher } from '../personal.js';
import { formatQueryCode, randomQueryCode } from '../query-code.js';
import { createCase } from './create-case.js';
import { draftPlan, readReply } from './reply.js';
import { type CommandContext, loadCase, reloadCase, runAction } from './run.js';

export function closeNotOurs(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'closeNotOurs', async (lc, env) => {
    const fe = new FieldErrors();
    const d = readReply(
      fe,
      { legalBasis: formatLegalRefs([art(36, { item: 5 })]), ...input },
      'unavailable.notHeld',
    );
    const otherId = readText(fe, input, 'otherAgencyId', '负责公开的机关', { max: 64 });
    let name = readText(fe, input, 'otherAgencyName', '负责公开的机关名称', { max: 100 });
    const contact = readText(fe, input, 'otherAgencyContact', '负责公开的机关联系方式', {
      required: true,
      max: 200,
    });
    if (otherId) {
      const other = await findAgency(ctx.services.db, otherId);
      if (other?.status !== 'active') fe.add('otherAgencyId', '所选机关不存在或已撤销');
      else if (other.id === lc.case.agencyId) fe.add('otherAgencyId', '负责公开的机关不能是本机关');
      else name = other.name;
    } else if (!name)
      fe.add(
        'otherAgencyName',
        '请填写负责公开的机关名称（第三十六条第（五）项：能够确定的，告知其名称、联系方式）',
      );
    fe.throwIfAny();
    return draftPlan(ctx, lc, env, { ...d, notOurs: { agencyId: otherId || null, name, contact } });
  });
}

export interface ForwardResult {
  case: ApplicationCase;
  forwarded: ApplicationCase;
  /** The new case's query code, shown once, for the notice to the applicant. */
  queryCode: string;
}

/** 转送: a new case at the responsible agency, waiting for its confirmation (its own receipt date). */
export async function forwardCase(
  ctx: CommandContext,
  id: string,
  input: Input = {},
): Promise<ForwardResult> {
  const lc = await loadCase(ctx, id);
  assertCan('forward', lc.case, ctx.principal, lc.facts);
  const fe = new FieldErrors();
  const note = readText(fe, input, 'note', '转送说明', { max: 500 });
  fe.throwIfAny();
  const target = lc.case.notOurs!.agencyId!;
  const cipher = personalDataCipher(ctx.services.config);
  const applicant = openApplicant(cipher, id, lc.row.pii_envelope);
  const queryCode = randomQueryCode();
  const actor = auditActor(ctx);
  const row = await createCase(ctx.services, {
    agencyId: target,
    channel: 'online',
    kind: lc.case.applicantKind,
    applicant,
    info: {
      description: lc.case.info.description,
      title: lc.case.info.title,
      docNo: lc.case.info.docNo,
      indexNo: lc.case.info.indexNo,
      purpose: lc.case.info.purpose,
      forms: lc.case.info.forms,
      deliveryMethods: lc.case.info.deliveryMethods,
      acceptOtherForm: lc.case.info.acceptOtherForm,
    },
    arrivedOn: chinaToday(ctx.services.clock.now()),
    receipt: null,
    idempotencyKey: null,
    submissionHash: null,
    queryCode,
    uploads: [],
    createdBy: null,
    forwardedFromId: id,
    action: 'forward',
    actor,
    note: note || null,
    alsoWrite: async (trx, created) => {
      const now = ctx.services.clock.now().toISOString();
      if (!(await updateCaseIf(trx, id, lc.case.version, { forwarded_to_id: created.id, updated_at: now })))
        throw new AppError('conflict', '该申请刚刚已被他人处理，请刷新后重试。');
      await appendEvents(trx, id, [
        {
          action: 'forward',
          kind: 'forward',
          clock: 0,
          on_date: chinaToday(ctx.services.clock.now()),
          data_json: JSON.stringify({
            forwardedToId: created.id,
            trackingNo: created.tracking_no,
            agencyId: target,
          }),
          from_state: lc.case.state,
          to_state: lc.case.state,
          actor_id: actor.actorId,
          actor_label: actor.actorLabel,
          note: note || null,
          at: now,
        },
      ]);
      await ctx.services.audit.record(trx, actor, {
        agencyId: lc.case.agencyId,
        action: 'application.forward',
        targetType: 'application',
        targetId: id,
        after: {
          trackingNo: lc.case.trackingNo,
          forwardedToId: created.id,
          forwardedTrackingNo: created.tracking_no,
          agencyId: target,
        },
      });
    },
  });
  return {
    case: await reloadCase(ctx.services, id),
    forwarded: toCase(row),
    queryCode: formatQueryCode(queryCode),
  };
}
