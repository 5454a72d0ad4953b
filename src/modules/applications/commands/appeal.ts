/**
 * 行政复议 and 行政诉讼 about a case (表四): filing date, the body (复议机关 / 人民法院), the decision date and the
 * result 维持 / 纠正 / 其他 / 尚未审结; for litigation, whether it followed a reconsideration (表四 counts
 * 未经复议直接起诉 and 复议后起诉 apart). A record is created, then updated when decided.
 */
import { randomUUID } from 'node:crypto';
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readBool, readChoice, readText } from '../../../platform/validate.js';
import type { AppealKind, AppealResult, ApplicationCase } from '../applications.js';
import { readDate } from './inputs.js';
import { type CommandContext, runAction } from './run.js';

const KINDS: readonly AppealKind[] = ['reconsideration', 'litigation'];
const RESULTS: readonly AppealResult[] = ['upheld', 'corrected', 'other', 'pending'];

export function recordAppeal(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'recordAppeal', (lc, env) => {
    const fe = new FieldErrors();
    const appealId = readText(fe, input, 'appealId', '复议或诉讼记录', { max: 64 });
    const existing = appealId ? lc.facts.appeals.find((a) => a.id === appealId) : undefined;
    if (appealId && !existing) fe.add('appealId', '找不到本申请的该复议或诉讼记录');
    const kind = readChoice(fe, input, 'kind', '类别', KINDS);
    const bodyName = readText(fe, input, 'bodyName', kind === 'litigation' ? '受理法院' : '复议机关', {
      required: true,
      max: 100,
    });
    const caseNo = readText(fe, input, 'caseNo', '案号', { max: 100 });
    const filedOn = readDate(fe, input, 'filedOn', kind === 'litigation' ? '起诉日期' : '申请复议日期', {
      required: true,
    });
    const decidedOn = readDate(fe, input, 'decidedOn', '审结日期');
    const result = readChoice(fe, input, 'result', '结果', RESULTS);
    const note = readText(fe, input, 'note', '备注', { max: 1000 });
    if (filedOn && filedOn > env.today) fe.add('filedOn', '日期不能晚于今天');
    if (decidedOn && filedOn && decidedOn < filedOn) fe.add('decidedOn', '审结日期不能早于申请或起诉日期');
    if (decidedOn && decidedOn > env.today) fe.add('decidedOn', '审结日期不能晚于今天');
    if (result === 'pending' && decidedOn) fe.add('result', '已填写审结日期的，结果不能是“尚未审结”');
    if (result && result !== 'pending' && !decidedOn) fe.add('decidedOn', '已有结果的，请填写审结日期');
    fe.throwIfAny();
    const rid = existing?.id ?? randomUUID();
    const after = kind === 'litigation' && readBool(input, 'afterReconsideration') ? 1 : 0;
    return {
      data: { appealId: rid, kind, result },
      write: async (trx, w) => {
        const values = {
          kind: kind!,
          after_reconsideration: after,
          body_name: bodyName,
          case_no: caseNo || null,
          filed_on: filedOn!,
          decided_on: decidedOn,
          result: result!,
          note: note || null,
          updated_at: w.now,
        };
        if (existing)
          await trx.updateTable('application_appeals').set(values).where('id', '=', rid).execute();
        else
          await trx
            .insertInto('application_appeals')
            .values({
              ...values,
              id: rid,
              case_id: id,
              agency_id: lc.case.agencyId,
              created_by: ctx.principal.userId,
              created_at: w.now,
            })
            .execute();
        return {
          audit: { appealId: rid, kind, afterReconsideration: after === 1, filedOn, decidedOn, result },
        };
      },
    };
  });
}
