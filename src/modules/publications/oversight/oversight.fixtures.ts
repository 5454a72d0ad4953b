/**
 * Test helpers for the oversight pages (tests only): county staff to publish with, a county publication,
 * an overdue 督办, and readers of the rendered tables.
 */
import { randomUUID } from 'node:crypto';
import { insertNote } from '../../supervision/supervision.repository.js';
import { approvePublication } from '../commands/approve-step.js';
import { createPublication } from '../commands/create-publication.js';
import { publishNow } from '../commands/publish-now.js';
import { submitPublication } from '../commands/submit-publication.js';
import { addStaff, columnOf, completeInput, ctxOf, type FixtureApp, QH } from '../publications.fixtures.js';

/** What these helpers need of the test app (test/app.ts TestApp satisfies it). */
type TestApp = FixtureApp & { users: Record<string, string> };

export const CITY = '示例市人民政府';
export const beijing10am = (date: string) => `${date}T02:00:00Z`;

/** 清河县民政局 gets a reviewer, a secrecy reviewer and a signer (the demo has only its editor). */
export async function countyReviewers(t: TestApp): Promise<void> {
  await addStaff(t, 'qh.reviewer', QH, ['firstReviewer']);
  await addStaff(t, 'qh.secrecy', QH, ['secrecyReviewer']);
  await addStaff(t, 'qh.signer', QH, ['signer']);
}

/** A publication of 清河县民政局 through the whole workflow, published at the clock's time. */
export async function publishInCounty(t: TestApp, extra: Record<string, unknown> = {}) {
  const editor = await ctxOf(t, 'qh.editor');
  let p = await createPublication(editor, t.agencies[QH]!, completeInput(await columnOf(t, QH), extra));
  p = await submitPublication(editor, p.id);
  p = await approvePublication(await ctxOf(t, 'qh.reviewer'), p.id);
  p = await approvePublication(await ctxOf(t, 'qh.secrecy'), p.id);
  return publishNow(await ctxOf(t, 'qh.signer'), p.id);
}

/** A 督办 from the city government to `agencyName`, still unanswered, due on `dueOn`. */
export async function urge(t: TestApp, agencyName: string, dueOn: string, subject = '请加快政策解读') {
  const now = t.services.clock.now().toISOString();
  await insertNote(t.services.db, {
    id: randomUUID(),
    agency_id: t.agencies[agencyName]!,
    author_id: t.users['city.supervisor']!,
    author_agency_id: t.agencies[CITY]!,
    kind: 'urge',
    subject,
    body: '请按期答复。',
    due_on: dueOn,
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

const strip = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .trim();

/** The cells (text only) of the table row whose first cell reads `first`, or null. */
export function rowOf(html: string, first: string): string[] | null {
  for (const tr of html.split('<tr').slice(1)) {
    const cells = [...tr.matchAll(/<(th|td)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => strip(m[2]!));
    if (cells[0] === first) return cells;
  }
  return null;
}

/** The row headers of the page's tables, in order. */
export const rowHeaders = (html: string) =>
  [...html.matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => strip(m[1]!));
