/**
 * Use case: a supervisor (主管部门) sends a comment (意见) or a 督办 to an agency
 * of its supervised subtree. A 督办 names the date by which the agency must
 * answer. The note and its audit event (in the supervised agency's chain) are
 * written in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday, type LegalDate, parseLegalDate } from '../../../platform/legal-date.js';
import { type Input, readChoice, readText } from '../../../platform/validate.js';
import { canSupervise } from '../../accounts/accounts.policy.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { LIMITS, NOTE_KINDS, type SupervisionNote, toNote } from '../supervision.js';
import { insertNote } from '../supervision.repository.js';
import type { SupervisionNoteTable } from '../supervision.table.js';

/** 办理期限: a real date after today; required for a 督办, optional for a comment. */
export function readDueOn(
  fe: FieldErrors,
  input: Input,
  required: boolean,
  today: LegalDate,
): LegalDate | null {
  const raw = input.dueOn;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) {
    if (required) fe.add('dueOn', '请填写办理期限（督办须规定办理期限）');
    return null;
  }
  const d = parseLegalDate(text);
  if (!d) {
    fe.add('dueOn', '办理期限应为有效日期，格式如 2026-03-31');
    return null;
  }
  if (d <= today) fe.add('dueOn', '办理期限应晚于今天');
  return d;
}

/** The target agency: it must exist within the poster's subtree (else 404, no oracle) and still exist. */
async function assertTarget(ctx: CommandContext, agencyId: string): Promise<void> {
  const db = ctx.services.db;
  const agency = await findAgency(db, agencyId);
  if (!agency || !(await canSupervise(db, ctx.principal, agencyId))) throw new AppError('not_found');
  if (agency.status === 'abolished')
    throw new AppError('refused', `${agency.name}已撤销，不能再向其发出意见或督办。`);
  if (agency.status === 'merged')
    throw new AppError('refused', `${agency.name}已并入其他单位，请向并入后的单位发出。`);
}

export async function postNote(ctx: CommandContext, input: Input): Promise<SupervisionNote> {
  const p = ctx.principal;
  if (!p.roles.has('supervisor') || !p.agencyId)
    throw new AppError('forbidden', '只有主管部门（政务公开办）可以发出意见或督办。');
  const fe = new FieldErrors();
  const agencyId = typeof input.agencyId === 'string' ? input.agencyId.trim() : '';
  if (!agencyId) fe.add('agencyId', '请选择被督办单位');
  else await assertTarget(ctx, agencyId);
  const kind = readChoice(fe, input, 'kind', '类型', NOTE_KINDS);
  const subject = readText(fe, input, 'subject', '主题', { required: true, max: LIMITS.subject });
  const body = readText(fe, input, 'body', '内容', { required: true, max: LIMITS.body });
  const dueOn = readDueOn(fe, input, kind === 'urge', chinaToday(ctx.services.clock.now()));
  fe.throwIfAny();

  const now = ctx.services.clock.now().toISOString();
  const row: SupervisionNoteTable = {
    id: randomUUID(),
    agency_id: agencyId,
    author_id: p.userId,
    author_agency_id: p.agencyId,
    kind: kind!,
    subject,
    body,
    due_on: dueOn,
    status: 'open',
    answer: null,
    answered_by: null,
    answered_at: null,
    closed_by: null,
    closed_at: null,
    close_reason: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.services.db.transaction().execute(async (trx) => {
    await insertNote(trx, row);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'supervision.post',
      targetType: 'supervisionNote',
      targetId: row.id,
      after: { kind: row.kind, subject, body, dueOn, authorAgencyId: p.agencyId, status: 'open' },
    });
  });
  return toNote(row);
}
