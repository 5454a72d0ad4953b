/**
 * The detail page's actions: the policy's action, the path its form posts to (also the prefix of the
 * form's field names), the roles the route admits, and the command it runs. Finer rules (state, own
 * work, readiness) are the command's, which refuses with the same reasons the page shows.
 */
import type { Input } from '../../../platform/validate.js';
import type { Role } from '../../accounts/accounts.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import { amendPublication } from '../commands/amend-publication.js';
import { approvePublication } from '../commands/approve-step.js';
import { maskBodyFindings } from '../commands/mask-body-findings.js';
import { publishNow } from '../commands/publish-now.js';
import { registerWithheld } from '../commands/register-withheld.js';
import { confirmRegistered, releaseRegistered } from '../commands/review-registered.js';
import { schedulePublication } from '../commands/schedule-publication.js';
import { sendBackPublication } from '../commands/send-back.js';
import { setValidity } from '../commands/set-validity.js';
import { submitPublication } from '../commands/submit-publication.js';
import { unschedulePublication } from '../commands/unschedule-publication.js';
import { withdrawPublication } from '../commands/withdraw-publication.js';
import type { PublicationAction } from '../publications.policy.js';
import { fromDatetimeLocal } from './format.js';

const REVIEWERS: Role[] = ['firstReviewer', 'secrecyReviewer', 'signer'];
const LAST_STEP: Role[] = ['secrecyReviewer', 'signer'];

export interface PageAction {
  action: PublicationAction;
  path: string;
  roles: readonly Role[];
  run: (ctx: CommandContext, id: string, input: Input) => Promise<unknown>;
}

/** Form input → command input where they differ (the datetime-local field is China time without zone). */
const schedule = (ctx: CommandContext, id: string, input: Input) =>
  schedulePublication(ctx, id, {
    ...input,
    scheduledAt: fromDatetimeLocal(input.scheduledAt, 'scheduledAt'),
  });

export const PAGE_ACTIONS: PageAction[] = [
  { action: 'submit', path: 'submit', roles: ['editor'], run: submitPublication },
  { action: 'approve', path: 'approve', roles: REVIEWERS, run: approvePublication },
  { action: 'sendBack', path: 'send-back', roles: REVIEWERS, run: sendBackPublication },
  { action: 'publish', path: 'publish', roles: LAST_STEP, run: publishNow },
  { action: 'schedule', path: 'schedule', roles: LAST_STEP, run: schedule },
  { action: 'unschedule', path: 'unschedule', roles: LAST_STEP, run: unschedulePublication },
  { action: 'register', path: 'register', roles: LAST_STEP, run: registerWithheld },
  { action: 'amend', path: 'amend', roles: ['editor'], run: amendPublication },
  { action: 'withdraw', path: 'withdraw', roles: ['signer', 'agencyAdmin'], run: withdrawPublication },
  {
    action: 'confirmRegistered',
    path: 'confirm-registered',
    roles: ['officeHead', 'signer'],
    run: confirmRegistered,
  },
  {
    action: 'releaseRegistered',
    path: 'release-registered',
    roles: ['officeHead', 'signer'],
    run: releaseRegistered,
  },
  { action: 'setValidity', path: 'validity', roles: ['editor', 'signer'], run: setValidity },
  { action: 'maskFindings', path: 'mask', roles: ['editor'], run: maskBodyFindings },
];

export const pathOf = (action: PublicationAction): string | undefined =>
  PAGE_ACTIONS.find((a) => a.action === action)?.path;
