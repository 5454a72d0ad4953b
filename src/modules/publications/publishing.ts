/**
 * What publishing writes, inside the transition's transaction: the 索引号 (drawn now, at first
 * publication; an amendment keeps it), a snapshot of the version the public sees, and the legal
 * dates that make timeliness one query — publishedOn (Beijing date of publication) and dueOn
 * (addWorkdays(formedOn, 20), 第二十六条) are stored on the version and on the item.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { chinaToday } from '../../platform/legal-date.js';
import { findAgency } from '../accounts/accounts.repository.js';
import type { WriteResult } from './commands/transition.js';
import { reserveIndexNo } from './index-no.js';
import type { Publication, VersionSnapshot } from './publications.js';
import { insertVersion } from './publications.repository.js';
import type { ReviewContext } from './review-context.js';

export function snapshotOf(pub: Publication, rc: ReviewContext, indexNo: string | null): VersionSnapshot {
  return {
    title: pub.title,
    summary: pub.summary,
    keywords: pub.keywords,
    bodyHtml: pub.bodyHtml,
    columnId: pub.columnId,
    docNo: pub.docNo,
    writtenOn: pub.writtenOn,
    formedOn: pub.formedOn,
    publisherName: pub.publisherName,
    topic: pub.topic,
    genre: pub.genre,
    indexNo,
    attachments: rc.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      sha256: a.sha256,
      type: a.type,
      size: a.size,
    })),
  };
}

export async function writePublication(
  trx: Transaction<Database>,
  pub: Publication,
  rc: ReviewContext,
  at: Date,
  publishedBy: string | null,
): Promise<WriteResult> {
  const iso = at.toISOString();
  const publishedOn = chinaToday(at);
  let indexNo = pub.indexNo;
  if (!indexNo) {
    const agency = (await findAgency(trx, pub.agencyId))!;
    indexNo = await reserveIndexNo(trx, agency, rc.settings.indexNoPattern, publishedOn, iso);
  }
  await insertVersion(trx, {
    id: randomUUID(),
    publication_id: pub.id,
    agency_id: pub.agencyId,
    version: pub.version,
    title: pub.title,
    formed_on: pub.formedOn,
    due_on: pub.dueOn,
    published_on: publishedOn,
    published_at: iso,
    published_by: publishedBy,
    snapshot_json: JSON.stringify(snapshotOf(pub, rc, indexNo)),
  });
  return {
    patch: {
      index_no: indexNo,
      published_version: pub.version,
      published_at: iso,
      published_on: publishedOn,
      first_published_at: pub.firstPublishedAt ?? iso,
      scheduled_at: null,
      scheduled_by: null,
    },
    audit: { indexNo, version: pub.version, publishedOn, dueOn: pub.dueOn },
  };
}
