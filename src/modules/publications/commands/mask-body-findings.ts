/**
 * 一键脱敏: the editor masks the personal data the checks found in the body source (身份证号 shown as
 * 110***********1234, bank cards all but the last four digits); by default the blocking kinds only,
 * `kinds` may add mobiles and e-mails. The audit event records how many were masked, never the values.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readChoices } from '../../../platform/validate.js';
import { auditActor } from '../../accounts/commands/context.js';
import { type Finding, maskFindings, scanText } from '../../checks/findings.js';
import { renderBody } from '../body.js';
import type { Publication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { updatePublicationIf } from '../publications.repository.js';
import { type CommandContext, loadPublication, reload, reviewContext } from './load.js';

const MASKABLE = ['idNumber', 'bankCard', 'mobile', 'email'] as const;

/** Masks findings of `source`; in Markdown the mask's `*` are escaped so they stay literal. */
export function maskSource(source: string, format: 'markdown' | 'html', findings: Finding[]): string {
  if (format === 'html') return maskFindings(source, findings);
  let out = source;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) {
    const piece = maskFindings(out.slice(f.start, f.end), [{ ...f, start: 0, end: f.end - f.start }]);
    out = out.slice(0, f.start) + piece.replace(/[*_~`\\]/g, '\\$&') + out.slice(f.end);
  }
  return out;
}

export async function maskBodyFindings(
  ctx: CommandContext,
  id: string,
  input: Input = {},
): Promise<Publication> {
  const pub = await loadPublication(ctx, id);
  const rc = await reviewContext(ctx.services, pub);
  assertCan('maskFindings', pub, ctx.principal, rc);
  const fe = new FieldErrors();
  const chosen = readChoices(fe, input, 'kinds', '脱敏类型', MASKABLE);
  fe.throwIfAny();
  const kinds: readonly string[] = chosen.length > 0 ? chosen : ['idNumber', 'bankCard'];
  const found = scanText(pub.bodySource, { ...rc.settings, today: rc.today }).filter((f) =>
    kinds.includes(f.kind),
  );
  if (found.length === 0) throw new AppError('refused', '正文中没有可一键脱敏的内容；敏感词请直接修改正文。');
  const source = maskSource(pub.bodySource, pub.bodyFormat, found);
  const body = renderBody(pub.bodyFormat, source);
  const now = ctx.services.clock.now().toISOString();
  await ctx.services.db.transaction().execute(async (trx) => {
    const patch = {
      body_source: source,
      body_html: body.html,
      body_text: body.text,
      updated_by: ctx.principal.userId,
      updated_at: now,
    };
    if (!(await updatePublicationIf(trx, id, { state: 'draft', round: pub.round }, patch)))
      throw new AppError('conflict', '该信息刚刚已被他人处理，请刷新后重试。');
    const counts: Record<string, number> = {};
    for (const f of found) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: pub.agencyId,
      action: 'publication.mask_findings',
      targetType: 'publication',
      targetId: id,
      after: { masked: counts },
    });
  });
  return reload(ctx.services, id);
}
