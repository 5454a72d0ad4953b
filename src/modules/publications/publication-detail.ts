/**
 * One publication as staff see it: the item, its attachments with their findings, fresh findings and
 * warnings, its published versions, its workflow events, its 政策解读 links both ways, and every
 * action with whether the person can take it now and why not.
 */
import type { Services } from '../../platform/services.js';
import type { Principal } from '../accounts/accounts.js';
import type { PublicationFinding } from './findings.js';
import { interpretationsOf, policiesOf } from './interpretation.repository.js';
import type { CheckWarning } from './metadata-checks.js';
import {
  type Attachment,
  type Publication,
  type PublishedVersion,
  toEvent,
  toPublication,
  toVersion,
  type WorkflowEvent,
} from './publications.js';
import { type ActionAvailability, availableActions } from './publications.policy.js';
import { listEvents, listVersions } from './publications.repository.js';
import { loadReviewContext } from './review-context.js';

export interface PublicationDetail {
  publication: Publication;
  attachments: Attachment[];
  findings: PublicationFinding[];
  warnings: CheckWarning[];
  versions: PublishedVersion[];
  events: WorkflowEvent[];
  /** For an interpretation: the policies it explains. */
  policies: Publication[];
  /** For a policy: its interpretations. */
  interpretations: Publication[];
  actions: ActionAvailability[];
}

export async function loadPublicationDetail(
  services: Services,
  principal: Principal,
  pub: Publication,
): Promise<PublicationDetail> {
  const { db } = services;
  const [rc, versions, events, policies, interpretations] = await Promise.all([
    loadReviewContext(db, { piiKey: services.config.piiKey, now: services.clock.now() }, pub),
    listVersions(db, pub.id),
    listEvents(db, pub.id),
    policiesOf(db, pub.id),
    interpretationsOf(db, pub.id),
  ]);
  return {
    publication: pub,
    attachments: rc.attachments,
    findings: rc.findings,
    warnings: rc.warnings,
    versions: versions.map(toVersion),
    events: events.map(toEvent),
    policies: policies.map(toPublication),
    interpretations: interpretations.map(toPublication),
    actions: availableActions(pub, principal, rc),
  };
}
