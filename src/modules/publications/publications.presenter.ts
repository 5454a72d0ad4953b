/** What leaves the server about publications. Findings show masked values only; attachment text stays inside. */
import type { PublicationFinding } from './findings.js';
import type { PublicationDetail } from './publication-detail.js';
import {
  type Attachment,
  isLive,
  type Publication,
  type PublishedVersion,
  type WorkflowEvent,
} from './publications.js';
import {
  ATTRIBUTE_LABELS,
  GENRE_LABELS,
  TOPIC_LABELS,
  VALIDITY_LABELS,
  WITHHOLD_GROUND_LABELS,
} from './vocabulary.js';
import { STATE_LABELS } from './workflow.js';

export function presentSummary(p: Publication) {
  return {
    id: p.id,
    agencyId: p.agencyId,
    columnId: p.columnId,
    state: p.state,
    stateLabel: STATE_LABELS[p.state],
    live: isLive(p),
    version: p.version,
    publishedVersion: p.publishedVersion,
    title: p.title,
    docNo: p.docNo,
    indexNo: p.indexNo,
    genre: p.genre,
    genreLabel: p.genre ? GENRE_LABELS[p.genre] : null,
    validity: p.validity,
    validityLabel: p.validity ? VALIDITY_LABELS[p.validity] : null,
    disclosureAttribute: p.disclosureAttribute,
    formedOn: p.formedOn,
    dueOn: p.dueOn,
    publishedOn: p.publishedOn,
    scheduledAt: p.scheduledAt,
    nextReviewOn: p.nextReviewOn,
    updatedAt: p.updatedAt,
  };
}

export function presentPublication(p: Publication) {
  return {
    ...presentSummary(p),
    round: p.round,
    steps: p.steps,
    summary: p.summary,
    keywords: p.keywords,
    bodyFormat: p.bodyFormat,
    bodySource: p.bodySource,
    bodyHtml: p.bodyHtml,
    docNoPrefix: p.docNoPrefix,
    docNoYear: p.docNoYear,
    docNoNumber: p.docNoNumber,
    writtenOn: p.writtenOn,
    publisherName: p.publisherName,
    topic: p.topic,
    topicLabel: p.topic ? TOPIC_LABELS[p.topic] : null,
    validityNote: p.validityNote,
    validityChangedOn: p.validityChangedOn,
    disclosureAttributeLabel: ATTRIBUTE_LABELS[p.disclosureAttribute],
    withholdGround: p.withholdGround,
    withholdGroundLabel: p.withholdGround ? WITHHOLD_GROUND_LABELS[p.withholdGround] : null,
    withholdReason: p.withholdReason,
    decidedOn: p.decidedOn,
    indexImported: p.indexImported,
    firstPublishedAt: p.firstPublishedAt,
    publishedAt: p.publishedAt,
    withdrawnAt: p.withdrawnAt,
    withdrawnReason: p.withdrawnReason,
    source: p.source,
    createdBy: p.createdBy,
    updatedBy: p.updatedBy,
    submittedBy: p.submittedBy,
    createdAt: p.createdAt,
  };
}

export function presentFinding(f: PublicationFinding) {
  return {
    key: f.key,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    display: f.display,
    start: f.start,
    end: f.end,
    source: f.source.type,
    attachmentId: f.source.type === 'attachment' ? f.source.attachmentId : null,
    override: f.override ? { reason: f.override.reason, by: f.override.actorLabel, at: f.override.at } : null,
  };
}

export function presentAttachment(a: Attachment, findings: PublicationFinding[] = []) {
  return {
    id: a.id,
    fileName: a.fileName,
    type: a.type,
    size: a.size,
    sha256: a.sha256,
    extractError: a.extractError,
    uploadedAt: a.uploadedAt,
    findings: findings
      .filter((f) => f.source.type === 'attachment' && f.source.attachmentId === a.id)
      .map(presentFinding),
  };
}

export function presentEvent(e: WorkflowEvent) {
  return {
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    version: e.version,
    round: e.round,
    actor: e.actorLabel,
    comment: e.comment,
    at: e.at,
  };
}

export function presentVersion(v: PublishedVersion) {
  return { ...v, snapshot: { ...v.snapshot } };
}

export function presentDetail(d: PublicationDetail) {
  return {
    publication: presentPublication(d.publication),
    attachments: d.attachments.map((a) => presentAttachment(a, d.findings)),
    findings: d.findings.map(presentFinding),
    warnings: d.warnings,
    versions: d.versions.map(presentVersion),
    events: d.events.map(presentEvent),
    policies: d.policies.map(presentSummary),
    interpretations: d.interpretations.map(presentSummary),
    actions: d.actions,
  };
}
