/**
 * The platform's sitemap (sitemaps.org protocol 0.9): every agency's section home, every node of
 * its catalogue the public sees, and every live item page, each with `<lastmod>`.
 *
 * The addresses form one sequence — catalogue pages agency by agency, then items in id order — cut
 * into files of at most `perFile` URLs (the protocol allows 50,000 URLs and 50 MB per file; an
 * entry here is under 250 bytes, so 50,000 of them stay near 12 MB). When everything fits in one
 * file, /sitemap.xml is that file; otherwise it is a sitemap index of /sitemap/1.xml, /sitemap/2.xml…
 * Items are read in keyset batches without their bodies (portal.repository.ts liveItemLocations).
 */
import type { Db } from '../../../platform/services.js';
import { toAgency } from '../../accounts/accounts.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import { buildTree, flattenTree, toCatalogNode, visibleTree } from '../../catalog/catalog.js';
import type { CatalogNodeTable } from '../../catalog/catalog.table.js';
import { instant, rfc3339 } from '../feeds/feed.js';
import {
  countItemLocations,
  hiddenNodeIds,
  latestPerColumn,
  listAllNodes,
  liveItemLocations,
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

/** Section homes and visible catalogue nodes of every agency, lastmod from their items. */
export async function catalogueLocations(db: Db, urls: PortalUrls): Promise<Location[]> {
  const [agencies, nodeRows, perColumn] = await Promise.all([
    listAgencies(db),
    listAllNodes(db),
    latestPerColumn(db),
  ]);
  const byAgency = new Map<string, CatalogNodeTable[]>();
  for (const r of nodeRows) {
    const list = byAgency.get(r.agency_id);
    if (list) list.push(r);
    else byAgency.set(r.agency_id, [r]);
  }
  const out: Location[] = [];
  for (const agency of agencies.map(toAgency).sort((a, b) => a.code.localeCompare(b.code))) {
    const tree = visibleTree(buildTree((byAgency.get(agency.id) ?? []).map(toCatalogNode)));
    const nodes = flattenTree(tree).map((t) => {
      const below = flattenTree([t]).map((d) => d.node);
      const changed = [...below.map((n) => n.updatedAt), ...below.flatMap((n) => perColumn.get(n.id) ?? [])];
      return { path: urls.node(agency.code, t.node.slugPath), lastModified: latest(changed) };
    });
    const home = latest([agency.updatedAt, ...nodes.map((n) => n.lastModified)]);
    out.push({ path: urls.agency(agency.code), lastModified: home }, ...nodes);
  }
  return out;
}

export interface SitemapPlan {
  catalogue: Location[];
  items: number;
  hidden: string[];
  files: number;
  perFile: number;
}

export async function planSitemap(db: Db, urls: PortalUrls, perFile: number): Promise<SitemapPlan> {
  const hidden = await hiddenNodeIds(db);
  const [catalogue, items] = await Promise.all([
    catalogueLocations(db, urls),
    countItemLocations(db, hidden),
  ]);
  return {
    catalogue,
    items,
    hidden,
    perFile,
    files: Math.max(1, Math.ceil((catalogue.length + items) / perFile)),
  };
}

/** The locations of file `n` (1-based) of the plan, in order. */
export async function* fileLocations(
  db: Db,
  urls: PortalUrls,
  plan: SitemapPlan,
  n: number,
): AsyncGenerator<Location> {
  const start = (n - 1) * plan.perFile;
  const end = start + plan.perFile;
  yield* plan.catalogue.slice(start, end);
  const offset = Math.max(0, start - plan.catalogue.length);
  const count = end - Math.max(start, plan.catalogue.length);
  if (count <= 0) return;
  for await (const item of liveItemLocations(db, plan.hidden, offset, count))
    yield { path: urls.item(item.agencyCode, item.id), lastModified: item.lastModified };
}

/** A `<urlset>` document; also returns the latest lastmod (for Last-Modified). */
export async function urlset(
  locations: AsyncIterable<Location>,
  abs: (path: string) => string,
): Promise<{ xml: string; lastModified: string | null }> {
  const parts = [XML_DECLARATION, `<urlset xmlns="${NS}">`];
  let newest: string | null = null;
  for await (const l of locations) {
    const at = instant(l.lastModified);
    if (newest === null || Date.parse(at) > Date.parse(newest)) newest = at;
    parts.push(`<url>${element('loc', abs(l.path))}${element('lastmod', rfc3339(at))}</url>`);
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
