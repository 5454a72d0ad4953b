/**
 * The platform's sitemap (sitemaps.org protocol 0.9): every agency's section home, every node of
 * its catalogue the public sees, and every live item page, each with `<lastmod>`.
 *
 * The addresses form one sequence — catalogue pages agency by agency, then published items in id
 * order, then the few items being amended (whose live column is in their snapshot) — cut
 * into files of at most `perFile` URLs (the protocol allows 50,000 URLs and 50 MB per file; an
 * entry here is under 250 bytes, so 50,000 of them stay near 12 MB). When everything fits in one
 * file, /sitemap.xml is that file; otherwise it is a sitemap index of /sitemap/1.xml, /sitemap/2.xml…
 * Items are read in keyset batches from an index, never their rows (portal.repository.ts).
 */
import type { Db } from '../../../platform/services.js';
import { toAgency } from '../../accounts/accounts.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import { buildTree, flattenTree, toCatalogNode, visibleTree } from '../../catalog/catalog.js';
import type { CatalogNodeTable } from '../../catalog/catalog.table.js';
import { instant, rfc3339 } from '../feeds/feed.js';
import {
  amendingItemLocations,
  countPublishedLocations,
  hiddenNodeIds,
  type ItemLocation,
  latestPerColumn,
  listAllNodes,
  publishedItemLocations,
} from '../portal.repository.js';
import type { PortalUrls } from '../urls.js';
import { element, XML_DECLARATION } from '../xml.js';

/** The protocol's limit of URLs per sitemap file. */
export const URLS_PER_FILE = 50_000;
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface Location {
  /** Root-relative path. */
  path: string;
  /** ISO instant or YYYY-MM-DD. */
  lastModified: string;
}

const latest = (values: string[]) =>
  values.reduce((a, b) => (Date.parse(instant(a)) >= Date.parse(instant(b)) ? a : b));

/** A catalogue page before its lastmod is known: what it depends on. */
interface CataloguePage {
  path: string;
  /** updatedAt of the agency or node(s) it shows. */
  changed: string[];
  /** Columns whose latest item dates it. */
  columnIds: string[];
}

/** Section homes and visible catalogue nodes of every agency, in order (agency code, tree order). */
export async function cataloguePages(db: Db, urls: PortalUrls): Promise<CataloguePage[]> {
  const [agencies, nodeRows] = await Promise.all([listAgencies(db), listAllNodes(db)]);
  const byAgency = new Map<string, CatalogNodeTable[]>();
  for (const r of nodeRows) {
    const list = byAgency.get(r.agency_id);
    if (list) list.push(r);
    else byAgency.set(r.agency_id, [r]);
  }
  const out: CataloguePage[] = [];
  for (const agency of agencies.map(toAgency).sort((a, b) => a.code.localeCompare(b.code))) {
    const tree = visibleTree(buildTree((byAgency.get(agency.id) ?? []).map(toCatalogNode)));
    const nodes = flattenTree(tree).map((t) => {
      const below = flattenTree([t]).map((d) => d.node);
      return {
        path: urls.node(agency.code, t.node.slugPath),
        changed: below.map((n) => n.updatedAt),
        columnIds: below.map((n) => n.id),
      };
    });
    out.push(
      {
        path: urls.agency(agency.code),
        changed: [agency.updatedAt, ...nodes.flatMap((n) => n.changed)],
        columnIds: nodes.flatMap((n) => n.columnIds),
      },
      ...nodes,
    );
  }
  return out;
}

export interface SitemapPlan {
  /** The sequence: catalogue pages, published items (id order), items being amended. */
  catalogue: CataloguePage[];
  published: number;
  amending: ItemLocation[];
  hidden: string[];
  files: number;
  perFile: number;
}

export async function planSitemap(db: Db, urls: PortalUrls, perFile: number): Promise<SitemapPlan> {
  const hidden = await hiddenNodeIds(db);
  const [catalogue, published, amending] = await Promise.all([
    cataloguePages(db, urls),
    countPublishedLocations(db, hidden),
    amendingItemLocations(db, hidden),
  ]);
  const total = catalogue.length + published + amending.length;
  return { catalogue, published, amending, hidden, perFile, files: Math.max(1, Math.ceil(total / perFile)) };
}

/** The locations of file `n` (1-based) of the plan, in order, in chunks. */
export async function* fileLocations(
  db: Db,
  urls: PortalUrls,
  plan: SitemapPlan,
  n: number,
): AsyncGenerator<Location[]> {
  const start = (n - 1) * plan.perFile;
  const end = start + plan.perFile;
  const pages = plan.catalogue.slice(start, end);
  if (pages.length) {
    // Only the file holding catalogue pages needs the per-column dates (one grouped read).
    const perColumn = await latestPerColumn(db);
    yield pages.map((page) => ({
      path: page.path,
      lastModified: latest([...page.changed, ...page.columnIds.flatMap((id) => perColumn.get(id) ?? [])]),
    }));
  }
  const item = (l: ItemLocation): Location => ({
    path: urls.item(l.agencyCode, l.id),
    lastModified: l.lastModified,
  });
  const first = plan.catalogue.length;
  const from = Math.max(start, first);
  const to = Math.min(end, first + plan.published);
  if (to > from)
    for await (const batch of publishedItemLocations(db, plan.hidden, from - first, to - from))
      yield batch.map(item);
  const amendingFirst = first + plan.published;
  yield plan.amending.slice(Math.max(0, start - amendingFirst), Math.max(0, end - amendingFirst)).map(item);
}

/** A `<urlset>` document; also returns the latest lastmod (for Last-Modified). */
export async function urlset(
  chunks: AsyncIterable<Location[]>,
  abs: (path: string) => string,
): Promise<{ xml: string; lastModified: string | null }> {
  const parts = [XML_DECLARATION, `<urlset xmlns="${NS}">`];
  // Every lastmod is written in +08:00 with seconds, so the latest is the greatest string.
  let newest: string | null = null;
  for await (const chunk of chunks)
    for (const l of chunk) {
      const lastmod = rfc3339(instant(l.lastModified));
      if (newest === null || lastmod > newest) newest = lastmod;
      parts.push(`<url>${element('loc', abs(l.path))}${element('lastmod', lastmod)}</url>`);
    }
  parts.push('</urlset>');
  return { xml: `${parts.join('\n')}\n`, lastModified: newest };
}

/** A `<sitemapindex>` of the plan's files. */
export function sitemapIndex(files: number, fileUrl: (n: number) => string): string {
  const parts = [XML_DECLARATION, `<sitemapindex xmlns="${NS}">`];
  for (let n = 1; n <= files; n++) parts.push(`<sitemap>${element('loc', fileUrl(n))}</sitemap>`);
  parts.push('</sitemapindex>');
  return `${parts.join('\n')}\n`;
}
