/**
 * Glue shared by the publications back-office routes. A validation error re-renders the page with what
 * the user typed (400); a refusal re-renders it with the policy's reasons (422); a lost race says so
 * (409); success redirects (303) with a fixed message key.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../../platform/errors.js';
import {
  attempt,
  body,
  formValues,
  queryOrOwnAgency,
  queryText,
} from '../../../platform/http/form-helpers.js';
import type { Values } from '../../../platform/views/form.js';
import { readableAgencies } from '../../accounts/accounts.policy.js';
import { findAgency, listAgencies } from '../../accounts/accounts.repository.js';

export { attempt, body, formValues, queryOrOwnAgency, queryText };

export type Req = FastifyRequest;

export interface AgencyRef {
  id: string;
  name: string;
}

export async function agencyRef(req: Req, id: string): Promise<AgencyRef> {
  const row = await findAgency(req.server.services.db, id);
  if (!row) throw new AppError('not_found');
  return { id: row.id, name: row.name };
}

/** Other agencies the viewer may look at (supervisors, platform admin); null when just their own. */
export async function agencyChoices(req: Req): Promise<AgencyRef[] | null> {
  const p = req.principal!;
  if (!p.isPlatformAdmin && !p.roles.has('supervisor')) return null;
  const scope = await readableAgencies(req.server.services.db, p);
  const list = (await listAgencies(req.server.services.db))
    .filter((a) => scope === 'all' || scope.includes(a.id))
    .map((a) => ({ id: a.id, name: a.name }));
  return list.length > 1 ? list : null;
}

/** A failed submission: which form of the page, what the user sent, and why it failed. */
export interface Failed {
  form?: string;
  values?: Values;
  error: AppError;
}

/**
 * A page carries several forms, so each form's fields are named `<form>-<field>` (unique ids for the
 * labels and the error summary). These map the form's fields to the command's input and back.
 */
export function unprefix(input: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const start = `${prefix}-`;
  return Object.fromEntries(
    Object.entries(input)
      .filter(([k]) => k.startsWith(start))
      .map(([k, v]) => [k.slice(start.length), v]),
  );
}

export function prefixFields(error: AppError, prefix: string): AppError {
  if (error.code !== 'validation_failed') return error;
  const fields: FieldError[] = error.fields.map((f) => ({ ...f, field: `${prefix}-${f.field}` }));
  return new AppError(error.code, error.message, fields);
}

/** A finding key (`kind:hash`) as it may appear in a field name and an element id. */
export const findingSlug = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '-');

/** What to tell the user after a redirect (`?done=`): fixed texts, never echoed input. */
export const DONE_MESSAGES: Record<string, string> = {
  created: '已保存草稿。填写完整并处理检查问题后，可以提交审核。',
  saved: '已保存修改。',
  submit: '已提交审核。',
  approve: '已审核通过，转入下一环节。',
  'send-back': '已退回编辑修改。',
  publish: '已发布，索引号已生成。',
  schedule: '已设定定时发布。',
  unschedule: '已取消定时发布，信息回到领导审签环节。',
  register: '已登记到三项清单（不主动公开）。',
  amend: '已建立修订版本。修订版本须重新走完审核流程，已发布的版本在此期间继续公开。',
  withdraw: '已撤回，公开页面不再显示该信息。',
  'confirm-registered': '已复核：维持不公开，下次复核日期已顺延。',
  'release-registered': '已复核：转为主动公开，信息回到草稿，须重新走审核流程。',
  validity: '已标注有效性。',
  mask: '已一键脱敏正文中的个人信息。',
  override: '已记录忽略理由。',
  link: '已关联政策文件。',
  unlink: '已取消关联。',
  upload: '已上传附件，并完成自动检查。',
  'delete-attachment': '已删除附件。',
  replace: '已更换附件，并完成自动检查。',
  reassigned: '已转交草稿。',
};

export const doneMessage = (req: Req): string | undefined => {
  const done = queryText(req, 'done');
  return Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
};
