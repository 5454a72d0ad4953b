/**
 * The reply (答复): drafted by the handler with exactly one outcome — a row of 表三 — and its legal basis,
 * signed off by a signer who did not draft it (assertNotOwnWork), numbered at sign-off, then sent: the
 * case's outcome is set and the clock closes on the day it is sent. A signer may send a draft back. After a
 * reconsideration decision or judgment that corrects the reply, the reply is redone (重新答复) on the same
 * case, in a new round, within the period the decision set.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import { type Input, readChoice, readText } from '../../../platform/validate.js';
import type { ApplicationCase } from '../applications.js';
import { isRedo } from '../applications.policy.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import { type OutcomeCode, outcomeInfo } from '../codes.js';
import { formatLegalRefs } from '../legal-refs.js';
import { drawLetterSerial, formatLetterNumber, insertDraftLetter } from '../letters.js';
import { REPLY_OUTCOMES } from '../workflow.js';
import { readDate } from './inputs.js';
import { type CasePlan, type CommandContext, type LoadedCase, type PlanEnv, runAction } from './run.js';

/** Drafts of the current round that a new draft (or a return, a withdrawal) replaces. */
export async function supersedeOpenReplies(
  trx: Transaction<Database>,
  lc: LoadedCase,
  now: string,
): Promise<void> {
  await trx
    .updateTable('application_letters')
    .set({ superseded: 1, updated_at: now })
    .where('case_id', '=', lc.case.id)
    .where('kind', '=', 'reply')
    .where('reply_round', '=', lc.case.replyRound)
    .where('status', '!=', 'sent')
    .execute();
}

export interface ReplyDraft {
  outcome: OutcomeCode;
  legalBasis: string;
  text: string;
  notOurs?: { agencyId: string | null; name: string; contact: string } | null;
}

/** The plan of a (re)draft: the old draft superseded, the new one stored, 非本机关 details kept on the case. */
export function draftPlan(ctx: CommandContext, lc: LoadedCase, _env: PlanEnv, d: ReplyDraft): CasePlan {
  const notOurs = d.notOurs ?? null;
  const patch: Partial<ApplicationCaseTable> = {
    not_ours_agency_id: notOurs?.agencyId ?? null,
    not_ours_agency_name: notOurs?.name ?? null,
    not_ours_agency_contact: notOurs?.contact ?? null,
  };
  return {
    patch,
    data: { outcome: d.outcome },
    write: async (trx, w) => {
      await supersedeOpenReplies(trx, lc, w.now);
      const letterId = await insertDraftLetter(trx, {
        caseId: lc.case.id,
        agencyId: lc.case.agencyId,
        kind: 'reply',
        replyRound: lc.case.replyRound,
        content: { text: d.text, ...(notOurs ? { notOurs } : {}) },
        outcome: d.outcome,
        legalBasis: d.legalBasis,
        actorId: ctx.principal.userId,
        now: w.now,
      });
      return { audit: { outcome: d.outcome, row: outcomeInfo(d.outcome).row, letterId } };
    },
  };
}

/** Reads outcome, basis (default: the outcome's articles) and text. */
export function readReply(
  fe: FieldErrors,
  input: Input,
  fixedOutcome?: OutcomeCode,
): Omit<ReplyDraft, 'notOurs'> {
  const outcome = fixedOutcome ?? readChoice(fe, input, 'outcome', '办理结果', REPLY_OUTCOMES);
  const given = readText(fe, input, 'legalBasis', '法律依据', { max: 500 });
  const text = readText(fe, input, 'text', '答复内容', { required: true, max: 5000 });
  const defaultBasis = outcome ? formatLegalRefs(outcomeInfo(outcome).basis) : '';
  const legalBasis = given || defaultBasis;
  if (outcome && !legalBasis && !fe.list.some((e) => e.field === 'legalBasis'))
    fe.add('legalBasis', '该办理结果没有默认的法律依据，请填写答复的法律依据');
  return { outcome: outcome!, legalBasis, text };
}

export function draftReply(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'draftReply', (lc, env) => {
    const fe = new FieldErrors();
    const d = readReply(fe, input);
    fe.throwIfAny();
    return draftPlan(ctx, lc, env, d);
  });
}

export function returnReply(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'returnReply', (lc) => {
    const fe = new FieldErrors();
    const comment = readText(fe, input, 'comment', '退回意见', { required: true, max: 1000 });
    fe.throwIfAny();
    return {
      note: comment,
      write: async (trx, w) => {
        await supersedeOpenReplies(trx, lc, w.now);
        return { audit: { letterId: lc.facts.reply!.id } };
      },
    };
  });
}

