/** The workflow transitions as JSON API routes: each parses, calls one command, returns the item's detail. */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { access } from '../../../platform/http/access.js';
import type { Input } from '../../../platform/validate.js';
import type { Role } from '../../accounts/accounts.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import { amendPublication } from '../commands/amend-publication.js';
import { approvePublication } from '../commands/approve-step.js';
import { publishNow } from '../commands/publish-now.js';
import { registerWithheld } from '../commands/register-withheld.js';
import { confirmRegistered, releaseRegistered } from '../commands/review-registered.js';
import { schedulePublication } from '../commands/schedule-publication.js';
import { sendBackPublication } from '../commands/send-back.js';
import { submitPublication } from '../commands/submit-publication.js';
import { unschedulePublication } from '../commands/unschedule-publication.js';
import { withdrawPublication } from '../commands/withdraw-publication.js';
import type { Publication } from '../publications.js';
import {
  AmendSchema,
  CommentSchema,
  DetailSchema,
  PublicationParams,
  ScheduleSchema,
  WithdrawSchema,
} from '../publications.schemas.js';
import {
  commandContext,
  detailReply,
  errors,
  input,
  publicationAgency,
  publicationId,
  tags,
} from './route-helpers.js';

type Command = (ctx: CommandContext, id: string, input: Input) => Promise<Publication>;

const REVIEWERS: Role[] = ['firstReviewer', 'secrecyReviewer', 'signer'];
const LAST_STEP: Role[] = ['secrecyReviewer', 'signer'];

/** path, summary, roles that may call it, body schema, command. Finer rules (own work, state) are the command's. */
const ROUTES: [string, string, readonly Role[], TSchema, Command][] = [
  ['submit', '提交审核（先运行自动检查）', ['editor'], CommentSchema, submitPublication],
  ['approve', '审核通过（初审、保密审查、非最后一步的审签）', REVIEWERS, CommentSchema, approvePublication],
  ['send-back', '退回修改（须填写意见）', REVIEWERS, CommentSchema, sendBackPublication],
  ['publish', '审签通过并立即发布（分配索引号）', LAST_STEP, CommentSchema, publishNow],
  ['schedule', '审签通过并定时发布', LAST_STEP, ScheduleSchema, schedulePublication],
  ['unschedule', '取消定时发布', LAST_STEP, CommentSchema, unschedulePublication],
  [
    'register',
    '审签通过并登记为依申请公开或不予公开（三项清单）',
    LAST_STEP,
    CommentSchema,
    registerWithheld,
  ],
  [
    'amend',
    '修订已发布的信息（新版本重新走审核流程，保留索引号）',
    ['editor'],
    AmendSchema,
    amendPublication,
  ],
  [
    'withdraw',
    '撤回已发布的信息（须填写理由，保留索引号）',
    ['signer', 'agencyAdmin'],
    WithdrawSchema,
    withdrawPublication,
  ],
  [
    'confirm-registered',
    '复核三项清单：维持不公开（第十八条）',
    ['officeHead', 'signer'],
    CommentSchema,
    confirmRegistered,
  ],
  [
    'release-registered',
    '复核三项清单：转为主动公开（第十八条）',
    ['officeHead', 'signer'],
    CommentSchema,
    releaseRegistered,
  ],
];

export async function workflowRoutes(app: FastifyInstance) {
  for (const [path, summary, roles, body, command] of ROUTES) {
    app.post(
      `/api/v1/publications/:publicationId/${path}`,
      {
        config: { access: access.agency(publicationAgency, roles) },
        schema: {
          tags,
          summary,
          params: PublicationParams,
          body,
          response: { 200: DetailSchema, ...errors },
        },
      },
      async (req: FastifyRequest) =>
        detailReply(req, await command(commandContext(req), publicationId(req), input(req))),
    );
  }
}
