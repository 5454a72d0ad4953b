/**
 * 征求意见 (第三十二条 third parties; 第三十三条第三款 and 第三十四条 other agencies): a 征求意见书 to the addressee
 * (15 working days to answer), and — with the first one — a 征求意见告知书 telling the applicant that the time
 * is not counted. The clock pauses from the day after the letter is sent until the answer arrives, or until
 * the 15th working day after the letter reached the addressee; overlapping consultations pause once. Each
 * consultation's id is the clock's requestId.
 */
import { randomUUID } from 'node:crypto';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readBool, readChoice, readText } from '../../../platform/validate.js';
import type { ApplicationCase, Consultation } from '../applications.js';
import { issueLetter } from '../letters.js';
import { readDate } from './inputs.js';
import { type CommandContext, type LoadedCase, runAction } from './run.js';

export const ADDRESSEE_KINDS = ['thirdParty', 'agency'] as const;

export function sendConsultation(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'sendConsultation', (lc, env) => {
    const fe = new FieldErrors();
    const addresseeKind = readChoice(fe, input, 'addresseeKind', '被征求意见方类型', ADDRESSEE_KINDS);
    const addresseeName = readText(fe, input, 'addresseeName', '被征求意见方名称', {
      required: true,
      max: 200,
    });
    const sentOn = readDate(fe, input, 'sentOn', '发函日期', { fallback: env.today });
    const first = lc.facts.consultations.length === 0;
    const notify = first || readBool(input, 'notifyApplicant');
    fe.throwIfAny();
    const consultationId = randomUUID();
    return {
      clockEvent: {
        kind: 'opinionRequestSent',
        on: sentOn!,
        requestId: consultationId,
        addressee: addresseeKind!,
      },
      write: async (trx, w) => {
        const common = {
          caseId: id,
          agencyId: lc.case.agencyId,
          replyRound: lc.case.replyRound,
          actorId: w.actor.actorId,
          now: w.now,
          sentOn: sentOn!,
          prefix: env.settings.letterPrefix,
        };
        const letter = await issueLetter(trx, {
          ...common,
          kind: 'opinionRequest',
          content: { consultationId, addresseeKind, answerWorkdays: 15 },
        });
        await trx
          .insertInto('application_consultations')
          .values({
            id: consultationId,
            case_id: id,
            addressee_kind: addresseeKind!,
            addressee_name: addresseeName,
            letter_id: letter.id,
            sent_on: sentOn!,
            reached_on: null,
            answered_on: null,
            answer_summary: null,
            created_by: ctx.principal.userId,
            created_at: w.now,
            updated_at: w.now,
          })
          .execute();
        let noticeNo: string | null = null;
        if (notify)
          noticeNo = (
            await issueLetter(trx, {
              ...common,
              kind: 'consultationNotice',
              content: { consultationId, addresseeKind, dueOnWithoutAnswer: w.clock?.dueOn ?? null },
            })
          ).number;
        return { audit: { consultationId, addresseeKind, letterNo: letter.number, noticeNo } };
      },
    };
  });
}

function findConsultation(lc: LoadedCase, fe: FieldErrors, input: Input): Consultation | null {
  const cid = readText(fe, input, 'consultationId', '征求意见函', { required: true, max: 64 });
  if (!cid) return null;
  const c = lc.facts.consultations.find((x) => x.id === cid) ?? null;
  if (!c) fe.add('consultationId', '找不到本申请的该征求意见函');
  return c;
}

/** The 征求意见书 reached its addressee: the addressee's 15 working days start the next day. */
export function recordConsultationReached(
  ctx: CommandContext,
  id: string,
  input: Input,
): Promise<ApplicationCase> {
  return runAction(ctx, id, 'recordConsultationReached', (lc, env) => {
    const fe = new FieldErrors();
    const c = findConsultation(lc, fe, input);
    const on = readDate(fe, input, 'reachedOn', '送达日期', { fallback: env.today });
    if (c?.reachedOn) fe.add('consultationId', '该征求意见书已登记送达');
    fe.throwIfAny();
    return {
      clockEvent: { kind: 'opinionRequestDelivered', on: on!, requestId: c!.id },
      write: async (trx, w) => {
        await markConsultationReached(trx, c!, on!, w.now);
        return { audit: { consultationId: c!.id } };
      },
    };
  });
}

export async function markConsultationReached(
  trx: Parameters<NonNullable<import('./run.js').CasePlan['write']>>[0],
  c: Consultation,
  on: string,
  now: string,
): Promise<void> {
  await trx
    .updateTable('application_consultations')
    .set({ reached_on: on, updated_at: now })
    .where('id', '=', c.id)
    .execute();
}

/** The addressee's answer arrived: the pause ends that day (or at its 15th working day, when late). */
export function recordConsultationAnswer(
  ctx: CommandContext,
  id: string,
  input: Input,
): Promise<ApplicationCase> {
  return runAction(ctx, id, 'recordConsultationAnswer', (lc, env) => {
    const fe = new FieldErrors();
    const c = findConsultation(lc, fe, input);
    const on = readDate(fe, input, 'answeredOn', '收到意见的日期', { fallback: env.today });
    const summary = readText(fe, input, 'summary', '意见摘要', { required: true, max: 2000 });
    if (c?.answeredOn) fe.add('consultationId', '该征求意见函已登记收到意见');
    fe.throwIfAny();
    if (!c) throw new AppError('not_found');
    return {
      clockEvent: { kind: 'opinionReceived', on: on!, requestId: c.id },
      write: async (trx, w) => {
        await trx
          .updateTable('application_consultations')
          .set({ answered_on: on, answer_summary: summary, updated_at: w.now })
          .where('id', '=', c.id)
          .execute();
        return { audit: { consultationId: c.id } };
      },
    };
  });
}
