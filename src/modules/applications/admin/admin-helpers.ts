/**
 * Glue shared by the back-office pages of the cases: who may see them, the agency of `:caseId` for the
 * access rules, and the fixed texts shown after a redirect. Forms, re-rendering and field prefixes are the
 * publications back office's (re-exported), so both back offices behave the same.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import type { Db } from '../../../platform/services.js';
import type { Principal, Role } from '../../accounts/accounts.js';
import { canAct, canSupervise } from '../../accounts/accounts.policy.js';
import {
  type AgencyRef,
  agencyChoices,
  agencyRef,
  attempt,
  body,
  type Failed,
  formValues,
  prefixFields,
  queryOrOwnAgency,
  queryText,
  type Req,
  unprefix,
} from '../../publications/admin/admin-helpers.js';
import { findCase } from '../applications.repository.js';

export {
  type AgencyRef,
  agencyChoices,
  agencyRef,
  attempt,
  body,
  type Failed,
  formValues,
  prefixFields,
  queryOrOwnAgency,
  queryText,
  type Req,
  unprefix,
};

/** The roles of an agency's own staff who work on or sign off cases, or run the agency. */
export const CASE_STAFF_ROLES: readonly Role[] = ['caseHandler', 'officeHead', 'signer', 'agencyAdmin'];

/**
 * Who sees an agency's cases in the back office: its case staff (handlers, 公开办负责人, signers, agency
 * admin) and the supervisors over it. Other staff of the agency (editors, reviewers) and the platform
 * administrator do not: the cases concern applicants, not the publishing work.
 */
export async function mayViewCases(db: Db, p: Principal, agencyId: string): Promise<boolean> {
  return canAct(p, agencyId, CASE_STAFF_ROLES) || (await canSupervise(db, p, agencyId));
}

export async function assertMayViewCases(req: FastifyRequest, agencyId: string): Promise<void> {
  if (!(await mayViewCases(req.server.services.db, req.principal!, agencyId)))
    throw new AppError(
      'forbidden',
      '只有依申请公开办理人员、审签领导、公开办负责人、单位管理员和主管部门可以查看依申请公开案件。',
    );
}

export const caseIdOf = (req: FastifyRequest) => (req.params as { caseId: string }).caseId;

/** The agency owning `:caseId`, for access.agency (null ⇒ 404). */
export async function caseAgency(req: FastifyRequest): Promise<string | null> {
  const row = await findCase(req.server.services.db, caseIdOf(req));
  return row?.agency_id ?? null;
}

export const caseUrl = (id: string) => `/admin/applications/cases/${encodeURIComponent(id)}`;

/** What to tell the user after a redirect (`?done=`): fixed texts, never echoed input. */
export const DONE_MESSAGES: Record<string, string> = {
  confirm: '已确认收到申请，答复期限自确认之日起计算，受理回执已生成。',
  assign: '已分办。',
  claim: '已认领，本申请由您承办。',
  correction: '已告知补正，答复期限停止计算，补正告知书已生成。',
  'correction-received': '已登记收到补正，答复期限自收到补正之日起重新计算。',
  consultation: '已登记征求意见，征求意见书（及告知书）已生成。',
  'consultation-reached': '已登记征求意见书送达。',
  'consultation-answer': '已登记收到意见。',
  extension: '已延长答复期限，延期答复告知书已生成。',
  fee: '已发出收费通知，收费通知书已生成。',
  'fee-received': '已登记申请人收到收费通知，缴费期限已计算。',
  payment: '已登记缴费，答复期限恢复计算。',
  refund: '已登记退费。',
  reply: '已保存答复稿，待审签。',
  'not-ours': '已拟答复“非本机关负责公开”，待审签。',
  return: '已退回答复稿。',
  approve: '已审签答复，答复书已编号。',
  send: '已发出答复。',
  delivery: '已登记送达。',
  archive: '已归档。',
  withdraw: '已登记撤回申请。',
  redo: '已进入重新答复。',
  appeal: '已保存行政复议、行政诉讼记录。',
  publication: '已根据答复生成主动公开草稿。',
};

export const doneMessage = (req: Req): string | undefined => {
  const done = queryText(req, 'done');
  return Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
};