/** 审签: the signer approves the draft; it gets its number (per agency and year) now. */
export function approveReply(ctx: CommandContext, id: string, input: Input = {}): Promise<ApplicationCase> {
  return runAction(ctx, id, 'approveReply', (lc, env) => {
    const fe = new FieldErrors();
    const comment = readText(fe, input, 'comment', '审签意见', { max: 1000 });
    fe.throwIfAny();
    const letter = lc.facts.reply!;
    return {
      note: comment || null,
      write: async (trx, w) => {
        const year = Number(env.today.slice(0, 4));
        const serial = await drawLetterSerial(trx, lc.case.agencyId, year, w.now);
        const number = formatLetterNumber(env.settings.letterPrefix, year, serial);
        const r = await trx
          .updateTable('application_letters')
          .set({
            status: 'approved',
            year,
            serial,
            number,
            approved_by: ctx.principal.userId,
            approved_at: w.now,
            updated_at: w.now,
          })
          .where('id', '=', letter.id)
          .where('status', '=', 'draft')
          .where('superseded', '=', 0)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1)
          throw new AppError('conflict', '该答复稿刚刚已被他人处理，请刷新后重试。');
        return { audit: { letterId: letter.id, letterNo: number, outcome: letter.outcome } };
      },
    };
  });
}

/** 发出答复: the outcome becomes the case's; the clock closes on the day it is sent. */
export function sendReply(ctx: CommandContext, id: string, input: Input = {}): Promise<ApplicationCase> {
  return runAction(ctx, id, 'sendReply', (lc, env) => {
    const fe = new FieldErrors();
    const sentOn = readDate(fe, input, 'sentOn', '答复日期', { fallback: env.today });
    const letter = lc.facts.reply!;
    const approvedOn = letter.approvedAt ? chinaToday(new Date(letter.approvedAt)) : null;
    if (sentOn && approvedOn && sentOn < approvedOn) fe.add('sentOn', '答复日期不能早于审签日期');
    if (sentOn && sentOn > env.today) fe.add('sentOn', '答复日期不能晚于今天');
    fe.throwIfAny();
    const redo = isRedo(lc.case);
    const outcome = letter.outcome!;
    return {
      ...(redo ? { on: sentOn } : { clockEvent: { kind: 'replied' as const, on: sentOn! } }),
      patch: {
        outcome,
        outcome_basis: letter.legalBasis,
        // A 重新答复 keeps the first reply's closing day; the new reply's date is on its letter.
        ...(redo ? {} : { closed_on: sentOn, closure_reason: 'replied' }),
      },
      data: redo ? { replyRound: lc.case.replyRound, outcome } : undefined,
      write: async (trx, w) => {
        await trx
          .updateTable('application_letters')
          .set({ status: 'sent', sent_on: sentOn, sent_by: ctx.principal.userId, updated_at: w.now })
          .where('id', '=', letter.id)
          .execute();
        return {
          audit: {
            outcome,
            row: outcomeInfo(outcome).row,
            letterNo: letter.number,
            replyRound: lc.case.replyRound,
          },
        };
      },
    };
  });
}

/**
 * 重新答复: a reconsideration decision or a judgment (recorded with recordAppeal, result 纠正) requires a
 * new reply. The case goes back in progress in a new round; `dueOn` is the period the decision set.
 */
export function redoReply(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'redoReply', (lc, env) => {
    const fe = new FieldErrors();
    const appealId = readText(fe, input, 'appealId', '复议或诉讼记录', { required: true, max: 64 });
    const dueOn = readDate(fe, input, 'dueOn', '重新答复期限');
    const note = readText(fe, input, 'note', '说明', { max: 1000 });
    const appeal = lc.facts.appeals.find((a) => a.id === appealId);
    if (appealId && (appeal?.result !== 'corrected' || !appeal.decidedOn))
      fe.add('appealId', '请选择本申请已审结且结果为“纠正”的行政复议或行政诉讼');
    if (dueOn && dueOn < env.today) fe.add('dueOn', '重新答复期限不能早于今天');
    fe.throwIfAny();
    const round = lc.case.replyRound + 1;
    return {
      note: note || null,
      data: { appealId, replyRound: round },
      patch: {
        reply_round: round,
        redo_due_on: dueOn,
        due_on: dueOn as LegalDate | null,
        clock_state: dueOn ? 'running' : null,
        archived_at: null,
      },
      audit: { appealId, replyRound: round, redoDueOn: dueOn },
    };
  });
}
