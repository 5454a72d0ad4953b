/**
 * Verifies the audit trail (ADR 0005): every chain event by event, every
 * chain head, every checkpoint in the database and every line of the
 * checkpoint file. Reads in pages, never the whole trail at once, and runs
 * without a long transaction, so it can run beside a live server: the checks
 * are ordered so that events recorded meanwhile never count as tampering.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import {
  checkpointsPage,
  eventMacsAt,
  eventsOfChain,
  getHead,
  listChains,
  listHeads,
} from './audit.repository.js';
import type { AuditEventTable } from './audit.table.js';
import { checkpointMac, eventMac, GENESIS_MAC, headMac } from './audit-mac.js';
import { type CheckpointLine, parseCheckpointLine } from './checkpoint.js';

export type AuditProblemKind = 'edited' | 'gap' | 'link' | 'head' | 'truncated' | 'checkpoint';

export interface AuditProblem {
  /** The chain (agency id or 'platform'); '*' when the problem concerns no single chain. */
  chain: string;
  seq?: number;
  kind: AuditProblemKind;
  /** Plain English, for the CLI and the admin pages. */
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  chains: number;
  events: number;
  problems: AuditProblem[];
}

export interface VerifyOptions {
  auditKey: string;
  checkpointFile: string;
  /** Rows read per query (default 1000). */
  pageSize?: number;
  /** Problems listed per chain and kind before the rest are summarised (default 100). */
  maxProblemsPerKind?: number;
}

/** Collects problems, capping each (chain, kind) so a rewritten chain does not print a million lines. */
class Problems {
  readonly list: AuditProblem[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly cap: number) {}

  add(chain: string, kind: AuditProblemKind, message: string, seq?: number): void {
    const key = JSON.stringify([chain, kind]);
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= this.cap)
      this.list.push(seq === undefined ? { chain, kind, message } : { chain, kind, seq, message });
  }

  finish(): AuditProblem[] {
    for (const [key, n] of this.counts) {
      if (n <= this.cap) continue;
      const [chain, kind] = JSON.parse(key) as [string, AuditProblemKind];
      this.list.push({
        chain,
        kind,
        message: `…and ${n - this.cap} more problems of this kind in this chain (only the first ${this.cap} are listed).`,
      });
    }
    return this.list;
  }
}

interface ChainWalk {
  chain: string;
  /** Seq of the last event seen (0 before the first). */
  lastSeq: number;
  lastMac: string;
  events: number;
  /** Set when the head showed events deleted from the end, up to this seq. */
  truncatedTo?: number;
  /** While set, the walk remembers the MAC of the event with this seq. */
  watchSeq?: number;
  watchedMac?: string;
}

type Source = { kind: 'file'; line: number } | { kind: 'db'; id: string };

interface Checkpoint extends CheckpointLine {
  source: Source;
}

function describe(source: Source): string {
  return source.kind === 'file'
    ? `line ${source.line} of the checkpoint file`
    : `database checkpoint ${source.id}`;
}

function range(from: number, to: number): string {
  return from === to ? `event #${from} is` : `events #${from} to #${to} are`;
}

