/**
 * Files attached to a case (身份证明, 授权委托书, supporting material, the corrected application, proof of
 * delivery). The type is decided by the content (checks/sniff.ts), never by the name; sizes and counts are
 * limited. The bytes are sealed (SM4 + HMAC-SM3, bound to the attachment's id) in the applications' own
 * store, one file per attachment named by its random id (sealed-files.ts; docs/adr/0013); the row keeps the
 * plaintext's SHA-256. Each upload gets its attachment id when it is checked, so the file can be sealed for
 * its row before the row exists. Staff commands store files before the case's transaction (storeUploads),
 * so a committed row always finds its file; a refused registration may leave an unreferenced file behind.
 *
 * The online form — anonymous, at volume, and where the server may die at any moment — stages instead
 * (stageUploads): each file is sealed, written and fsynced as `<dataDir>/incoming/<owner>/<attachment id>`
 * before the transaction, and moved into the sealed store (rename, then fsync of the directory) after the
 * commit and before the answer. A staged file is never shared, so it can be removed without asking anyone:
 * on a refusal at once, after a crash by recoverStagedUploads, which promotes the staged files whose
 * attachment row committed and removes the rest — at start-up for owners that are dead, periodically for
 * anything older than 15 minutes. A submission that fails after staging settles its own files at once
 * (promote what a row references, remove the rest) unless the database became unreachable — a commit may
 * then be in doubt, so the files stay staged for the sweep; a resubmission of the same form puts the files
 * of its committed case in place (ensureStored). The store thus only ever gains files some row references;
 * only retention (intake/retention.ts) deletes from it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { sealedSize } from '../../platform/crypto/file-cipher.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/services.js';
import { DOCUMENT_TYPE_LABELS, sniffType } from '../checks/extract.js';
import { cleanFileName, filePath, sha256Of } from '../publications/files.js';
import {
  fileCipher,
  fsyncPath,
  hasSealed,
  readSealed,
  type SealedStoreConfig,
  sealedAad,
  sealedDir,
  sealedPath,
  writeSealed,
} from './sealed-files.js';

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
  /** The attachment row's id, drawn when the upload is checked: its file is sealed for it. */
  id: string;
  sha256: string;
  fileName: string;
  type: string;
  size: number;
  purpose: AttachmentPurpose;
}

/** Checks every upload (all problems at once, each naming the file) and stores the accepted bytes, sealed. */
export async function storeUploads(
  config: SealedStoreConfig,
  uploads: readonly Upload[],
): Promise<StoredUpload[]> {
  const out: StoredUpload[] = [];
  for (const c of checkUploads(uploads)) {
    await writeSealed(config, 'attachment', c.stored.id, c.bytes);
    out.push(c.stored);
  }
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
    stored: {
      id: randomUUID(),
      sha256: sha256Of(u.bytes),
      fileName,
      type,
      size: u.bytes.length,
      purpose: u.purpose,
    },
  }));
}

// ── Staging (the online form) ──

/** `<dataDir>/incoming/<pid>_<boot id>_<host>/<attachment id>`: one folder per server process. */
const INCOMING = 'incoming';
const BOOT_ID = randomUUID().replace(/-/g, '');
const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'host';
const OWNER = `${process.pid}_${BOOT_ID}_${HOST}`;
/** A staged file: sealed for the attachment row it is named after. */
const ENTRY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A staged file left by an earlier install (in clear, `<uuid>-<sha256>`): settled into files/ as it was then. */
const LEGACY_ENTRY = /^[0-9a-f-]{36}-([0-9a-f]{64})$/;
/** Staged files of a live process older than this are left over (no submission takes 15 minutes). */
export const STAGED_STALE_AFTER_MS = 15 * 60_000;

export interface StagedUploads {
  files: StoredUpload[];
  /** After the commit: moves every file into the sealed store and makes the move durable. */
  promote(): Promise<void>;
  /** After a refusal: removes the staged files. */
  discard(): Promise<void>;
  /**
   * After a failure whose outcome is known (the transaction rolled back, or committed and something after
   * it failed): promotes the files whose attachment row exists, removes the others. A failure of this check
   * leaves them staged, for recoverStagedUploads.
   */
  settle(db: Db): Promise<void>;
}

/** Checks the uploads, then seals and writes each (fsynced) to this process's staging folder. */
export async function stageUploads(
  config: SealedStoreConfig,
  uploads: readonly Upload[],
): Promise<StagedUploads> {
  const checked = checkUploads(uploads);
  const dir = path.join(config.dataDir, INCOMING, OWNER);
  const staged: { entry: string; id: string }[] = [];
  const discard = async () => {
    await Promise.all(staged.map((s) => unlink(s.entry).catch(() => {})));
    staged.length = 0;
  };
  if (checked.length > 0) {
    await mkdir(dir, { recursive: true });
    try {
      const cipher = fileCipher(config);
      for (const c of checked) {
        const entry = path.join(dir, c.stored.id);
        staged.push({ entry, id: c.stored.id });
        await cipher.sealToFile(entry, c.bytes, sealedAad('attachment', c.stored.id), { fsync: true });
      }
      await fsyncPath(dir);
    } catch (e) {
      await discard();
      throw e;
    }
  }
  const promote = async (which = staged.slice()) => {
    if (which.length === 0) return;
    const store = sealedDir(config.dataDir, 'attachment');
    await mkdir(store, { recursive: true });
    for (const s of which) await rename(s.entry, sealedPath(config.dataDir, 'attachment', s.id));
    staged.splice(0, staged.length, ...staged.filter((s) => !which.includes(s)));
    await fsyncPath(store);
  };
  return {
    files: checked.map((c) => c.stored),
    discard,
    promote: () => promote(),
    async settle(db) {
      if (staged.length === 0) return;
      const rows = await db
        .selectFrom('application_attachments')
        .select('id')
        .where(
          'id',
          'in',
          staged.map((s) => s.id),
        )
        .execute();
      const referenced = new Set(rows.map((r) => r.id));
      await promote(staged.filter((s) => referenced.has(s.id)));
      await discard();
    },
  };
}

