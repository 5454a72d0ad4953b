/**
 * The rendered-page cache of public portal pages, in this process (ADR 0010).
 *
 * - Key: the request's URL (path and query; the site variant is in the path: `/lb`, `/ft`). A
 *   portal page depends on nothing else of the request — not the Host (pages use the configured
 *   site address), not a cookie, not the session — so GET and HEAD share one entry.
 * - Value: the finished response: status, body bytes, ETag, Last-Modified, Cache-Control,
 *   Content-Type. A hit answers from it (304 when If-None-Match names the ETag, as sendCacheable
 *   does), with `X-Cache: hit`; everything else carries `X-Cache: miss`.
 * - Bounded: least recently used out, by bytes (PORTAL_PAGE_CACHE_MB, default 64). 404 pages of
 *   arbitrary addresses go to their own eighth of the budget, so made-up URLs cannot push real
 *   pages out.
 * - Fresh: before each cacheable request the content revision is read from the database (one
 *   primary-key query, revision.ts); an entry is served only when it was rendered under that very
 *   revision. A newer revision empties the cache and reloads the site settings before any page
 *   renders again, so a change committed by any process is on the next request of every process.
 * - Only anonymous requests: a signed-in user's request neither reads nor fills the cache (the
 *   page would be the same bytes, but nothing is lost by keeping the two apart).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError } from '../../../config.js';
import { isApi } from '../../../platform/http/error-handler.js';
import type { Services } from '../../../platform/services.js';
import { matchesIfNoneMatch } from '../http-cache.js';
import { currentSiteSettings, siteSettingsStore } from '../site-settings.store.js';
import { ByteLru } from './lru.js';
import { PortalPageStore, renderKey, type StoredPageScope } from './page-store.js';
import { revisionReader } from './revision.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public portal page whose response the rendered-page cache may keep (page-cache.ts). */
    pageCache?: boolean;
    /** An item page: also kept in the database (page-store.ts); the handler names its item (storePageOf). */
    pageStore?: boolean;
  }
}

export const DEFAULT_PAGE_CACHE_MB = 64;
/** Bytes counted per entry besides its body and key (headers, bookkeeping). */
const ENTRY_OVERHEAD = 300;
const CACHEABLE_STATUS = new Set([200, 404, 410]);

export interface CachedPage {
  revision: number;
  /** What else the page was rendered from (PageCacheOptions.inputs), compared on every hit. */
  inputs: readonly unknown[];
  status: number;
  body: Buffer;
  etag: string;
  lastModified: string | null;
  cacheControl: string;
  contentType: string;
}

/** PORTAL_PAGE_CACHE_MB: the budget in MB, 0 turns the cache off. */
export function pageCacheBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PORTAL_PAGE_CACHE_MB?.trim();
  if (raw === undefined || raw === '') return DEFAULT_PAGE_CACHE_MB * 1024 * 1024;
  const mb = Number(raw);
  if (!/^\d+$/.test(raw) || mb > 65_536)
    throw new ConfigError([
      `PORTAL_PAGE_CACHE_MB 应为 0 到 65536 之间的整数（单位 MB，0 表示不缓存），现为 “${raw}”`,
    ]);
  return mb * 1024 * 1024;
}

export interface PageCacheOptions {
  maxBytes: number;
  readRevision: () => Promise<number>;
  /** Called once per newer revision, before any page renders under it (reloads the site settings). */
  onNewRevision: () => Promise<unknown>;
  /**
   * What pages are rendered from besides the database: the loaded site-settings object (a reload
   * makes a new one) and the configured name and address. An entry rendered from other ones is not
   * served.
   */
  inputs?: () => readonly unknown[];
}

const NO_INPUTS: readonly unknown[] = [];
const sameInputs = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

export class PortalPageCache {
  readonly pages: ByteLru<CachedPage>;
  readonly missing: ByteLru<CachedPage>;
  hits = 0;
  misses = 0;
  #latest = -1;
  #syncing: Promise<void> | null = null;
  #reading: Promise<number> | null = null;
  #queued: Promise<number> | null = null;

  constructor(private readonly o: PageCacheOptions) {
    this.pages = new ByteLru(o.maxBytes - Math.floor(o.maxBytes / 8));
    this.missing = new ByteLru(Math.floor(o.maxBytes / 8));
  }

  get enabled(): boolean {
    return this.o.maxBytes > 0;
  }

