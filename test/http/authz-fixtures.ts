/**
 * Resources of agency B for the route-table authorization test: one value per
 * route parameter name. A module whose routes take a new parameter (e.g.
 * `:publicationId`) creates a resource of B here and returns its id under that
 * name; a route whose parameter is missing from this map fails the test.
 */

import { createReport } from '../../src/modules/annual-reports/reports/commands/create-report.js';
import { onlineForm } from '../../src/modules/applications/applications.fixtures.js';
import { confirmReceipt } from '../../src/modules/applications/commands/receipt.js';
import { submitOnline } from '../../src/modules/applications/commands/submit-online.js';
import { enqueueNotifications } from '../../src/modules/applications/notify/outbox.js';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { ensureCatalog } from '../../src/modules/catalog/commands/ensure-catalog.js';
import { createPublication } from '../../src/modules/publications/commands/create-publication.js';
import { uploadAttachment } from '../../src/modules/publications/commands/upload-attachment.js';
import { insertNote } from '../../src/modules/supervision/supervision.repository.js';
import type { TestApp } from '../app.js';

export interface AgencyB {
  agencyId: string;
  govId: string;
  userId: string;
  username: string;
  sessionId: string;
}

const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export async function resourcesOfB(t: TestApp, b: AgencyB): Promise<Record<string, string>> {
  const params: Record<string, string> = {
    agencyId: b.agencyId,
    userId: b.userId,
    sessionId: b.sessionId,
    year: '2026',
  };
  {
    // Supervision: a 督办 on B from B's own government (B's user stands in as its author).
    const now = t.clock.now().toISOString();
    params.noteId = crypto.randomUUID();
    await insertNote(t.handle.db, {
      id: params.noteId,
      agency_id: b.agencyId,
      author_id: b.userId,
      author_agency_id: b.govId,
      kind: 'urge',
      subject: '外市督办',
      body: '请按期答复。',
      due_on: '2026-12-31',
      status: 'open',
      answer: null,
      answered_by: null,
      answered_at: null,
      closed_by: null,
      closed_at: null,
      close_reason: null,
      created_at: now,
      updated_at: now,
    });
  }
  // Catalogue: B's default tree; :nodeId is one of its statutory columns (行政许可).
  await t.handle.db
    .transaction()
    .execute((trx) => ensureCatalog(trx, t.services, { id: b.agencyId, level: 'city', kind: 'department' }));
  params.nodeId = (await findNodeBySlugPath(t.handle.db, b.agencyId, ['fdzdgknr', 'xzxk']))!.id;
  {
    // Publications: a draft of B with an attachment, and a second one as the policy of a 政策解读 link.
    const principal = {
      userId: b.userId,
      username: b.username,
      displayName: '外市编辑',
      agencyId: b.agencyId,
      roles: new Set(['editor', 'agencyAdmin'] as const),
      isPlatformAdmin: false,
    };
    const ctx = { services: t.services, principal, requestId: null };
    const draft = { title: '外市通知', body: '正文', columnId: params.nodeId, genre: 'interpretation' };
    params.publicationId = (await createPublication(ctx, b.agencyId, draft)).id;
    params.policyId = (await createPublication(ctx, b.agencyId, { ...draft, genre: 'normativeDocument' })).id;
    const bytes = Buffer.from(png, 'base64');
    params.attachmentId = (
      await uploadAttachment(ctx, params.publicationId, { fileName: '外市.png', bytes })
    ).attachment.id;
  }
  {
    // Applications: a case of B submitted online and confirmed by B's handler (so it has a 受理回执 letter
    // and a notification in the outbox); :key is a letter template key.
    const principal = {
      userId: b.userId,
      username: b.username,
      displayName: '外市办理人',
      agencyId: b.agencyId,
      roles: new Set(['caseHandler', 'officeHead'] as const),
      isPlatformAdmin: false,
    };
    const ctx = { services: t.services, principal, requestId: null };
    // … with an attachment (:caseAttachmentId, the staff download of applicants' files).
    const submitted = await submitOnline(t.services, b.agencyId, onlineForm(), [
      { fileName: '外市身份证明.png', bytes: Buffer.from(png, 'base64'), purpose: 'identity' },
    ]);
    params.caseId = submitted.case.id;
    params.caseAttachmentId = (
      await t.handle.db
        .selectFrom('application_attachments')
        .select('id')
        .where('case_id', '=', params.caseId)
        .executeTakeFirstOrThrow()
    ).id;
    await confirmReceipt(ctx, params.caseId);
    params.letterId = (
      await t.handle.db
        .selectFrom('application_letters')
        .select('id')
        .where('case_id', '=', params.caseId)
        .executeTakeFirstOrThrow()
    ).id;
    await enqueueNotifications(t.services);
    params.notificationId = (
      await t.handle.db
        .selectFrom('application_notifications')
        .select('id')
        .where('case_id', '=', params.caseId)
        .executeTakeFirstOrThrow()
    ).id;
    params.key = 'receipt';
  }
  {
    // Annual reports: B's 2025 report; :cellId is a computed cell of it.
    const principal = {
      userId: b.userId,
      username: b.username,
      displayName: '外市编辑',
      agencyId: b.agencyId,
      roles: new Set(['editor', 'agencyAdmin'] as const),
      isPlatformAdmin: false,
    };
    const ctx = { services: t.services, principal, requestId: null };
    params.reportId = (await createReport(ctx, b.agencyId, { year: '2025' })).id;
    params.cellId = 'T3.R1.C7';
  }
  return params;
}