export async function verifyAudit(db: Kysely<Database>, opts: VerifyOptions): Promise<AuditVerification> {
  const key = opts.auditKey;
  const pageSize = opts.pageSize ?? 1000;
  const problems = new Problems(opts.maxProblemsPerKind ?? 100);
  const walks = new Map<string, ChainWalk>();

  // ---- 1. Every chain, event by event, then its head. -------------------------------------------
  const chains = new Set<string>();
  for (const row of await listChains(db)) chains.add(row.chain);
  for (const head of await listHeads(db)) chains.add(head.chain);
  let events = 0;

  const checkEvent = (w: ChainWalk, e: AuditEventTable) => {
    const seq = Number(e.seq);
    if (seq !== w.lastSeq + 1) {
      problems.add(
        w.chain,
        'gap',
        w.lastSeq === 0
          ? `The chain starts at event #${seq} instead of #1: ${range(1, seq - 1)} missing (deleted).`
          : `${capitalise(range(w.lastSeq + 1, seq - 1))} missing: deleted from the middle of the chain.`,
        w.lastSeq + 1,
      );
    } else if (e.prev_mac !== (seq === 1 ? GENESIS_MAC : w.lastMac)) {
      problems.add(
        w.chain,
        'link',
        seq === 1
          ? 'Event #1 does not start from the genesis value: the start of the chain was replaced.'
          : `Event #${seq} does not link to event #${seq - 1}: an event was inserted or replaced here.`,
        seq,
      );
    }
    const expected = eventMac(key, {
      chain: e.chain,
      seq,
      agencyId: e.agency_id,
      actorId: e.actor_id,
      actorLabel: e.actor_label,
      action: e.action,
      targetType: e.target_type,
      targetId: e.target_id,
      beforeJson: e.before_json,
      afterJson: e.after_json,
      requestId: e.request_id,
      occurredAt: e.occurred_at,
      prevMac: e.prev_mac,
    });
    if (expected !== e.mac) {
      problems.add(
        w.chain,
        'edited',
        `Event #${seq} does not match its MAC: it was edited, or inserted without the audit key, ` +
          'or the chain was recomputed with a different key.',
        seq,
      );
    }
    if (w.watchSeq === seq) w.watchedMac = e.mac;
    w.lastSeq = seq;
    w.lastMac = e.mac;
    w.events++;
    events++;
  };

  const walk = async (w: ChainWalk) => {
    for (;;) {
      const page = await eventsOfChain(db, w.chain, w.lastSeq, pageSize);
      for (const e of page) checkEvent(w, e);
      if (page.length < pageSize) return;
    }
  };

  for (const chain of [...chains].sort()) {
    const w: ChainWalk = { chain, lastSeq: 0, lastMac: GENESIS_MAC, events: 0 };
    walks.set(chain, w);
    await walk(w);
    // The head is read after the walk: a committed head never lies behind committed events, so a
    // head behind the walk is tampering. A head ahead of it may be a record committed meanwhile:
    // walk on and compare with the event at the head's seq.
    const head = await getHead(db, chain);
    if (!head) {
      if (w.events > 0)
        problems.add(
          chain,
          'head',
          `The chain has ${w.events} events but no head record: the head was deleted.`,
        );
      continue;
    }
    const headSeq = Number(head.seq);
    if (headSeq === 0 && w.events === 0) continue; // an empty chain
    if (head.head_mac !== headMac(key, chain, headSeq, head.mac)) {
      problems.add(
        chain,
        'head',
        `The chain head (#${headSeq}) does not match its MAC: it was forged or edited.`,
      );
      continue;
    }
    let headEventMac: string | undefined;
    if (headSeq > w.lastSeq) {
      w.watchSeq = headSeq;
      await walk(w);
      headEventMac = w.watchedMac;
      w.watchSeq = undefined;
      if (headSeq > w.lastSeq) {
        problems.add(
          chain,
          'truncated',
          w.lastSeq === 0
            ? `The chain head records ${headSeq} events but none is left: all were deleted.`
            : `The chain head records ${headSeq} events but the chain ends at #${w.lastSeq}: ` +
                `${range(w.lastSeq + 1, headSeq)} deleted from the end.`,
          w.lastSeq + 1,
        );
        w.truncatedTo = headSeq;
        continue;
      }
    } else if (headSeq < w.lastSeq) {
      problems.add(
        chain,
        'head',
        `The chain head records ${headSeq} events but the chain goes on to #${w.lastSeq}: ` +
          `${range(headSeq + 1, w.lastSeq)} not covered by the head — inserted without the key, ` +
          'or the head was rolled back.',
        headSeq + 1,
      );
      continue;
    } else {
      headEventMac = w.lastMac;
    }
    if (headEventMac === undefined) {
      // The event at the head's seq is missing; the gap is already reported.
    } else if (headEventMac !== head.mac) {
      problems.add(
        chain,
        'head',
        `Event #${headSeq} is not the one the chain head recorded: the end of the chain was replaced.`,
        headSeq,
      );
    }
  }

  // ---- 2. Checkpoints: in the database, then in the file. ---------------------------------------
  // The file is read after the database: every checkpoint committed to the database was appended
  // to the file before, so a database checkpoint the file lacks means the file lost lines.
  const truncations = new Map<string, Checkpoint>();
  const dbMax = new Map<string, Checkpoint>();
  const fileMax = new Map<string, number>();

  /** Checks a checkpoint's own MAC and notes the highest valid one per chain and source. */
  const authentic = (cp: Checkpoint): boolean => {
    if (cp.checkpointMac !== checkpointMac(key, cp.chain, cp.seq, cp.mac, cp.createdAt)) {
      problems.add(
        cp.chain,
        'checkpoint',
        `${capitalise(describe(cp.source))} does not match its MAC: it was forged or edited.`,
        cp.seq,
      );
      return false;
    }
    if (cp.source.kind === 'db') {
      if ((dbMax.get(cp.chain)?.seq ?? 0) < cp.seq) dbMax.set(cp.chain, cp);
    } else {
      fileMax.set(cp.chain, Math.max(fileMax.get(cp.chain) ?? 0, cp.seq));
    }
    return true;
  };

  /** Compares authentic checkpoints with the events they recorded, one query per chain. */
  const checkBatch = async (batch: Checkpoint[]) => {
    const byChain = new Map<string, Checkpoint[]>();
    for (const cp of batch) {
      const list = byChain.get(cp.chain) ?? [];
      list.push(cp);
      byChain.set(cp.chain, list);
    }
    for (const [chain, list] of byChain) {
      const found = new Map<number, string>();
      for (const row of await eventMacsAt(db, chain, [...new Set(list.map((cp) => cp.seq))]))
        found.set(Number(row.seq), row.mac);
      const lastSeq = walks.get(chain)?.lastSeq ?? 0;
      for (const cp of list) {
        const mac = found.get(cp.seq);
        if (mac === undefined) {
          // Missing inside the walked chain is a gap, already reported; past its end, a truncation.
          if (cp.seq > lastSeq && (truncations.get(chain)?.seq ?? 0) < cp.seq) truncations.set(chain, cp);
        } else if (mac !== cp.mac) {
          problems.add(
            chain,
            'checkpoint',
            `Event #${cp.seq} is not the one ${describe(cp.source)} (${cp.createdAt}) recorded: ` +
              'the chain was rewritten at or before this point.',
            cp.seq,
          );
        }
      }
    }
  };

  let dbCheckpoints = 0;
  for (let afterId: string | null = null; ; ) {
    const page = await checkpointsPage(db, afterId, pageSize);
    dbCheckpoints += page.length;
    await checkBatch(
      page
        .map((r) => ({
          chain: r.chain,
          seq: Number(r.seq),
          mac: r.mac,
          createdAt: r.created_at,
          checkpointMac: r.checkpoint_mac,
          source: { kind: 'db', id: r.id } as const,
        }))
        .filter(authentic),
    );
    if (page.length < pageSize) break;
    afterId = page[page.length - 1]!.id;
  }

  const fileExists = await stat(opts.checkpointFile).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
  if (fileExists) {
    const lines = createInterface({
      input: createReadStream(opts.checkpointFile, 'utf8'),
      crlfDelay: Infinity,
    });
    let lineNo = 0;
    let batch: Checkpoint[] = [];
    for await (const text of lines) {
      lineNo++;
      if (text.trim() === '') continue;
      const parsed = parseCheckpointLine(text);
      if (!parsed) {
        problems.add(
          '*',
          'checkpoint',
          `Line ${lineNo} of the checkpoint file is not a valid checkpoint record: the file was edited ` +
            'or damaged.',
        );
        continue;
      }
      const cp: Checkpoint = { ...parsed, source: { kind: 'file', line: lineNo } };
      if (authentic(cp)) batch.push(cp);
      if (batch.length >= pageSize) {
        await checkBatch(batch);
        batch = [];
      }
    }
    await checkBatch(batch);
    for (const [chain, cp] of [...dbMax].sort(byChain)) {
      if ((fileMax.get(chain) ?? 0) < cp.seq)
        problems.add(
          chain,
          'checkpoint',
          `The checkpoint file lacks the checkpoint of event #${cp.seq} (${cp.createdAt}) that the ` +
            'database holds: the file was truncated or replaced, or is not the file this installation writes.',
          cp.seq,
        );
    }
  } else if (dbCheckpoints > 0) {
    problems.add(
      '*',
      'checkpoint',
      `The checkpoint file ${opts.checkpointFile} is missing, but the database holds ${dbCheckpoints} ` +
        'checkpoints: the file was deleted or moved, so truncation of the chains cannot be ruled out.',
    );
  }

  for (const [chain, cp] of [...truncations].sort(byChain)) {
    const w = walks.get(chain);
    if (w?.truncatedTo !== undefined && cp.seq <= w.truncatedTo) continue; // the head showed it already
    const lastSeq = w?.lastSeq ?? 0;
    problems.add(
      chain,
      'truncated',
      lastSeq === 0
        ? `${capitalise(describe(cp.source))} (${cp.createdAt}) records event #${cp.seq} of this chain, ` +
            'but the database holds none of its events: the whole chain was deleted.'
        : `${capitalise(describe(cp.source))} (${cp.createdAt}) records event #${cp.seq}, but the chain ends ` +
            `at #${lastSeq}: ${range(lastSeq + 1, cp.seq)} deleted from the end.`,
      lastSeq + 1,
    );
  }

  const list = problems.finish();
  return { ok: list.length === 0, chains: chains.size, events, problems: list };
}

function byChain(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
