/**
 * Items for the machine-readable output tests (feeds, sitemap, open API): published through the
 * publications commands (draft → 初审 → 保密审查 → 审签) by the demo staff, or in bulk through the
 * archive import (one transaction, the items' own 索引号 and 发布日期), and the portal's own answer
 * to "what does the public see" to compare against.
 */
import { systemActor } from '../../src/modules/accounts/commands/context.js';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { findSectionItem, loadSection } from '../../src/modules/portal/page-data.js';
import { listLiveItems } from '../../src/modules/portal/portal.repository.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import { importPublications } from '../../src/modules/publications/import/import-publications.js';
import { ctxOf, MZ } from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import type { TestApp } from '../app.js';

/** Draft → 初审 → 保密审查 → 审签 (publish now), each step by a different demo user of 示例市民政局. */
export async function publish(t: TestApp, p: Publication): Promise<Publication> {
  await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
  await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
  await approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
  return publishNow(await ctxOf(t, 'mz.signer'), p.id);
}

export async function agencyCode(t: TestApp, name = MZ): Promise<string> {
  const row = await t.services.db
    .selectFrom('agencies')
    .select('code')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.code;
}

export async function nodeId(t: TestApp, path: string[], agency = MZ): Promise<string> {
  const row = await findNodeBySlugPath(t.services.db, t.agencies[agency]!, path);
  if (!row) throw new Error(`no node ${path.join('/')}`);
  return row.id;
}

/** Imports `n` archive items into a column of 示例市民政局 (JSON import), one 发布日期 a day back from `lastOn`. */
export async function importItems(
  t: TestApp,
  n: number,
  opts: { column: string; prefix: string; lastOn: string; extra?: (i: number) => Record<string, unknown> },
): Promise<void> {
  const last = Date.parse(`${opts.lastOn}T00:00:00Z`);
  const rows = Array.from({ length: n }, (_, i) => ({
    indexNo: `${opts.prefix}-${String(i + 1).padStart(5, '0')}`,
    title: `${opts.prefix}归档信息第${i + 1}号`,
    column: opts.column,
    body: `归档信息第${i + 1}号的正文。`,
    publishedOn: new Date(last - i * 86_400_000).toISOString().slice(0, 10),
    ...(opts.extra?.(i) ?? {}),
  }));
  const result = await importPublications(
    { services: t.services, actor: systemActor(), principal: null },
    {
      agencyId: t.agencies[MZ]!,
      file: { name: 'items.json', bytes: new TextEncoder().encode(JSON.stringify(rows)) },
      attachments: null,
      dryRun: false,
      allowFindings: null,
    },
  );
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
}

/** The ids the portal itself lists for an agency (section home order), the first `limit`. */
export async function portalListed(t: TestApp, code: string, limit: number, columnIds?: string[]) {
  const section = await loadSection(t.services.db, code);
  const r = await listLiveItems(t.services.db, {
    agencyId: section.agency.id,
    columnIds: columnIds ?? section.visibleIds,
    limit,
    offset: 0,
  });
  return r.items.map((i) => i.id);
}

/** Every publication the public can open (200 on its item page), by the portal's own rules. */
export async function publicItemUrls(t: TestApp): Promise<Set<string>> {
  const db = t.services.db;
  const rows = await db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'a.code'])
    .execute();
  const out = new Set<string>();
  const sections = new Map<string, Awaited<ReturnType<typeof loadSection>>>();
  for (const r of rows) {
    if (!sections.has(r.code)) sections.set(r.code, await loadSection(db, r.code));
    const found = await findSectionItem(db, sections.get(r.code)!, r.id);
    if (found.kind === 'live') out.add(`/gk/${r.code}/items/${r.id}`);
  }
  return out;
}
