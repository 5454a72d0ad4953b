/**
 * Item pages rendered ahead of requests into the page store (ADR 0014), so that even the first
 * request for an item is a lookup.
 *
 * - `prerenderItemPages`: every public item (the sitemap's list: published and being amended), or one
 *   agency's, or one shard of them (several processes share the work); items whose stored page is
 *   still fresh are skipped. Pages are rendered through the app itself (an in-process request), so a
 *   stored page is byte for byte what a visitor would get. Run by `gongkai portal prerender` after a
 *   go-live import, an upgrade or a change of the whole site.
 * - `RenderOnWrite`: the server's job — every minute, the pages of the items changed since its last
 *   run (the change log's item rows: publishing, amending, withdrawing, 有效性, 解读 links) are
 *   rendered again, so a new item's page is in the store before most visitors come.
 *
 * Only the standard variant is rendered ahead; 长辈版 and 繁體 pages are stored when first asked for.
 */
import type { FastifyInstance } from 'fastify';
import { findAgencyByCode } from '../../accounts/accounts.repository.js';
import { fileLocations, planSitemap } from '../sitemap/sitemap.js';
import { portalUrls } from '../urls.js';
import { portalPageStore } from './page-cache.js';

export interface PrerenderOptions {
  /** Only this agency's items (its code). */
  agencyCode?: string | null;
  /** This shard of the items, as [index, count] with 0 ≤ index < count (by item id). */
  shard?: readonly [number, number];
  /** Requests rendered at the same time (default 8; their pages are written together). */
  concurrency?: number;
  onProgress?: (p: PrerenderProgress) => void;
}

export interface PrerenderProgress {
  seen: number;
  rendered: number;
  fresh: number;
  failed: number;
}

/** A stable shard of an id (FNV-1a). */
export function shardOf(id: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

async function renderOne(app: FastifyInstance, path: string): Promise<'rendered' | 'fresh' | 'failed'> {
  const store = portalPageStore(app.services);
  if (!store) return 'failed';
  if (await store.get(path)) return 'fresh';
  const r = await app.inject({ method: 'GET', url: path });
  await store.settled();
  return r.statusCode === 200 || r.statusCode === 410 ? 'rendered' : 'failed';
}

async function runPool(
  paths: AsyncIterable<string>,
  concurrency: number,
  work: (p: string) => Promise<void>,
) {
  const running = new Set<Promise<void>>();
  for await (const p of paths) {
    const task = work(p).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);
}

/** Renders the standard page of every public item (of an agency, of a shard) whose stored page is missing or stale. */
export async function prerenderItemPages(
  app: FastifyInstance,
  o: PrerenderOptions = {},
): Promise<PrerenderProgress> {
  const { db } = app.services;
  if (!portalPageStore(app.services)) throw new Error('the page store is off (PORTAL_PAGE_STORE=0)');
  let agencyCode: string | null = null;
  if (o.agencyCode) {
    const agency = await findAgencyByCode(db, o.agencyCode);
    if (!agency) throw new Error(`no agency has the code "${o.agencyCode}"`);
    agencyCode = agency.code;
  }
  const urls = portalUrls('');
  const plan = await planSitemap(db, urls, Number.MAX_SAFE_INTEGER);
  const itemPrefix = agencyCode ? `${urls.agency(agencyCode)}/items/` : null;
  const progress: PrerenderProgress = { seen: 0, rendered: 0, fresh: 0, failed: 0 };
  async function* paths() {
    for await (const chunk of fileLocations(db, urls, plan, 1))
      for (const { path } of chunk) {
        const at = path.indexOf('/items/');
        if (at < 0 || (itemPrefix && !path.startsWith(itemPrefix))) continue;
        if (o.shard && shardOf(path.slice(at + 7), o.shard[1]) !== o.shard[0]) continue;
        yield path;
      }
  }
  await runPool(paths(), Math.max(1, o.concurrency ?? 8), async (path) => {
    const r = await renderOne(app, path);
    progress.seen++;
    progress[r]++;
    o.onProgress?.(progress);
  });
  return progress;
}

/**
 * The server's render-on-write job: each run renders the standard pages of the items the change log
 * names since the previous run (at most `limit` a run; the rest wait for the next).
 */
export class RenderOnWrite {
  #after: number | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly limit = 500,
  ) {}

  #running = false;

  /** One run (none when the previous one is still going); returns how many pages it rendered. */
  async run(): Promise<number> {
    if (this.#running) return 0;
    this.#running = true;
    try {
      return await this.#run();
    } finally {
      this.#running = false;
    }
  }

  async #run(): Promise<number> {
    const { db } = this.app.services;
    if (!portalPageStore(this.app.services)) return 0;
    if (this.#after === null) {
      // The first run starts from now: what changed before the process started is rendered on demand.
      const max = await db
        .selectFrom('portal_page_changes')
        .select((eb) => eb.fn.max('revision').as('r'))
        .executeTakeFirst();
      this.#after = Number(max?.r ?? 0);
      return 0;
    }
    const rows = await db
      .selectFrom('portal_page_change_items as c')
      .innerJoin('publications as p', 'p.id', 'c.item_id')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select(['c.item_id', 'c.revision', 'a.code'])
      .where('c.revision', '>', this.#after)
      .orderBy('c.revision')
      .limit(this.limit)
      .execute();
    const urls = portalUrls('');
    const done = new Set<string>();
    for (const r of rows) {
      if (!done.has(r.item_id)) {
        done.add(r.item_id);
        await renderOne(this.app, urls.item(r.code, r.item_id));
      }
      this.#after = Math.max(this.#after, Number(r.revision));
    }
    return done.size;
  }
}
