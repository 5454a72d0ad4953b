/**
 * Files attached to a case (身份证明, 授权委托书, supporting material, the corrected application, proof of
 * delivery). The type is decided by the content (checks/sniff.ts), never by the name; sizes and counts are
 * limited; the bytes are stored by their SHA-256 (publications/files.ts: content-addressed, written to a
 * temporary name then renamed). Staff commands store files before the case's transaction (storeUploads), so
 * a committed row always finds its file; a refused registration may leave an unreferenced file behind.
 *
 * The online form — anonymous, at volume, and where the server may die at any moment — stages instead
 * (stageUploads): each file is written and fsynced under `<dataDir>/incoming/<owner>/` before the
 * transaction, and moved into `files/` (rename, then fsync of the directory) after the commit and before the
 * answer. A staged file is never shared, so it can be removed without asking anyone: on a refusal at once,
 * after a crash by recoverStagedUploads, which promotes the staged files a committed row references and
 * removes the rest — at start-up for owners that are dead, periodically for anything older than 15 minutes.
 * A submission that fails after staging settles its own files at once (promote what a case references,
 * remove the rest) unless the database became unreachable — a commit may then be in doubt, so the files stay
 * staged for the sweep; a resubmission of the same form puts the files of its committed case in place.
 * `files/` thus only ever gains files some row references, and nothing in it is ever deleted.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/services.js';
import { DOCUMENT_TYPE_LABELS, sniffType } from '../checks/extract.js';
import { cleanFileName, filePath, sha256Of, storeFile } from '../publications/files.js';

export const ATTACHMENT_PURPOSES = {
  identity: '身份证明',
  authorization: '授权委托书',
  supporting: '其他材料',
  correction: '补正材料',
  proof: '送达凭证',
} as const;
export type AttachmentPurpose = keyof typeof ATTACHMENT_PURPOSES;
export const ATTACHMENT_PURPOSE_CODES = Object.keys(ATTACHMENT_PURPOSES) as AttachmentPurpose[];

/** Per file and per submission (a 200 KB scan is typical; a whole application stays far below). */
export const APPLICATION_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const APPLICATION_MAX_FILES = 10;
export const APPLICATION_MAX_TOTAL_BYTES = 30 * 1024 * 1024;
/** Scans and documents; no spreadsheets, no executables, nothing unrecognised. */
const ACCEPTED = ['pdf', 'jpeg', 'png', 'doc', 'docx'] as const;

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
  purpose: AttachmentPurpose;
}

export interface StoredUpload {
  sha256: string;
  fileName: string;
  type: string;
  size: number;
  purpose: AttachmentPurpose;
}

/** Checks every upload (all problems at once, each naming the file) and stores the accepted bytes. */
export async function storeUploads(dataDir: string, uploads: readonly Upload[]): Promise<StoredUpload[]> {
  const out: StoredUpload[] = [];
  for (const c of checkUploads(uploads)) out.push({ ...c.stored, sha256: await storeFile(dataDir, c.bytes) });
  return out;
}

interface CheckedUpload {
  bytes: Uint8Array;
  stored: StoredUpload;
}

/** Type by content, sizes and counts: every problem at once, each naming the file; nothing is written. */
export function checkUploads(uploads: readonly Upload[]): CheckedUpload[] {
  const problems: { field: string; message: string }[] = [];
  if (uploads.length > APPLICATION_MAX_FILES)
    problems.push({ field: 'attachments', message: `附件不能超过${APPLICATION_MAX_FILES}个` });
  const total = uploads.reduce((n, u) => n + u.bytes.length, 0);
  if (total > APPLICATION_MAX_TOTAL_BYTES)
    problems.push({
      field: 'attachments',
      message: `附件合计不能超过${APPLICATION_MAX_TOTAL_BYTES / 1024 / 1024} MB`,
    });
  const checked: { u: Upload; fileName: string; type: string }[] = [];
  for (const [i, u] of uploads.entries()) {
    const fileName = cleanFileName(u.fileName) || `附件${i + 1}`;
    const field = `attachments.${i}`;
    if (!ATTACHMENT_PURPOSE_CODES.includes(u.purpose))
      problems.push({ field, message: `附件“${fileName}”的用途无效` });
    if (u.bytes.length === 0) problems.push({ field, message: `附件“${fileName}”是空文件` });
    else if (u.bytes.length > APPLICATION_FILE_MAX_BYTES)
      problems.push({
        field,
        message: `附件“${fileName}”超过${APPLICATION_FILE_MAX_BYTES / 1024 / 1024} MB，不能上传`,
      });
    else {
      const type = sniffType(u.bytes);
      if (!type || !(ACCEPTED as readonly string[]).includes(type))
        problems.push({
          field,
          message: `附件“${fileName}”不是可接受的文件类型（按文件内容识别，可接受：${[
            ...new Set(ACCEPTED.map((t) => DOCUMENT_TYPE_LABELS[t])),
          ].join('、')}）`,
        });
      else checked.push({ u, fileName, type });
    }
  }
  if (problems.length > 0) throw AppError.validation(problems);
  return checked.map(({ u, fileName, type }) => ({
    bytes: u.bytes,
    stored: { sha256: sha256Of(u.bytes), fileName, type, size: u.bytes.length, purpose: u.purpose },
  }));
}