/**
 * For a resubmission of a committed case (same content, so the same SHA-256s as its attachments): seals and
 * puts in place the file of any of its attachments that has none yet (written, fsynced, moved).
 */
export async function ensureStored(
  services: { db: Db; config: SealedStoreConfig },
  caseId: string,
  uploads: readonly Upload[],
): Promise<void> {
  const { db, config } = services;
  const rows = await db
    .selectFrom('application_attachments')
    .select(['id', 'sha256'])
    .where('case_id', '=', caseId)
    .execute();
  const bytesBySha = new Map(uploads.map((u) => [sha256Of(u.bytes), u.bytes]));
  for (const r of rows) {
    const bytes = bytesBySha.get(r.sha256);
    if (!bytes || (await hasSealed(config.dataDir, 'attachment', r.id))) continue;
    if (existsSync(filePath(config.dataDir, r.sha256))) continue; // a clear file of an earlier install
    await writeSealed(config, 'attachment', r.id, bytes);
  }
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
  /** Staged files whose attachment row committed, moved into the store. */
  promoted: number;
  /** Staged files of submissions that never committed, removed. */
  removed: number;
}

/**
 * Settles what crashed or failed submissions left in the staging area: a staged file whose attachment row
 * exists is moved into the sealed store (if it is whole: the size its row's size seals to), any other is
 * removed. Only staged files of dead processes (on this machine) or older than `staleAfterMs` are touched.
 * No key is needed: a staged file is already sealed for its row. Staged files of an earlier install (in
 * clear, named by SHA-256) go to files/ as they did then, where the legacy reading finds them.
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
    const due: { entry: string; id: string | null; legacySha: string | null }[] = [];
    for (const name of names) {
      const entry = path.join(dir, name);
      if (!dead) {
        const st = await stat(entry).catch(() => null);
        if (!st || st.mtimeMs >= staleBefore) continue;
      }
      due.push({
        entry,
        id: ENTRY.test(name) ? name : null,
        legacySha: LEGACY_ENTRY.exec(name)?.[1] ?? null,
      });
    }
    const ids = due.flatMap((d) => (d.id ? [d.id] : []));
    const sizes = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('application_attachments')
        .select(['id', 'size'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) sizes.set(r.id, Number(r.size));
    }
    const hashes = [...new Set(due.flatMap((d) => (d.legacySha ? [d.legacySha] : [])))];
    const referenced = new Set<string>();
    for (let i = 0; i < hashes.length; i += 500) {
      const rows = await db
        .selectFrom('application_attachments')
        .select('sha256')
        .where('sha256', 'in', hashes.slice(i, i + 500))
        .execute();
      for (const r of rows) referenced.add(r.sha256);
    }
    const synced = new Set<string>();
    for (const d of due) {
      const size = d.id ? sizes.get(d.id) : undefined;
      if (d.id && size !== undefined) {
        const st = await stat(d.entry).catch(() => null);
        if (st?.size === sealedSize(size)) {
          await mkdir(sealedDir(dataDir, 'attachment'), { recursive: true });
          await rename(d.entry, sealedPath(dataDir, 'attachment', d.id));
          synced.add(sealedDir(dataDir, 'attachment'));
          result.promoted++;
          continue;
        }
      } else if (d.legacySha && referenced.has(d.legacySha)) {
        const bytes = await readFile(d.entry).catch(() => null);
        if (bytes && sha256Of(bytes) === d.legacySha) {
          await mkdir(path.dirname(filePath(dataDir, d.legacySha)), { recursive: true });
          await rename(d.entry, filePath(dataDir, d.legacySha));
          synced.add(path.dirname(filePath(dataDir, d.legacySha)));
          result.promoted++;
          continue;
        }
      }
      await unlink(d.entry).catch(() => {});
      result.removed++;
    }
    for (const s of synced) await fsyncPath(s);
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
        id: f.id,
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

/**
 * The original bytes of one of the case's attachments, for a download: 404 when it is not the case's or its
 * file is gone (erased), 'refused' (「文件已损坏或被篡改，无法打开。」) when the file was altered. Access
 * control is the caller's.
 */
export async function readAttachment(
  services: { db: Db; config: SealedStoreConfig },
  caseId: string,
  attachmentId: string,
): Promise<{ fileName: string; type: string; bytes: Buffer }> {
  const row = await services.db
    .selectFrom('application_attachments')
    .select(['id', 'sha256', 'file_name', 'type'])
    .where('id', '=', attachmentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', '该附件不存在。');
  const bytes = await readSealed(services.config, 'attachment', row.id, row.sha256);
  if (!bytes) throw new AppError('not_found', '该附件的文件已不存在。');
  return { fileName: row.file_name, type: row.type, bytes };
}
