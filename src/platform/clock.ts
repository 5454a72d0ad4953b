/** The one source of "now", replaceable in tests. Instants are ISO-8601 UTC strings (ADR 0003). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
