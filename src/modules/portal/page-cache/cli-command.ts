/**
 * `gongkai portal prerender [--agency CODE] [--shard I/N] [--concurrency K]`: renders the standard page
 * of every public item into the page store (ADR 0014), skipping pages still fresh; prints how many and
 * how long. Several processes may share the work, one shard each. Exit 0 done, 1 failed pages or an
 * unknown agency, 2 wrong arguments.
 */
import type { FastifyInstance } from 'fastify';
import { type PrerenderOptions, prerenderItemPages } from './prerender.js';

export const PORTAL_USAGE = `usage: gongkai portal prerender [--agency CODE] [--shard I/N] [--concurrency K]
  --agency CODE     only this agency's items (its code); default: every agency
  --shard I/N       only the I-th of N parts of the items (0 ≤ I < N), to share the work among processes
  --concurrency K   pages rendered at the same time (default 8)`;

export interface PortalIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: PortalIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export type WithApp = <T>(fn: (app: FastifyInstance) => Promise<T>) => Promise<T>;

export function parsePrerenderArgs(args: string[]): PrerenderOptions | string {
  const [sub, ...rest] = args;
  if (sub !== 'prerender') return `unknown portal command "${sub ?? ''}"`;
  const o: { agencyCode?: string; shard?: [number, number]; concurrency?: number } = {};
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i]!.split(/=(.*)/s) as [string, string | undefined];
    if (!['--agency', '--shard', '--concurrency'].includes(flag)) return `unknown option "${rest[i]}"`;
    const value = inline ?? rest[++i];
    if (!value || (inline === undefined && value.startsWith('--'))) return `${flag} needs a value`;
    if (flag === '--agency') o.agencyCode = value;
    else if (flag === '--shard') {
      const m = /^(\d{1,4})\/(\d{1,4})$/.exec(value);
      if (!m || Number(m[1]) >= Number(m[2])) return `--shard must be I/N with 0 ≤ I < N (got "${value}")`;
      o.shard = [Number(m[1]), Number(m[2])];
    } else {
      if (!/^\d{1,3}$/.test(value) || Number(value) < 1)
        return `--concurrency must be 1 to 999 (got "${value}")`;
      o.concurrency = Number(value);
    }
  }
  return o;
}

export async function portalCommand(args: string[], withApp: WithApp, io = consoleIo): Promise<number> {
  const o = parsePrerenderArgs(args);
  if (typeof o === 'string') {
    io.err(`gongkai: ${o}\n\n${PORTAL_USAGE}`);
    return 2;
  }
  return withApp(async (app) => {
    const t0 = performance.now();
    let shown = 0;
    let r: Awaited<ReturnType<typeof prerenderItemPages>>;
    try {
      r = await prerenderItemPages(app, {
        ...o,
        onProgress: (p) => {
          if (p.seen >= shown + 1000) {
            shown = p.seen;
            io.err(`  ${p.seen} pages (${p.rendered} rendered, ${p.fresh} fresh, ${p.failed} failed)`);
          }
        },
      });
    } catch (err) {
      io.err(`gongkai: ${(err as Error).message}`);
      return 1;
    }
    const s = (performance.now() - t0) / 1000;
    io.out(
      `prerendered ${r.rendered} item pages in ${s.toFixed(1)} s (${r.fresh} already fresh, ${r.failed} failed; ${r.seen} public items)`,
    );
    return r.failed > 0 ? 1 : 0;
  });
}
