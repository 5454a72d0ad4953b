/**
 * Writing a validated plan: files first (content-addressed, so a failed import leaves at most
 * unreferenced copies), then one transaction for every item — the row as published with its own
 * 索引号 (registerImportedIndexNo raises the agency's serial above it), the published version's
 * snapshot as publishing writes it, attachments with their text and findings, overrides, one
 * audit event per item and one for the whole import. Any failure rolls everything back.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Actor } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { reindexPublication } from '../../search/indexer.js';
import type { WorkCalendar } from '../../workdays/calendar.js';
import { insertAttachment, insertOverride } from '../attachments.repository.js';
import { emptyRow } from '../commands/create-publication.js';
import { auditFields, fieldsToRow } from '../commands/draft-row.js';
import { sha256Of, storeFile } from '../files.js';
import { type PublicationFinding, sourceLabel, storedFindings } from '../findings.js';
import { registerImportedIndexNo } from '../index-no.js';
import { type Attachment, toAttachment, toPublication } from '../publications.js';
import { insertPublication, insertVersion } from '../publications.repository.js';
import type { PublicationAttachmentTable, PublicationTable } from '../publications.table.js';
import { snapshotOf } from '../publishing.js';
import type { ReviewContext } from '../review-context.js';
import { effectiveSteps } from '../workflow.js';
import type { AttachmentSource } from './archive.js';
import type { ImportPlan, PlannedItem } from './plan.js';
import { type ImportProblem, quoted, rowPlace } from './problems.js';

type Trx = Transaction<Database>;

/** A problem met while writing (the whole import is rolled back). */
export class ImportWriteError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

export interface ImportedItem {
  id: string;
  line: number;
  indexNo: string;
  title: string;
  attachments: number;
  overrides: number;
}

export interface WriteInput {
  agencyId: string;
  fileName: string;
  attachments: AttachmentSource | null;
  allowFindings: string | null;
}

/** 00:00 Beijing time of the publication date: the instant an imported item counts as published. */
const publishedInstant = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** Stores each attachment once, checking that the bytes are still those that were validated. */
async function storeFiles(services: Services, plan: ImportPlan, source: AttachmentSource | null) {
  if (!source) return;
  const done = new Set<string>();
  for (const a of plan.items.flatMap((i) => i.attachments)) {
    if (done.has(a.name)) continue;
    const bytes = await source.read(a.name);
    if (sha256Of(bytes) !== a.sha256)
      throw new ImportWriteError({
        line: null,
        where: source.label,
        field: null,
        message: `文件${quoted(a.name)}在导入过程中被修改，请重新导入`,
      });
    await storeFile(services.config.dataDir, bytes);
    done.add(a.name);
  }
}

export async function writeImport(
  services: Services,
  actor: Actor,
  plan: ImportPlan,
  input: WriteInput,
): Promise<ImportedItem[]> {
  await storeFiles(services, plan, input.attachments);
  const env: WriteEnv = {
    services,
    actor,
    plan,
    input,
    calendar: await services.calendar.get(services.db),
    now: services.clock.now().toISOString(),
  };
  return services.db.transaction().execute(async (trx) => {
    const out: ImportedItem[] = [];
    for (const item of plan.items) out.push(await writeItem(trx, env, item));
    await services.audit.record(trx, actor, {
      agencyId: input.agencyId,
      action: 'publication.import_batch',
      targetType: 'agency',
      targetId: input.agencyId,
      after: {
        fileName: input.fileName,
        format: plan.format,
        encoding: plan.encoding,
        items: out.length,
        attachments: out.reduce((n, i) => n + i.attachments, 0),
        overrides: out.reduce((n, i) => n + i.overrides, 0),
        ...(input.allowFindings ? { overrideReason: input.allowFindings } : {}),
      },
    });
    await bumpPortalRevision(trx);
    return out;
  });
}

interface WriteEnv {
  services: Services;
  actor: Actor;
  plan: ImportPlan;
  input: WriteInput;
  calendar: WorkCalendar;
  now: string;
}

