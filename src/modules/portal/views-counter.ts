/**
 * View counts of published items, kept out of the page request so that pages stay cacheable and
 * their bytes never depend on a counter: the item page's script sends a beacon
 * (`POST /api/v1/views`), which only adds to this in-memory buffer; a timer flushes the buffer to
 * `page_views` — one row per item and legal day, counts added with an upsert — every few seconds
 * and when the server closes.
 *
 * What is counted: a view of a live item (unknown, withdrawn and unpublished ids are dropped at
 * the flush, in one query for the whole batch). Per reader, at most BEACONS_PER_MINUTE beacons
 * (more answer 429), and the same item again within REPEAT_WINDOW_MS counts once, so reloading a
 * page does not inflate its count. The reader's address is used only in memory, hashed with a
 * per-process random key, and never stored or logged. The buffer holds at most MAX_BUFFERED
 * distinct items: beyond that, new items wait for the next flush (dropped), so a flood of made-up
 * ids cannot grow memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../../platform/clock.js';
import { RateLimiter } from '../../platform/http/rate-limit.js';
import { chinaToday } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import { addViews, liveIds, type ViewRow } from './views-counter.repository.js';

export const FLUSH_EVERY_MS = 5_000;
export const BEACONS_PER_MINUTE = 30;
export const REPEAT_WINDOW_MS = 10 * 60_000;
export const MAX_BUFFERED = 10_000;
const MAX_RECENT = 100_000;

/** Publication ids are UUIDs; anything else is not worth a lookup. */
const ID = /^[0-9A-Za-z-]{1,64}$/;

export type BeaconOutcome = 'counted' | 'repeat' | 'limited' | 'invalid' | 'full';

export class ViewCounter {
  #buffer = new Map<string, ViewRow>();
  /** hash(source, id) → until when a repeat view is not counted again. */
  #recent = new Map<string, number>();
  readonly #limiter = new RateLimiter(BEACONS_PER_MINUTE, 60_000);
  readonly #key = randomBytes(16);
  #flushing: Promise<number> = Promise.resolve(0);

  constructor(private readonly clock: Clock = systemClock) {}

  #hash(...parts: string[]): string {
    const h = createHash('sha256').update(this.#key);
    for (const p of parts) h.update('\u0000').update(p);
    return h.digest('base64url').slice(0, 22);
  }

  /** One beacon from `source` (the client's address) for the item `publicationId`. */
  record(source: string, publicationId: unknown): BeaconOutcome {
    const now = this.clock.now().getTime();
    const reader = this.#hash(source);
    if (!this.#limiter.take(reader, now)) return 'limited';
    if (typeof publicationId !== 'string' || !ID.test(publicationId)) return 'invalid';
    const seen = this.#hash(reader, publicationId);
    const until = this.#recent.get(seen);
    if (until !== undefined && until > now) return 'repeat';
    const day = chinaToday(this.clock.now());
    const key = `${publicationId}\n${day}`;
    const row = this.#buffer.get(key);
    if (row) row.count += 1;
    else if (this.#buffer.size >= MAX_BUFFERED) return 'full';
    else this.#buffer.set(key, { publication_id: publicationId, day, count: 1 });
    this.#remember(seen, now + REPEAT_WINDOW_MS, now);
    return 'counted';
  }

  #remember(key: string, until: number, now: number): void {
    this.#recent.set(key, until);
    if (this.#recent.size <= MAX_RECENT) return;
    for (const [k, t] of this.#recent) if (t <= now) this.#recent.delete(k);
    if (this.#recent.size > MAX_RECENT) this.#recent.clear(); // under a flood: forget rather than grow
  }

  /** Views of the item counted here and not yet written. */
  pending(publicationId: string): number {
    let n = 0;
    for (const r of this.#buffer.values()) if (r.publication_id === publicationId) n += r.count;
    return n;
  }

  /** Distinct (item, day) pairs waiting for the next flush. */
  get buffered(): number {
    return this.#buffer.size;
  }

  /**
   * Writes the buffer: the counts of live items are added in one transaction; the rest are dropped.
   * When the database refuses, the counts go back into the buffer for the next flush. Flushes run
   * one after another. Resolves to the number of views written.
   */
  flush(db: Db): Promise<number> {
    const run = this.#flushing.then(
      () => this.#flushOnce(db),
      () => this.#flushOnce(db),
    );
    this.#flushing = run;
    return run;
  }

  async #flushOnce(db: Db): Promise<number> {
    if (this.#buffer.size === 0) return 0;
    const rows = [...this.#buffer.values()];
    this.#buffer = new Map();
    try {
      const live = await liveIds(db, [...new Set(rows.map((r) => r.publication_id))]);
      const kept = rows.filter((r) => live.has(r.publication_id));
      if (kept.length > 0) await db.transaction().execute((trx) => addViews(trx, kept));
      return kept.reduce((n, r) => n + r.count, 0);
    } catch (err) {
      for (const r of rows) {
        const key = `${r.publication_id}\n${r.day}`;
        const row = this.#buffer.get(key);
        if (row) row.count += r.count;
        else if (this.#buffer.size < MAX_BUFFERED) this.#buffer.set(key, r);
      }
      throw err;
    }
  }
}
