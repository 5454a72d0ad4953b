/**
 * A least-recently-used map bounded by bytes (the sizes the caller states), for rendered pages.
 * Map keeps insertion order, so the first key is the least recently used one; a hit moves its
 * key to the end. An entry larger than a quarter of the budget is not kept (it would flush most of
 * the others).
 */
export class ByteLru<V> {
  readonly #map = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: string): V | undefined {
    const e = this.#map.get(key);
    if (!e) return undefined;
    this.#map.delete(key);
    this.#map.set(key, e);
    return e.value;
  }

  /** Stores `value` (replacing any under `key`); false when it is too large to keep. */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.maxBytes / 4) return false;
    this.#map.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [k, e] of this.#map) {
      if (this.#bytes <= this.maxBytes) break;
      this.#map.delete(k);
      this.#bytes -= e.bytes;
    }
    return true;
  }

  delete(key: string): void {
    const e = this.#map.get(key);
    if (!e) return;
    this.#map.delete(key);
    this.#bytes -= e.bytes;
  }

  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }
}
