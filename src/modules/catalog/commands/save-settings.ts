/**
 * Saves an agency's disclosure settings. 保密审查 cannot be removed from the workflow (条例第十七条);
 * a 索引号 pattern must pass validateIndexNoPattern; an empty pattern means the platform default.
 */
import { diff } from '../../../platform/audit/audit.js';
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readChoices, readInt, readText } from '../../../platform/validate.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { assertCanEditCatalog } from '../catalog.policy.js';
import { validateIndexNoPattern } from '../index-no.js';
import { type DisclosureSettings, MANDATORY_STEP, normalizeSteps, WORKFLOW_STEPS } from '../settings.js';
import { getDisclosureSettings, upsertSettingsRow } from '../settings.repository.js';

export const SENSITIVE_WORDS_MAX = 500;
export const EXTRA_CONTACTS_MAX = 100;

/** One entry a line; blank lines dropped, duplicates kept once, each entry checked. */
function readLines(
  fe: FieldErrors,
  input: Input,
  field: string,
  label: string,
  opts: { maxEach: number; maxCount: number },
): string[] {
  const text = readText(fe, input, field, label, { max: opts.maxEach * opts.maxCount });
  const lines = [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const long = lines.find((l) => [...l].length > opts.maxEach);
  if (long) fe.add(field, `${label}每行不能超过${opts.maxEach}个字（“${[...long].slice(0, 10).join('')}…”）`);
  if (lines.length > opts.maxCount) fe.add(field, `${label}最多${opts.maxCount}行`);
  return lines;
}

export async function saveDisclosureSettings(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<DisclosureSettings> {
  const db = ctx.services.db;
  await assertCanEditCatalog(db, ctx.principal, agencyId);
  const fe = new FieldErrors();
  const pattern = readText(fe, input, 'indexNoPattern', '索引号规则', { max: 60 });
  if (pattern) for (const problem of validateIndexNoPattern(pattern)) fe.add('indexNoPattern', problem);
  const sensitiveWords = readLines(fe, input, 'sensitiveWords', '敏感词', {
    maxEach: 50,
    maxCount: SENSITIVE_WORDS_MAX,
  });
  const extraContacts = readLines(fe, input, 'extraContacts', '其他公开联系方式', {
    maxEach: 100,
    maxCount: EXTRA_CONTACTS_MAX,
  });
  const steps = readChoices(fe, input, 'workflowSteps', '审核环节', WORKFLOW_STEPS);
  if (!steps.includes(MANDATORY_STEP))
    fe.add('workflowSteps', '保密审查是《政府信息公开条例》第十七条规定的法定环节，不能取消');
  const months = readInt(fe, input, 'withheldReviewMonths', '不公开信息复核周期（月）', {
    required: true,
    min: 1,
    max: 36,
  });
  fe.throwIfAny();

  const current = await getDisclosureSettings(db, agencyId);
  const next = {
    indexNoPattern: pattern || null,
    sensitiveWords,
    extraContacts,
    workflowSteps: normalizeSteps(steps),
    withheldReviewMonths: months!,
  };
  const d = diff(
    {
      indexNoPattern: current.indexNoPattern,
      sensitiveWords: current.sensitiveWords,
      extraContacts: current.extraContacts,
      workflowSteps: current.workflowSteps,
      withheldReviewMonths: current.withheldReviewMonths,
    },
    next,
  );
  if (Object.keys(d.after).length === 0) return current;
  await db.transaction().execute(async (trx) => {
    await upsertSettingsRow(trx, {
      agency_id: agencyId,
      index_no_pattern: next.indexNoPattern,
      sensitive_words_json: JSON.stringify(next.sensitiveWords),
      extra_contacts_json: JSON.stringify(next.extraContacts),
      workflow_steps_json: JSON.stringify(next.workflowSteps),
      withheld_review_months: next.withheldReviewMonths,
      updated_at: ctx.services.clock.now().toISOString(),
      updated_by: ctx.principal.userId,
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'catalog.settings_update',
      targetType: 'disclosureSettings',
      targetId: agencyId,
      before: d.before,
      after: d.after,
    });
  });
  return getDisclosureSettings(db, agencyId);
}
