/**
 * The case page's actions: the workflow action whose availability (and Chinese reasons) the page shows, the
 * path its form posts to (also the prefix of the form's field names), and the command it runs. Who may post
 * is the action's roles in workflow.ts; the finer rules (state, handler, own work, facts) are the command's,
 * which refuses with the same reasons the page shows next to a disabled button.
 */
import type { Input } from '../../../platform/validate.js';
import type { Role } from '../../accounts/accounts.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import type { AttachmentPurpose, Upload } from '../attachments.js';
import { recordAppeal } from '../commands/appeal.js';
import { assignCase, claimCase } from '../commands/assign.js';
import {
  recordConsultationAnswer,
  recordConsultationReached,
  sendConsultation,
} from '../commands/consultation.js';
import { receiveCorrection, requestCorrection } from '../commands/correction.js';
import { archiveCase, recordDelivery } from '../commands/delivery.js';
import { grantExtension } from '../commands/extension.js';
import { recordFeeNoticeReceived, recordPayment, refundFee, sendFeeNotice } from '../commands/fee.js';
import { closeNotOurs, forwardCase } from '../commands/not-ours.js';
import { confirmReceipt } from '../commands/receipt.js';
import { approveReply, draftReply, redoReply, returnReply, sendReply } from '../commands/reply.js';
import { withdrawCase } from '../commands/withdraw.js';
import { ACTION_SPECS, type CaseAction } from '../workflow.js';

export interface CasePageAction {
  /** The actions whose availability decides the form (any of them allowed ⇒ the form is shown). */
  actions: readonly CaseAction[];
  path: string;
  run: (ctx: CommandContext, id: string, input: Input, uploads: readonly Upload[]) => Promise<unknown>;
  /** File inputs of the form (sent as multipart/form-data), with the purpose of each file. */
  files?: readonly FileInputSpec[];
  /** Posted to a route of its own rather than the generic one. */
  ownRoute?: boolean;
}

export interface FileInputSpec {
  field: string;
  purpose: AttachmentPurpose;
}

export const CASE_ACTIONS: readonly CasePageAction[] = [
  { actions: ['confirmReceipt'], path: 'confirm', run: confirmReceipt },
  { actions: ['claim'], path: 'claim', run: (ctx, id) => claimCase(ctx, id) },
  { actions: ['assign'], path: 'assign', run: assignCase },
  { actions: ['requestCorrection'], path: 'correction', run: requestCorrection },
  {
    actions: ['receiveCorrection'],
    path: 'correction-received',
    run: receiveCorrection,
    files: [{ field: 'file', purpose: 'correction' }],
  },
  { actions: ['sendConsultation'], path: 'consultation', run: sendConsultation },
  { actions: ['recordConsultationReached'], path: 'consultation-reached', run: recordConsultationReached },
  { actions: ['recordConsultationAnswer'], path: 'consultation-answer', run: recordConsultationAnswer },
  { actions: ['grantExtension'], path: 'extension', run: grantExtension },
  { actions: ['sendFeeNotice'], path: 'fee', run: sendFeeNotice },
  { actions: ['recordFeeNoticeReceived'], path: 'fee-received', run: recordFeeNoticeReceived },
  { actions: ['recordPayment'], path: 'payment', run: recordPayment },
  { actions: ['refund'], path: 'refund', run: refundFee },
  { actions: ['draftReply'], path: 'reply', run: draftReply },
  { actions: ['closeNotOurs'], path: 'not-ours', run: closeNotOurs },
  // Answered by its own route (the new case's query code is shown once): `run` is that route's command.
  {
    actions: ['forward'],
    path: 'forward',
    run: (ctx, id, input) => forwardCase(ctx, id, input),
    ownRoute: true,
  },
  { actions: ['returnReply'], path: 'return', run: returnReply },
  { actions: ['approveReply'], path: 'approve', run: approveReply },
  { actions: ['sendReply'], path: 'send', run: sendReply },
  { actions: ['recordReplyDelivery', 'recordLetterDelivery'], path: 'delivery', run: recordDelivery },
  { actions: ['archive'], path: 'archive', run: archiveCase },
  { actions: ['withdraw'], path: 'withdraw', run: withdrawCase },
  { actions: ['redoReply'], path: 'redo', run: redoReply },
  { actions: ['recordAppeal'], path: 'appeal', run: recordAppeal },
];

/** The roles the route admits: those of any of the form's actions. */
export function rolesOf(a: CasePageAction): Role[] {
  return [...new Set(a.actions.flatMap((x) => ACTION_SPECS[x].roles))];
}

export const pathOf = (action: CaseAction): string | undefined =>
  CASE_ACTIONS.find((a) => a.actions.includes(action))?.path;
