/**
 * Checkpoints of the audit chains (ADR 0005).
 *
 * A head row proves "the chain had this many events, ending in this MAC" — but
 * an attacker with database access can delete the last events and put back an
 * older head row, whose head_mac is still valid. A checkpoint records the head
 * twice: in `audit_checkpoints`, and as one line appended to a file outside the
 * database. The file is the copy such an attacker cannot roll back; shipping it
 * on to WORM storage or syslog puts it out of reach of a host administrator too.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { type Clock, isoNow } from '../clock.js';
import { insertCheckpoints, latestCheckpointSeqs, listHeads } from './audit.repository.js';
import { checkpointMac, headMac } from './audit-mac.js';

/** One line of the checkpoint file (JSON, one object per line). */
export interface CheckpointLine {
  chain: string;
  seq: number;
  mac: string;
  createdAt: string;
  checkpointMac: string;
}

export interface WriteCheckpointsOptions {
  auditKey: string;
  checkpointFile: string;
  clock: Clock;
}

/**
 * Checkpoints every chain whose head advanced since its last checkpoint and
 * returns how many were written. Heads whose head_mac does not verify are
 * skipped (a forged head must not be certified); `verifyAudit` reports them.
 *
 * The file is appended (and fsynced) before the database rows are committed,
 * so every checkpoint in the database is also in the file. If the database
 * insert fails, the file holds a line the database lacks, which is harmless:
 * it certifies a real head, and the next run writes it again.
 */
export async function writeCheckpoints(db: Kysely<Database>, opts: WriteCheckpointsOptions): Promise<number> {
  const createdAt = isoNow(opts.clock);
  const [heads, latest] = await Promise.all([listHeads(db), latestCheckpointSeqs(db)]);
  const rows: Database['audit_checkpoints'][] = [];
  for (const head of heads) {
    const seq = Number(head.seq);
    if (seq <= 0) continue;
    if (head.head_mac !== headMac(opts.auditKey, head.chain, seq, head.mac)) continue;
    const last = latest.get(head.chain);
    if (last !== undefined && last >= seq) continue;
    rows.push({
      id: randomUUID(),
      chain: head.chain,
      seq,
      mac: head.mac,
      checkpoint_mac: checkpointMac(opts.auditKey, head.chain, seq, head.mac, createdAt),
      created_at: createdAt,
    });
  }
  if (rows.length === 0) return 0;
  await appendCheckpointLines(
    opts.checkpointFile,
    rows.map((r) => ({
      chain: r.chain,
      seq: r.seq,
      mac: r.mac,
      createdAt: r.created_at,
      checkpointMac: r.checkpoint_mac,
    })),
  );
  await db.transaction().execute((trx) => insertCheckpoints(trx, rows));
  return rows.length;
}

/** Appends lines to the checkpoint file, creating it and its directory if needed. */
export async function appendCheckpointLines(file: string, lines: CheckpointLine[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // 'a' = O_APPEND: every write goes to the end; nothing already written is touched.
  const handle = await open(file, 'a', 0o640);
  try {
    await handle.write(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Parses one line of the checkpoint file; null when it is not a well-formed checkpoint. */
export function parseCheckpointLine(text: string): CheckpointLine | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (
    typeof v.chain !== 'string' ||
    typeof v.seq !== 'number' ||
    !Number.isSafeInteger(v.seq) ||
    v.seq < 1 ||
    typeof v.mac !== 'string' ||
    typeof v.createdAt !== 'string' ||
    typeof v.checkpointMac !== 'string'
  )
    return null;
  return { chain: v.chain, seq: v.seq, mac: v.mac, createdAt: v.createdAt, checkpointMac: v.checkpointMac };
}
