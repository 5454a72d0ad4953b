/**
 * 补正 (第三十条): one notice listing every item to correct, with the applicant's deadline — the one given,
 * or the agency's default period counted from the day after the notice (stored explicitly with the event, so
 * a later change of the agency's settings never moves it). The clock stops; a second notice is possible only
 * after a correction arrived and is still unclear, with that explained. The corrected application restarts
 * the clock in full; after the deadline it is accepted only with the good reason recorded.
 */
import type { Actor } from '../../../platform/audit/audit.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { type Input, readText } from '../../../platform/validate.js';
import type { ApplicationCase } from '../applications.js';
import { insertAttachments, type StoredUpload, storeUploads, type Upload } from '../attachments.js';
import { issueLetter } from '../letters.js';
import { readInformation } from '../personal.js';
import { findApplicantCase } from '../public-view.js';
import { fromStates, STATE_LABELS } from '../workflow.js';
import { readDate, readLines } from './inputs.js';
import {
  applyAction,
  type CasePlan,
  type CommandContext,
  loadRow,
  type PlanEnv,
  planEnv,
  reloadCase,
  runAction,
} from './run.js';
import { APPLICANT_ACTOR_LABEL } from './submit-online.js';

export function requestCorrection(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'requestCorrection', (lc, env) => {
    const fe = new FieldErrors();
    const items = readLines(fe, input, 'items', '需要补正的事项', {
      required: true,
      maxItems: 20,
      maxLength: 300,
    });
    const sentOn = readDate(fe, input, 'sentOn', '告知日期', { fallback: env.today });
    const given = readDate(fe, input, 'deadline', '补正期限');
    const rounds = lc.events.filter((e) => e.kind === 'correctionRequested').length;
    const stillUnclear = readText(fe, input, 'stillUnclearReason', '补正后仍不明确的情况', {
      required: rounds > 0,
      max: 500,
    });
    if (rounds > 0 && !stillUnclear && !fe.list.some((e) => e.field === 'stillUnclearReason'))
      fe.add('stillUnclearReason', '已告知过补正：只有补正后申请内容仍不明确的，才能再次告知补正，请说明');
    fe.throwIfAny();
    const deadline = given ?? env.calendar.addWorkdays(sentOn!, env.clockSettings.correctionPeriodWorkdays);
    return {
      clockEvent: { kind: 'correctionRequested', on: sentOn!, deadline },
      note: stillUnclear || null,
      write: async (trx, w) => {
        const letter = await issueLetter(trx, {
          caseId: lc.case.id,
          agencyId: lc.case.agencyId,
          kind: 'correctionNotice',
          replyRound: lc.case.replyRound,
          content: {
            items,
            deadline,
            deadlineSource: given ? 'given' : 'default',
            round: rounds + 1,
            noticeDueOn: w.clock?.correctionNoticeDueOn ?? null,
          },
          actorId: w.actor.actorId,
          now: w.now,
          sentOn: sentOn!,
          prefix: env.settings.letterPrefix,
        });
        return { audit: { letterNo: letter.number, deadline, items: items.length, round: rounds + 1 } };
      },
    };
  });
}

/**
 * 收到补正: the corrected application arrived (with any new material). The description of the information
 * may be corrected at the same time (the fields of readInformation, when `infoDescription` is given).
 */
export async function receiveCorrection(
  ctx: CommandContext,
  id: string,
  input: Input,
  uploads: readonly Upload[] = [],
): Promise<ApplicationCase> {
  const stored = await storeCorrectionUploads(ctx.services, uploads);
  return runAction(ctx, id, 'receiveCorrection', (_lc, env) =>
    correctionReceivedPlan(id, input, stored, ctx.principal.userId, env),
  );
}

async function storeCorrectionUploads(services: Services, uploads: readonly Upload[]) {
  const stored = uploads.length ? await storeUploads(services.config, uploads) : [];
  if (
    stored.some(
      (u) => u.purpose !== 'correction' && u.purpose !== 'identity' && u.purpose !== 'authorization',
    )
  )
    throw AppError.validation([
      { field: 'attachments', message: '补正材料的用途应为补正材料、身份证明或授权委托书' },
    ]);
  return stored;
}

function correctionReceivedPlan(
  id: string,
  input: Input,
  stored: StoredUpload[],
  uploadedBy: string | null,
  env: PlanEnv,
): CasePlan {
  const fe = new FieldErrors();
  const on = readDate(fe, input, 'receivedOn', '收到补正的日期', { fallback: env.today });
  const lateReason = readText(fe, input, 'lateReason', '逾期补正的正当理由', { max: 500 });
  const note = readText(fe, input, 'note', '补正情况说明', { max: 500 });
  const info = input.infoDescription !== undefined ? readInformation(fe, input) : null;
  fe.throwIfAny();
  return {
    clockEvent: { kind: 'correctionReceived', on: on!, ...(lateReason ? { lateReason } : {}) },
    note: note || null,
    patch: info
      ? {
          info_title: info.title,
          info_doc_no: info.docNo,
          info_index_no: info.indexNo,
          info_description: info.description,
          info_purpose: info.purpose,
          information_forms: JSON.stringify(info.forms),
          delivery_methods: JSON.stringify(info.deliveryMethods),
          accept_other_form: info.acceptOtherForm ? 1 : 0,
        }
      : {},
    write: async (trx, w) => {
      await insertAttachments(trx, id, stored, uploadedBy, w.now);
      return {
        audit: {
          lateReasonGiven: !!lateReason,
          informationCorrected: !!info,
          attachments: stored.map((u) => ({ sha256: u.sha256, purpose: u.purpose })),
        },
      };
    },
  };
}

/**
 * The applicant sends the corrected application online (申请查询 page), with the tracking number and query
 * code: received the day it arrives (the staff's receiveCorrection records other channels). The date and a
 * reason for lateness are not the applicant's to give: after the deadline the clock refuses it and the
 * office decides.
 */
export async function receiveCorrectionByApplicant(
  services: Services,
  trackingNo: unknown,
  queryCode: unknown,
  input: Input,
  uploads: readonly Upload[] = [],
  requestId: string | null = null,
): Promise<ApplicationCase> {
  const row = await findApplicantCase(services, trackingNo, queryCode);
  const lc = await loadRow(services, row);
  if (!fromStates('receiveCorrection').includes(lc.case.state))
    throw new AppError('refused', `不能提交补正：申请当前状态为“${STATE_LABELS[lc.case.state]}”，不需要补正`);
  const { receivedOn: _r, lateReason: _l, ...own } = input;
  const stored = await storeCorrectionUploads(services, uploads);
  const env = await planEnv(services, row);
  const actor: Actor = { actorId: null, actorLabel: APPLICANT_ACTOR_LABEL, requestId };
  await applyAction(
    services,
    actor,
    lc,
    'receiveCorrection',
    correctionReceivedPlan(row.id, own, stored, null, env),
    env,
  );
  return reloadCase(services, row.id);
}
