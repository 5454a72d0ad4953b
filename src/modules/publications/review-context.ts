/**
 * Everything the policy needs to say whether an action can proceed on a publication, loaded once:
 * the column, the agency's steps and check settings, fresh findings (with overrides), warnings and
 * who already approved a step of this round.
 */
import { chinaToday, type LegalDate } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import { type CatalogNode, toCatalogNode } from '../catalog/catalog.js';
import { findNode } from '../catalog/catalog.repository.js';
import type { DisclosureSettings } from '../catalog/settings.js';
import { getDisclosureSettings } from '../catalog/settings.repository.js';
import { listAttachmentRows, listOverrides } from './attachments.repository.js';
import { type PublicationFinding, scanPublication } from './findings.js';
import { type CheckWarning, publicationWarnings } from './metadata-checks.js';
import { type Attachment, type Publication, toAttachment } from './publications.js';
import { approvalsInRound } from './publications.repository.js';
import { effectiveSteps, isStep, type WorkflowStep } from './workflow.js';

export interface ReviewContext {
  today: LegalDate;
  settings: DisclosureSettings;
  /** The steps a submission now would run (保密审查 always included). */
  configuredSteps: WorkflowStep[];
  column: CatalogNode | null;
  attachments: Attachment[];
  findings: PublicationFinding[];
  warnings: CheckWarning[];
  /** Who approved which step in the current round. */
  approvals: { actorId: string | null; step: WorkflowStep }[];
}

export async function loadReviewContext(
  db: Db,
  env: { piiKey: string; now: Date },
  pub: Publication,
): Promise<ReviewContext> {
  const today = chinaToday(env.now);
  const [settings, columnRow, attachmentRows, overrideRows, approvalRows] = await Promise.all([
    getDisclosureSettings(db, pub.agencyId),
    pub.columnId ? findNode(db, pub.columnId) : Promise.resolve(undefined),
    listAttachmentRows(db, pub.id),
    listOverrides(db, pub.id),
    approvalsInRound(db, pub.id, pub.round),
  ]);
  const attachments = attachmentRows.map(toAttachment);
  const findings = scanPublication({
    bodyText: pub.bodyText,
    attachments,
    settings: { ...settings, today },
    piiKey: env.piiKey,
    overrides: overrideRows.map((o) => ({
      findingKey: o.finding_key,
      kind: o.kind,
      reason: o.reason,
      actorLabel: o.actor_label,
      at: o.at,
    })),
  });
  const publishOn = pub.scheduledAt ? chinaToday(new Date(pub.scheduledAt)) : today;
  return {
    today,
    settings,
    configuredSteps: effectiveSteps(settings.workflowSteps),
    column: columnRow ? toCatalogNode(columnRow) : null,
    attachments,
    findings,
    warnings: publicationWarnings(pub, findings, attachments, publishOn),
    approvals: approvalRows.flatMap((a) =>
      isStep(a.from_state) ? [{ actorId: a.actor_id, step: a.from_state }] : [],
    ),
  };
}
