/**
 * 分办 and 认领: the 公开办负责人 hands a case to a handler of the agency (or re-assigns it later); a handler
 * takes an unassigned one himself. A received case goes in progress with its first handler.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import { rolesOf } from '../../accounts/accounts.repository.js';
import type { ApplicationCase } from '../applications.js';
import { type CommandContext, runAction } from './run.js';

export function assignCase(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'assign', async (lc, env) => {
    const fe = new FieldErrors();
    const handlerId = readText(fe, input, 'handlerId', '承办人', { required: true, max: 64 });
    const note = readText(fe, input, 'note', '分办意见', { max: 500 });
    fe.throwIfAny();
    const user = await ctx.services.db
      .selectFrom('users')
      .select(['id', 'agency_id', 'status'])
      .where('id', '=', handlerId)
      .executeTakeFirst();
    const roles = user ? await rolesOf(ctx.services.db, user.id) : [];
    if (
      !user ||
      user.agency_id !== lc.case.agencyId ||
      user.status !== 'active' ||
      !roles.some((r) => r === 'caseHandler' || r === 'officeHead')
    )
      throw AppError.validation([
        { field: 'handlerId', message: '承办人应为本单位在岗的依申请办理人员或公开办负责人' },
      ]);
    if (user.id === lc.case.handlerId)
      throw AppError.validation([{ field: 'handlerId', message: '本申请已由该工作人员承办' }]);
    return {
      note,
      patch: { handler_id: user.id, assigned_at: env.now },
      audit: { handlerId: user.id, previousHandlerId: lc.case.handlerId },
    };
  });
}

export function claimCase(ctx: CommandContext, id: string): Promise<ApplicationCase> {
  return runAction(ctx, id, 'claim', (_lc, env) => ({
    patch: { handler_id: ctx.principal.userId, assigned_at: env.now },
    audit: { handlerId: ctx.principal.userId },
  }));
}
