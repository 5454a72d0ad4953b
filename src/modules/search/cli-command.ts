/**
 * `gongkai search rebuild [--agency CODE]`: re-indexes every live item (or one agency's) in batches
 * and prints how many and how long. Exit 0 done, 1 unknown agency, 2 wrong arguments.
 */
import type { Db } from '../../platform/services.js';
import { findAgencyByCode } from '../accounts/accounts.repository.js';
import { rebuildSearchIndex } from './indexer.js';

export const SEARCH_USAGE = `usage: gongkai search rebuild [--agency CODE]
  --agency CODE   only this agency's items (its code, 统一社会信用代码); default: the whole platform`;

export interface SearchIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: SearchIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

function parseArgs(args: string[]): { agency: string | null } | string {
  const [sub, ...rest] = args;
  if (sub !== 'rebuild') return `unknown search command "${sub ?? ''}"`;
  let agency: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i]!.split(/=(.*)/s) as [string, string | undefined];
    if (flag !== '--agency') return `unknown option "${rest[i]}"`;
    const value = inline ?? rest[++i];
    if (!value || (inline === undefined && value.startsWith('--'))) return '--agency needs a value';
    agency = value;
  }
  return { agency };
}

export async function searchCommand(args: string[], withDb: WithDb, io = consoleIo): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    io.err(`gongkai: ${o}\n\n${SEARCH_USAGE}`);
    return 2;
  }
  return withDb(async (db) => {
    let agencyId: string | null = null;
    if (o.agency) {
      const agency = await findAgencyByCode(db, o.agency);
      if (!agency) {
        io.err(`gongkai: no agency has the code "${o.agency}"`);
        return 1;
      }
      agencyId = agency.id;
    }
    let shown = 0;
    const r = await rebuildSearchIndex(db, {
      agencyId,
      onBatch: (done, total) => {
        // A progress line every tenth of the way, for long rebuilds.
        if (total >= 2000 && done * 10 >= (shown + 1) * total) {
          shown = Math.floor((done * 10) / total);
          io.err(`  ${done} / ${total}`);
        }
      },
    });
    io.out(
      `search index rebuilt${o.agency ? ` for ${o.agency}` : ''}: ${r.indexed} live items indexed ` +
        `(${r.examined} examined) in ${(r.ms / 1000).toFixed(1)} s`,
    );
    return 0;
  });
}