  /**
   * A read of the revision that starts after this call: the one about to start when none runs, else
   * the one queued behind the running read, which every caller arriving meanwhile shares (one
   * query per round trip however many requests arrive, and never a read older than the request).
   */
  #freshRead(): Promise<number> {
    if (!this.#reading) {
      const read = this.o.readRevision().finally(() => {
        if (this.#reading === read) this.#reading = null;
      });
      this.#reading = read;
      return read;
    }
    if (!this.#queued) {
      const queued: Promise<number> = this.#reading.then(
        () => this.#startQueued(queued),
        () => this.#startQueued(queued),
      );
      this.#queued = queued;
    }
    return this.#queued;
  }

  #startQueued(queued: Promise<number>): Promise<number> {
    if (this.#queued === queued) this.#queued = null;
    return this.#freshRead();
  }

  /**
   * The current revision, read now; another one than seen empties the cache and resyncs first.
   * Reads run one at a time and the revision only rises, so a lower one means the row was made
   * again: a change as well.
   */
  async revision(): Promise<number> {
    const r = await this.#freshRead();
    if (r !== this.#latest) {
      this.#latest = r;
      this.pages.clear();
      this.missing.clear();
      const sync: Promise<void> = this.o.onNewRevision().then(
        () => {},
        () => {
          // Not resynced (database briefly away): store nothing under r; the next request retries.
          if (this.#latest === r) this.#latest = -1;
        },
      );
      this.#syncing = sync;
      sync.finally(() => {
        if (this.#syncing === sync) this.#syncing = null;
      });
    }
    if (this.#syncing) await this.#syncing;
    return r;
  }

  /** What pages rendered now are rendered from, besides the database (store it with the page). */
  inputs(): readonly unknown[] {
    return this.o.inputs?.() ?? NO_INPUTS;
  }

  get(key: string, revision: number): CachedPage | undefined {
    if (revision !== this.#latest) return undefined;
    const hit = this.pages.get(key) ?? this.missing.get(key);
    return hit?.revision === revision && sameInputs(hit.inputs, this.inputs()) ? hit : undefined;
  }

  /** Keeps a page rendered under `page.revision`, unless a newer revision was seen meanwhile. */
  set(key: string, page: CachedPage): boolean {
    if (page.revision !== this.#latest) return false;
    const bytes = page.body.length + key.length * 2 + ENTRY_OVERHEAD;
    return (page.status === 404 ? this.missing : this.pages).set(key, page, bytes);
  }

  #seen = new Set<string>();

  /**
   * The doorkeeper for pages from the page store (as in TinyLFU): true when `key` was asked for
   * since the doorkeeper last forgot (it keeps at most as many keys as memory holds pages of ~10 KB),
   * so a page goes into memory on its second request within that window, not its first.
   */
  admit(key: string): boolean {
    if (this.#seen.has(key)) return true;
    if (this.#seen.size >= Math.max(64, Math.floor(this.o.maxBytes / 10_240))) this.#seen.clear();
    this.#seen.add(key);
    return false;
  }

  get bytes(): number {
    return this.pages.bytes + this.missing.bytes;
  }

  get entries(): number {
    return this.pages.size + this.missing.size;
  }
}

const caches = new WeakMap<Services, PortalPageCache>();
const stores = new WeakMap<Services, PortalPageStore | null>();

/** PORTAL_PAGE_STORE: `0` keeps item pages in memory only (default on). */
export function pageStoreEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const raw = env.PORTAL_PAGE_STORE?.trim();
  if (raw === undefined || raw === '' || raw === '1') return true;
  if (raw === '0') return false;
  throw new ConfigError([
    `PORTAL_PAGE_STORE 应为 1（在数据库中保存已生成的信息页面）或 0（不保存），现为 “${raw}”`,
  ]);
}

/** The item pages kept in the database for this app; null when PORTAL_PAGE_STORE=0. */
export function portalPageStore(services: Services): PortalPageStore | null {
  let store = stores.get(services);
  if (store === undefined) {
    let key: string | null = null;
    store = pageStoreEnabled()
      ? new PortalPageStore(services.db, () => {
          key ??= renderKey(services.config);
          return key;
        })
      : null;
    stores.set(services, store);
  }
  return store;
}

/** Replaces the page store of an app (tests). */
export function setPortalPageStore(services: Services, store: PortalPageStore | null): void {
  stores.set(services, store);
}

/** The cache of this app (its services object); created on first use. */
export function portalPageCache(services: Services): PortalPageCache {
  let cache = caches.get(services);
  if (!cache) {
    const settings = siteSettingsStore(services.db, services.clock);
    cache = new PortalPageCache({
      maxBytes: pageCacheBytes(),
      readRevision: revisionReader(services.db),
      onNewRevision: () => settings.refresh(),
      inputs: () => [
        currentSiteSettings(services.config),
        services.config.publicBaseUrl,
        services.config.platformName,
      ],
    });
    caches.set(services, cache);
  }
  return cache;
}

/** Replaces the cache of an app (tests: a small budget). */
export function setPortalPageCache(services: Services, cache: PortalPageCache): void {
  caches.set(services, cache);
}

const pending = new WeakMap<FastifyRequest, number>();
const inputsAtStart = new WeakMap<FastifyRequest, readonly unknown[]>();
const scopes = new WeakMap<FastifyRequest, StoredPageScope>();

/**
 * Called by an item page's handler: the page shows this agency's item (and what revision.ts's
 * changes of them cover), so its response may be kept in the database under its URL.
 */
export function storePageOf(req: FastifyRequest, scope: StoredPageScope): void {
  if (req.routeOptions.config.pageStore === true) scopes.set(req, scope);
}

function cacheable(req: FastifyRequest): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.routeOptions.config.pageCache === true &&
    !req.session &&
    !req.principal &&
    // An error page is JSON for a client asking for JSON: the one request header a portal
    // response depends on. Such requests are rare; they go without the cache.
    !isApi(req)
  );
}

function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  source: 'hit' | 'hit-store' = 'hit',
): FastifyReply {
  reply.header('x-cache', source).header('cache-control', page.cacheControl).header('etag', page.etag);
  if (page.lastModified) reply.header('last-modified', page.lastModified);
  if (page.status === 200 && matchesIfNoneMatch(req.headers['if-none-match'], page.etag))
    return reply.status(304).send();
  return reply.status(page.status).header('content-type', page.contentType).send(page.body);
}

/**
 * Adds the cache's hooks to a route plugin: its routes with `config.pageCache` are answered from
 * the cache when they can be, and their responses kept otherwise.
 */
export function usePortalPageCache(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!cacheable(req)) return;
    const cache = portalPageCache(app.services);
    const store = req.routeOptions.config.pageStore === true ? portalPageStore(app.services) : null;
    if (!cache.enabled && !store) return;
    let revision: number;
    try {
      revision = await cache.revision();
    } catch (err) {
      // The database is away: render as without a cache (the page reports its own trouble).
      req.log.warn({ err }, 'portal page cache: revision not read');
      return;
    }
    const hit = cache.get(req.url, revision);
    if (hit) {
      cache.hits++;
      return sendCached(req, reply, hit);
    }
    if (store) {
      let stored: CachedPage | undefined;
      try {
        stored = await store.get(req.url);
      } catch (err) {
        req.log.warn({ err }, 'portal page store: not read');
      }
      if (stored) {
        cache.hits++;
        // Checked fresh at `revision` (no change concerning it since it was rendered): memory may
        // keep it under that revision. One rendered after `revision` was read is served as it is.
        // Memory takes it only when asked for again soon (admit): under requests spread over many
        // items, copying every store hit into memory only churns it (measured in docs/performance.md).
        if (stored.revision <= revision && cache.admit(req.url))
          cache.set(req.url, { ...stored, revision, inputs: cache.inputs() });
        return sendCached(req, reply, stored, 'hit-store');
      }
    }
    cache.misses++;
    reply.header('x-cache', 'miss');
    pending.set(req, revision);
    inputsAtStart.set(req, cache.inputs());
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const revision = pending.get(req);
    if (revision === undefined || req.method !== 'GET') return payload;
    pending.delete(req);
    if (!CACHEABLE_STATUS.has(reply.statusCode) || reply.hasHeader('set-cookie')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = reply.getHeader('etag');
    const cacheControl = reply.getHeader('cache-control');
    const contentType = reply.getHeader('content-type');
    if (typeof etag !== 'string' || typeof cacheControl !== 'string' || typeof contentType !== 'string')
      return payload;
    if (!cacheControl.startsWith('public')) return payload;
    const lastModified = reply.getHeader('last-modified');
    const cache = portalPageCache(app.services);
    const page: CachedPage = {
      revision,
      inputs: inputsAtStart.get(req) ?? NO_INPUTS,
      status: reply.statusCode,
      body: typeof payload === 'string' ? Buffer.from(payload) : payload,
      etag,
      lastModified: typeof lastModified === 'string' ? lastModified : null,
      cacheControl,
      contentType,
    };
    cache.set(req.url, page);
    const scope = scopes.get(req);
    const store = scope && page.status !== 404 ? portalPageStore(app.services) : null;
    // Kept for every process once the answer is on its way.
    if (store && scope)
      store.putLater(req.url, scope, page, (err) => req.log.warn({ err }, 'portal page store: not written'));
    return payload;
  });
}
