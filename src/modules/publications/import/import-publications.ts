/**
 * 导入已公开信息: an agency's archive of items it already published elsewhere, with their own
 * 索引号. Everything is validated first; if anything is wrong, nothing is written and every problem
 * is returned. Otherwise all items are written in one transaction (write.ts). A dry run stops after
 * validation. The command line runs as the system; the back office as an agency admin or editor.
 */
import type { Actor } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import type { Principal } from '../../accounts/accounts.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import type { AttachmentSource } from './archive.js';
import { planImport } from './plan.js';
import type { ImportProblem } from './problems.js';
import { type ImportedItem, ImportWriteError, writeImport } from './write.js';

export interface ImportContext {
  services: Services;
  actor: Actor;
  /** The signed-in person, checked to be an agency admin or editor of the agency; null: the system (CLI). */
  principal: Principal | null;
}

export interface ImportRequest {
  agencyId: string;
  file: { name: string; bytes: Uint8Array };
  attachments: AttachmentSource | null;
  dryRun: boolean;
  /** The written reason to override blocking findings (recorded and audited); null: they are problems. */
  allowFindings: string | null;
}

interface Outcome {
  format: 'csv' | 'json';
  encoding: string | null;
  /** Data rows read from the file. */
  rows: number;
}

export type ImportResult =
  | (Outcome & { ok: false; problems: ImportProblem[] })
  /** Dry run: the items that would be imported, with id null. */
  | (Outcome & { ok: true; dryRun: boolean; items: (Omit<ImportedItem, 'id'> & { id: string | null })[] });

export const IMPORT_ROLES = ['agencyAdmin', 'editor'] as const;

export async function importPublications(ctx: ImportContext, req: ImportRequest): Promise<ImportResult> {
  const { services } = ctx;
  const agency = await findAgency(services.db, req.agencyId);
  if (!agency) throw new AppError('not_found', '单位不存在。');
  if (ctx.principal && !canAct(ctx.principal, agency.id, IMPORT_ROLES))
    throw new AppError('forbidden', '只有本单位的单位管理员或编辑可以导入信息。');
  if (agency.status !== 'active') throw new AppError('refused', '该单位已合并或撤销，不能导入信息。');
  const plan = await planImport(services, {
    agency,
    file: req.file,
    attachments: req.attachments,
    allowFindings: req.allowFindings,
  });
  const outcome = { format: plan.format, encoding: plan.encoding, rows: plan.rows };
  if (plan.problems.length > 0) return { ...outcome, ok: false, problems: plan.problems };
  if (req.dryRun) {
    const items = plan.items.map((i) => ({
      id: null,
      line: i.line,
      indexNo: i.indexNo,
      title: i.fields.title,
      attachments: i.attachments.length,
      overrides: i.overridden.length,
    }));
    return { ...outcome, ok: true, dryRun: true, items };
  }
  try {
    const items = await writeImport(services, ctx.actor, plan, {
      agencyId: agency.id,
      fileName: req.file.name,
      attachments: req.attachments,
      allowFindings: req.allowFindings?.trim() ?? null,
    });
    return { ...outcome, ok: true, dryRun: false, items };
  } catch (e) {
    if (e instanceof ImportWriteError) return { ...outcome, ok: false, problems: [e.problem] };
    throw e;
  }
}
