/**
 * The site settings of this process, for rendering every portal page without a query each time.
 *
 * - `get()` returns the settings, loading them on first use; `peek()` returns what is loaded, at
 *   once (page rendering is synchronous), and starts a re-check in the background when due.
 * - A save in this process calls `refresh()` after its transaction commits: the next page shows it.
 * - Saves by another process on the same PostgreSQL database: at most once every RECHECK_MS the
 *   settings' revision is read (one tiny query) and the settings reloaded when it changed, so every
 *   server shows an admin's change within a few seconds (like CalendarStore in workdays).
 *
 * One store per database handle (a WeakMap), so tests with their own databases never share one.
 * The app registers its store under its config object (`registerSiteSettings`), which is how
 * `portalSite(config)` in views/render.tsx finds it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { SiteSettingsRecord } from './site-settings.js';
import { getSiteSettings, siteSettingsVersion } from './site-settings.repository.js';

export const RECHECK_MS = 5_000;

interface Loaded {
  settings: SiteSettingsRecord;
  version: string;
}

export class SiteSettingsStore {
  #pending: Promise<Loaded> | null = null;
  #current: Loaded | null = null;
  #rechecking: Promise<void> | null = null;
  #checkedAt = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
    private readonly recheckMs: number = RECHECK_MS,
  ) {}

  async get(): Promise<SiteSettingsRecord> {
    const now = this.clock.now().getTime();
    const cached = this.#pending;
    if (cached && !this.#rechecking && Math.abs(now - this.#checkedAt) >= this.recheckMs) {
      this.#checkedAt = now; // one re-check at a time; callers meanwhile wait for it (one tiny query)
      this.#rechecking = Promise.all([cached, siteSettingsVersion(this.db)])
        .then(
          ([loaded, version]) => {
            if (loaded.version !== version && this.#pending === cached) this.#pending = null;
          },
          () => {}, // database briefly away: keep serving what we have, retry later
        )
        .finally(() => {
          this.#rechecking = null;
        });
    }
    if (this.#rechecking) await this.#rechecking;
    return (await (this.#pending ?? this.#load(now))).settings;
  }

  /**
   * The loaded settings now (null before the first load), for synchronous rendering. When a
   * re-check is due, or nothing is loaded, a `get()` starts in the background.
   */
  peek(): SiteSettingsRecord | null {
    const due = !this.#pending || Math.abs(this.clock.now().getTime() - this.#checkedAt) >= this.recheckMs;
    if (due) this.get().catch(() => {}); // failures are retried on a later call
    return this.#current?.settings ?? null;
  }

  /** Drops the cached settings and loads them again (after a save in this process). */
  async refresh(): Promise<SiteSettingsRecord> {
    this.#pending = null;
    return this.get();
  }

  #load(now: number): Promise<Loaded> {
    const load: Promise<Loaded> = (async () => {
      // The version first: a save landing in between only causes one extra reload later.
      const version = await siteSettingsVersion(this.db);
      return { settings: await getSiteSettings(this.db), version };
    })().then((loaded) => {
      if (this.#pending === load) this.#current = loaded; // not a load a refresh() superseded
      return loaded;
    });
    this.#pending = load;
    this.#checkedAt = now;
    load.catch(() => {
      if (this.#pending === load) this.#pending = null; // a failed load is not cached
    });
    return load;
  }
}

const stores = new WeakMap<Kysely<Database>, SiteSettingsStore>();

/** The store of this database handle (created on first use with the given clock). */
export function siteSettingsStore(db: Kysely<Database>, clock: Clock = systemClock): SiteSettingsStore {
  let store = stores.get(db);
  if (!store) {
    store = new SiteSettingsStore(db, clock);
    stores.set(db, store);
  }
  return store;
}

const byConfig = new WeakMap<object, SiteSettingsStore>();

/** Makes the store the one pages rendered with this app's config read (routes/site.routes.tsx). */
export function registerSiteSettings(config: object, store: SiteSettingsStore): void {
  byConfig.set(config, store);
}

/** The settings pages rendered with this config show now; null when no app registered any. */
export function currentSiteSettings(config: object): SiteSettingsRecord | null {
  return byConfig.get(config)?.peek() ?? null;
}
