/**
 * Item pages kept in the database (ADR 0014): the second level behind the in-process cache
 * (page-cache.ts), shared by every process and kept across restarts, so that a request for any of
 * hundreds of thousands of items is one primary-key lookup instead of a rendering.
 *
 * - What: the finished response of an item page (status 200, or 410 once withdrawn), in whichever
 *   variant it was asked for, under its URL; the route says which agency and item it shows
 *   (`storePageOf`).
 * - Fresh: a row records the content revision read before it was rendered. Every raise of the
 *   revision records what it changed (revision.ts: the site, an agency, or items with every item
 *   whose page shows them). A row is served while no change after its revision concerns it: no
 *   site change, no change of its agency's section, no change of its item — three index probes in
 *   the lookup's own statement.
 * - Rendered by: the code and configuration of the process (`renderKey`: the platform's name and
 *   address and a hash of the code's files). A row rendered by other code, after an upgrade, is not
 *   served; it is rendered again on the next request or by `gongkai portal prerender`.
 * - Written: when a miss has been rendered (after the response is sent, never in its way), and ahead
 *   of requests by the prerender command and job (prerender.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Db } from '../../../platform/services.js';
import type { CachedPage } from './page-cache.js';

export interface StoredPageScope {
  agencyId: string;
  itemId: string;
}

let codeStamp: string | null = null;

/**
 * A hash of the application's own code files (the compiled `dist/` in production, `src/` under the
 * test runner), read once per process: a new release renders its pages again.
 */
export function codeHash(): string {
  if (codeStamp) return codeStamp;
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts|tsx|css)$/.test(e.name) && !/\.test\.|\.d\.ts$/.test(e.name)) {
        h.update(path.relative(root, p));
        h.update(readFileSync(p));
      }
    }
  };
  walk(root);
  codeStamp = h.digest('hex').slice(0, 16);
  return codeStamp;
}

/** What, besides the database, a stored page was rendered by. */
export function renderKey(config: { platformName: string; publicBaseUrl: string | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([codeHash(), config.platformName, config.publicBaseUrl]))
    .digest('hex')
    .slice(0, 24);
}

export class PortalPageStore {
  hits = 0;
  stale = 0;
  writes = 0;
  readonly #db: Kysely<Database>;
  readonly #key: () => string;

  constructor(db: Kysely<Database>, key: () => string) {
    this.#db = db;
    this.#key = key;
  }

  /**
   * The stored page of `url` when it is still what the page would be: rendered by this code and
   * configuration, and nothing that concerns it changed after the revision it was rendered under.
   */
  async get(url: string): Promise<(CachedPage & StoredPageScope) | undefined> {
    const row = await this.#db
      .selectFrom('portal_page_store as s')
      .select([
        's.agency_id',
        's.item_id',
        's.revision',
        's.render_key',
        's.status',
        's.etag',
        's.last_modified',
        's.cache_control',
        's.content_type',
        's.body',
        sql<number>`case when exists (select 1 from portal_page_changes c where c.scope = 'site' and c.agency_id is null and c.revision > s.revision)
          or exists (select 1 from portal_page_changes c where c.scope = 'agency' and c.agency_id = s.agency_id and c.revision > s.revision)
          or exists (select 1 from portal_page_change_items i where i.item_id = s.item_id and i.revision > s.revision)
          then 1 else 0 end`.as('changed'),
      ])
      .where('s.url', '=', url)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.render_key !== this.#key() || Number(row.changed) === 1) {
      this.stale++;
      return undefined;
    }
    this.hits++;
    return {
      agencyId: row.agency_id,
      itemId: row.item_id,
      revision: Number(row.revision),
      inputs: [],
      status: Number(row.status),
      body: Buffer.isBuffer(row.body) ? row.body : Buffer.from(row.body),
      etag: row.etag,
      lastModified: row.last_modified,
      cacheControl: row.cache_control,
      contentType: row.content_type,
    };
  }

  #queue: { url: string; scope: StoredPageScope; page: CachedPage; onError: (err: unknown) => void }[] = [];
  #flushing: Promise<void> | null = null;

  /**
   * Keeps the page once the current response is on its way: writes are gathered for a few
   * milliseconds and made in one transaction (one commit for many pages while pages are rendered in
   * bulk). A failed write only costs a later rendering.
   */
  putLater(url: string, scope: StoredPageScope, page: CachedPage, onError: (err: unknown) => void): void {
    this.#queue.push({ url, scope, page, onError });
    if (!this.#flushing) this.#flushing = new Promise((r) => setTimeout(r, 5)).then(() => this.#flush());
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, 200);
      try {
        await this.#db.transaction().execute(async (trx) => {
          for (const w of batch) await this.put(w.url, w.scope, w.page, trx);
        });
      } catch (err) {
        for (const w of batch) w.onError(err);
      }
    }
    this.#flushing = null;
  }

  /** Resolves when the writes asked for so far have been made. */
  async settled(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  /** Keeps a page rendered under `page.revision` (a newer row of the URL stays). */
  async put(url: string, scope: StoredPageScope, page: CachedPage, db: Db = this.#db): Promise<void> {
    const values = {
      url,
      agency_id: scope.agencyId,
      item_id: scope.itemId,
      revision: page.revision,
      render_key: this.#key(),
      status: page.status,
      etag: page.etag,
      last_modified: page.lastModified,
      cache_control: page.cacheControl,
      content_type: page.contentType,
      body: page.body,
      stored_at: new Date().toISOString(),
    };
    await db
      .insertInto('portal_page_store')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('url')
          .doUpdateSet((eb) => ({
            agency_id: eb.ref('excluded.agency_id'),
            item_id: eb.ref('excluded.item_id'),
            revision: eb.ref('excluded.revision'),
            render_key: eb.ref('excluded.render_key'),
            status: eb.ref('excluded.status'),
            etag: eb.ref('excluded.etag'),
            last_modified: eb.ref('excluded.last_modified'),
            cache_control: eb.ref('excluded.cache_control'),
            content_type: eb.ref('excluded.content_type'),
            body: eb.ref('excluded.body'),
            stored_at: eb.ref('excluded.stored_at'),
          }))
          .where((eb) =>
            eb.or([
              eb('portal_page_store.revision', '<=', eb.ref('excluded.revision')),
              eb('portal_page_store.render_key', '<>', eb.ref('excluded.render_key')),
            ]),
          ),
      )
      .execute();
    this.writes++;
  }
}