// ── Staging (the online form) ──

/** `<dataDir>/incoming/<pid>_<boot id>_<host>/<uuid>-<sha256>`: one folder per server process. */
const INCOMING = 'incoming';
const BOOT_ID = randomUUID().replace(/-/g, '');
const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'host';
const OWNER = `${process.pid}_${BOOT_ID}_${HOST}`;
const ENTRY = /^[0-9a-f-]{36}-([0-9a-f]{64})$/;
/** Staged files of a live process older than this are left over (no submission takes 15 minutes). */
export const STAGED_STALE_AFTER_MS = 15 * 60_000;

export interface StagedUploads {
  files: StoredUpload[];
  /** After the commit: moves every file into files/ and makes the move durable. */
  promote(): Promise<void>;
  /** After a refusal: removes the staged files. */
  discard(): Promise<void>;
  /**
   * After a failure whose outcome is known (the transaction rolled back, or committed and something after
   * it failed): promotes the files some case references, removes the others. A failure of this check
   * leaves them staged, for recoverStagedUploads.
   */
  settle(db: Db): Promise<void>;
}

async function fsyncPath(p: string): Promise<void> {
  const h = await open(p, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Checks the uploads, then writes each (fsynced) to this process's staging folder; nothing in files/ yet. */
export async function stageUploads(dataDir: string, uploads: readonly Upload[]): Promise<StagedUploads> {
  const checked = checkUploads(uploads);
  const dir = path.join(dataDir, INCOMING, OWNER);
  const staged: { entry: string; sha256: string }[] = [];
  const discard = async () => {
    await Promise.all(staged.map((s) => unlink(s.entry).catch(() => {})));
    staged.length = 0;
  };
  if (checked.length > 0) {
    await mkdir(dir, { recursive: true });
    try {
      for (const c of checked) {
        const entry = path.join(dir, `${randomUUID()}-${c.stored.sha256}`);
        staged.push({ entry, sha256: c.stored.sha256 });
        const h = await open(entry, 'wx', 0o640);
        try {
          await h.writeFile(c.bytes);
          await h.sync();
        } finally {
          await h.close();
        }
      }
      await fsyncPath(dir);
    } catch (e) {
      await discard();
      throw e;
    }
  }
  const promote = async (which = staged.slice()) => {
    if (which.length === 0) return;
    const filesDir = path.dirname(filePath(dataDir, which[0]!.sha256));
    await mkdir(filesDir, { recursive: true });
    // Equal content is the same file: renaming over an existing copy replaces it with identical bytes.
    for (const s of which) await rename(s.entry, filePath(dataDir, s.sha256));
    staged.splice(0, staged.length, ...staged.filter((s) => !which.includes(s)));
    await fsyncPath(filesDir);
  };
  return {
    files: checked.map((c) => c.stored),
    discard,
    promote: () => promote(),
    async settle(db) {
      if (staged.length === 0) return;
      const rows = await db
        .selectFrom('application_attachments')
        .select('sha256')
        .where(
          'sha256',
          'in',
          staged.map((s) => s.sha256),
        )
        .execute();
      const referenced = new Set(rows.map((r) => r.sha256));
      await promote(staged.filter((s) => referenced.has(s.sha256)));
      await discard();
    },
  };
}

/**
 * For a resubmission of a committed case (same content, so the same SHA-256s as its attachments): puts any
 * of its files that are not in files/ yet there — written, fsynced and moved like a new submission's.
 */
export async function ensureStored(dataDir: string, uploads: readonly Upload[]): Promise<void> {
  const missing = uploads.filter((u) => !existsSync(filePath(dataDir, sha256Of(u.bytes))));
  if (missing.length === 0) return;
  await (await stageUploads(dataDir, missing)).promote();
}

function ownerIsDead(owner: string): boolean {
  const m = /^(\d+)_([0-9a-f]+)_(.+)$/.exec(owner);
  if (!m || m[3] !== HOST) return false; // another machine's (shared storage): only by age
  const pid = Number(m[1]);
  if (pid === process.pid) return m[2] !== BOOT_ID; // a recycled pid: the earlier process is gone
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'ESRCH';
  }
}

export interface RecoveryResult {
  /** Staged files a committed case references, moved into files/. */
  promoted: number;
  /** Staged files of submissions that never committed, removed. */
  removed: number;
}

/**
 * Settles what crashed or failed submissions left in the staging area: a staged file whose SHA-256 a case's
 * attachment references is moved into files/ (if its content is whole), any other is removed. Only staged
 * files of dead processes (on this machine) or older than `staleAfterMs` are touched.
 */
export async function recoverStagedUploads(
  db: Db,
  dataDir: string,
  opts: { staleAfterMs?: number; now?: number } = {},
): Promise<RecoveryResult> {
  const staleBefore = (opts.now ?? Date.now()) - (opts.staleAfterMs ?? STAGED_STALE_AFTER_MS);
  const root = path.join(dataDir, INCOMING);
  const result: RecoveryResult = { promoted: 0, removed: 0 };
  const owners = await readdir(root).catch((e: { code?: string }) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  for (const owner of owners) {
    const dir = path.join(root, owner);
    const dead = ownerIsDead(owner);
    const names = await readdir(dir).catch(() => [] as string[]);
    const due: { entry: string; sha256: string | null }[] = [];
    for (const name of names) {
      const entry = path.join(dir, name);
      if (!dead) {
        const st = await stat(entry).catch(() => null);
        if (!st || st.mtimeMs >= staleBefore) continue;
      }
      due.push({ entry, sha256: ENTRY.exec(name)?.[1] ?? null });
    }
    const hashes = [...new Set(due.flatMap((d) => (d.sha256 ? [d.sha256] : [])))];
    const referenced = new Set<string>();
    for (let i = 0; i < hashes.length; i += 500) {
      const rows = await db
        .selectFrom('application_attachments')
        .select('sha256')
        .where('sha256', 'in', hashes.slice(i, i + 500))
        .execute();
      for (const r of rows) referenced.add(r.sha256);
    }
    let promotedHere = false;
    for (const d of due) {
      if (d.sha256 && referenced.has(d.sha256)) {
        const bytes = await readFile(d.entry).catch(() => null);
        if (bytes && sha256Of(bytes) === d.sha256) {
          await mkdir(path.dirname(filePath(dataDir, d.sha256)), { recursive: true });
          await rename(d.entry, filePath(dataDir, d.sha256));
          result.promoted++;
          promotedHere = true;
          continue;
        }
      }
      await unlink(d.entry).catch(() => {});
      result.removed++;
    }
    if (promotedHere) await fsyncPath(path.join(dataDir, 'files'));
    if (dead) await rmdir(dir).catch(() => {}); // only when empty
  }
  return result;
}

export async function insertAttachments(
  trx: Transaction<Database>,
  caseId: string,
  files: readonly StoredUpload[],
  uploadedBy: string | null,
  now: string,
): Promise<void> {
  if (files.length === 0) return;
  const last = await trx
    .selectFrom('application_attachments')
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  const base = Number(last?.n ?? 0);
  await trx
    .insertInto('application_attachments')
    .values(
      files.map((f, i) => ({
        id: randomUUID(),
        case_id: caseId,
        purpose: f.purpose,
        sha256: f.sha256,
        file_name: f.fileName,
        type: f.type,
        size: f.size,
        sort_order: base + i + 1,
        uploaded_by: uploadedBy,
        uploaded_at: now,
      })),
    )
    .execute();
}