async function writeItem(trx: Trx, env: WriteEnv, item: PlannedItem): Promise<ImportedItem> {
  const { services, actor, plan, input, now } = env;
  const id = randomUUID();
  const at = publishedInstant(item.publishedOn);
  try {
    await registerImportedIndexNo(trx, input.agencyId, item.indexNo, now);
  } catch (e) {
    // Another import or publication took the number since validation.
    if (!(e instanceof AppError)) throw e;
    const message = e.message.replace(/。$/, '');
    throw new ImportWriteError({
      line: item.line,
      where: rowPlace(plan.unit, item.line),
      field: '索引号',
      message,
    });
  }
  const row: PublicationTable = {
    ...emptyRow(id, input.agencyId, now, actor.actorId),
    ...fieldsToRow(item.fields, env.calendar),
    state: 'published',
    published_version: 1,
    index_no: item.indexNo,
    index_imported: 1,
    first_published_at: at,
    published_at: at,
    published_on: item.publishedOn,
    source: 'imported',
  };
  await insertPublication(trx, row);
  const attachments = attachmentRows(id, item, actor, now);
  for (const a of attachments) await insertAttachment(trx, a);
  const context = contextOf(plan, item, attachments.map(toAttachment));
  await insertVersion(trx, {
    id: randomUUID(),
    publication_id: id,
    agency_id: input.agencyId,
    version: 1,
    title: row.title,
    formed_on: row.formed_on,
    due_on: row.due_on,
    published_on: item.publishedOn,
    published_at: at,
    published_by: actor.actorId,
    snapshot_json: JSON.stringify(snapshotOf(toPublication(row), context, item.indexNo)),
  });
  for (const f of item.overridden) await writeOverride(trx, env, id, f);
  await reindexPublication(trx, id);
  await services.audit.record(trx, actor, {
    agencyId: input.agencyId,
    action: 'publication.import',
    targetType: 'publication',
    targetId: id,
    after: {
      ...auditFields(item.fields),
      state: 'published',
      indexNo: item.indexNo,
      publishedOn: item.publishedOn,
      source: { fileName: input.fileName, line: item.line },
      attachments: attachments.map((a) => ({
        fileName: a.file_name,
        type: a.type,
        size: a.size,
        sha256: a.sha256,
      })),
    },
  });
  return {
    id,
    line: item.line,
    indexNo: item.indexNo,
    title: row.title,
    attachments: attachments.length,
    overrides: item.overridden.length,
  };
}

/** The same row and audit event as an editor's override (commands/override-finding.ts). */
async function writeOverride(trx: Trx, env: WriteEnv, publicationId: string, f: PublicationFinding) {
  const reason = env.input.allowFindings!;
  const { actor } = env;
  await insertOverride(trx, {
    id: randomUUID(),
    publication_id: publicationId,
    finding_key: f.key,
    kind: f.kind,
    reason,
    actor_id: actor.actorId,
    actor_label: actor.actorLabel,
    at: env.now,
  });
  await env.services.audit.record(trx, actor, {
    agencyId: env.input.agencyId,
    action: 'publication.override_finding',
    targetType: 'publication',
    targetId: publicationId,
    after: { findingKey: f.key, kind: f.kind, where: sourceLabel(f.source), display: f.display, reason },
  });
}

function attachmentRows(
  id: string,
  item: PlannedItem,
  actor: Actor,
  now: string,
): PublicationAttachmentTable[] {
  return item.attachments.map((a, i) => ({
    id: randomUUID(),
    publication_id: id,
    sha256: a.sha256,
    file_name: a.fileName,
    type: a.type,
    size: a.size,
    text: a.text,
    extract_error: null,
    findings_json: storedFindings(a.findings),
    sort_order: i + 1,
    uploaded_by: actor.actorId,
    uploaded_at: now,
  }));
}

/** What snapshotOf reads of a review: the item's column, settings and attachments (no review took place). */
function contextOf(plan: ImportPlan, item: PlannedItem, attachments: Attachment[]): ReviewContext {
  return {
    today: plan.today,
    settings: plan.settings,
    configuredSteps: effectiveSteps(plan.settings.workflowSteps),
    column: plan.nodes.find((n) => n.id === item.fields.columnId) ?? null,
    attachments,
    findings: [],
    warnings: [],
    approvals: [],
  };
}
