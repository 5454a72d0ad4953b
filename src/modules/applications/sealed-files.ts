/**
 * The applications module's own store for files that carry an applicant's personal data, sealed with SM4 and
 * HMAC-SM3 (platform/crypto/file-cipher.ts; docs/adr/0013-application-files-encrypted.md):
 *
 *   <dataDir>/applications/attachments/<attachment id>   bound to "application_attachments:<id>"
 *   <dataDir>/applications/letters/<letter id>           bound to "application_letters:<id>" (frozen letters)
 *
 * Files are named by their row's random id — never by the plaintext's hash, so a path reveals nothing about
 * the content and equal files of two cases are two files (each erased with its case). No applicant bytes go
 * into the shared content-addressed store of publications/files.ts any more.
 *
 * Files of earlier installs stay where they were (`files/<sha256>`, in clear) and are still read: when a
 * row has no sealed file, its legacy file is read and accepted only if its SHA-256 is the row's. Every
 * read checks the plaintext against the row's SHA-256 when the row keeps one. A file that fails
 * authentication (altered, truncated, bound to another row, sealed with a key no longer configured) is
 * refused with 「文件已损坏或被篡改，无法打开。」 — no partial bytes, no details. `resealApplicationFiles` seals
 * those clear files (and deletes them once nothing needs them) and re-seals files of a previous key.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/audit/audit.js';
import {
  FILE_HEADER_LENGTH,
  FileCipher,
  FileCipherError,
  sealedHeaderOf,
} from '../../platform/crypto/file-cipher.js';
import { AppError } from '../../platform/errors.js';
import type { Db, Services } from '../../platform/services.js';
import { filePath } from '../publications/files.js';

export type SealedKind = 'attachment' | 'letter';
type KeyConfig = Pick<Config, 'personalDataKey' | 'personalDataPreviousKeys'>;
export type SealedStoreConfig = KeyConfig & Pick<Config, 'dataDir'>;

const FOLDERS: Record<SealedKind, string> = { attachment: 'attachments', letter: 'letters' };
const TABLES: Record<SealedKind, string> = {
  attachment: 'application_attachments',
  letter: 'application_letters',
};
const ID = /^[0-9A-Za-z-]{1,100}$/;

export const TAMPERED_MESSAGE = '文件已损坏或被篡改，无法打开。';

const ciphers = new Map<string, FileCipher>();

/** The file cipher of the configured personal-data keys (the current one seals, all open). */
export function fileCipher(config: KeyConfig): FileCipher {
  if (!config.personalDataKey) throw new Error('PERSONAL_DATA_KEY is not configured');
  const id = [config.personalDataKey, ...config.personalDataPreviousKeys].join(',');
  let c = ciphers.get(id);
  if (!c) {
    c = new FileCipher(config.personalDataKey, config.personalDataPreviousKeys);
    ciphers.set(id, c);
  }
  return c;
}

/** The associated data a file of this row is sealed with. */
export function sealedAad(kind: SealedKind, id: string): string {
  return `${TABLES[kind]}:${id}`;
}

export function sealedDir(dataDir: string, kind: SealedKind): string {
  return path.join(dataDir, 'applications', FOLDERS[kind]);
}

export function sealedPath(dataDir: string, kind: SealedKind, id: string): string {
  if (!ID.test(id)) throw new RangeError('not a row id');
  return path.join(sealedDir(dataDir, kind), id);
}

export async function fsyncPath(p: string): Promise<void> {
  const h = await open(p, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Seals `bytes` as the file of row `id`: written (fsynced) under a temporary name, then moved into place and
 * the folder synced — never half a file. With `exclusive`, an existing file is kept and false is returned.
 */
export async function writeSealed(
  config: SealedStoreConfig,
  kind: SealedKind,
  id: string,
  bytes: Uint8Array,
  opts: { exclusive?: boolean } = {},
): Promise<boolean> {
  const target = sealedPath(config.dataDir, kind, id);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const tmp = `${target}.${randomUUID()}.tmp`;
  try {
    await fileCipher(config).sealToFile(tmp, bytes, sealedAad(kind, id), { fsync: true });
    if (opts.exclusive) {
      try {
        await link(tmp, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    } else await rename(tmp, target);
  } finally {
    await unlink(tmp).catch(() => {});
  }
  await fsyncPath(dir);
  return true;
}

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function tampered(): AppError {
  return new AppError('refused', TAMPERED_MESSAGE);
}

/**
 * The original bytes of row `id`'s file, or null when there is none (neither sealed nor legacy).
 * `sha256` is the plaintext hash the row keeps (null when it keeps none): a sealed file whose content does
 * not match it is refused, and it names the legacy clear file of an earlier install.
 * AppError 'refused' (「文件已损坏或被篡改，无法打开。」) when the file is damaged or altered.
 */
export async function readSealed(
  config: SealedStoreConfig,
  kind: SealedKind,
  id: string,
  sha256: string | null,
): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await fileCipher(config).openFile(sealedPath(config.dataDir, kind, id), sealedAad(kind, id));
  } catch (e) {
    if (e instanceof FileCipherError) throw tampered();
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) return null;
    const legacy = await readFile(filePath(config.dataDir, sha256)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (legacy && sha256Hex(legacy) !== sha256) throw tampered();
    return legacy;
  }
  if (sha256 && sha256Hex(bytes) !== sha256) {
    bytes.fill(0);
    throw tampered();
  }
  return bytes;
}

/** Whether row `id` has its sealed file. */
export async function hasSealed(dataDir: string, kind: SealedKind, id: string): Promise<boolean> {
  try {
    await (await open(sealedPath(dataDir, kind, id), 'r')).close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** Deletes row `id`'s sealed file; false when there was none. */
export async function removeSealed(dataDir: string, kind: SealedKind, id: string): Promise<boolean> {
  try {
    await unlink(sealedPath(dataDir, kind, id));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** The key id in the header of row `id`'s sealed file; undefined when there is none, null when it is not one. */
async function sealedKeyId(
  dataDir: string,
  kind: SealedKind,
  id: string,
): Promise<string | null | undefined> {
  let h: Awaited<ReturnType<typeof open>>;
  try {
    h = await open(sealedPath(dataDir, kind, id), 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const head = Buffer.alloc(FILE_HEADER_LENGTH);
    const { bytesRead } = await h.read(head, 0, FILE_HEADER_LENGTH, 0);
    return sealedHeaderOf(head.subarray(0, bytesRead))?.keyId ?? null;
  } finally {
    await h.close();
  }
}

/**
 * Deletes the clear file `files/<sha256>` of an earlier install once nothing needs it: no publication refers
 * to its content (publications share that store), and every applications row with that content has its
 * own sealed file. False when it is kept or was not there.
 */
export async function deleteClearFileIfUnneeded(
  services: { db: Db; config: Pick<Config, 'dataDir'> },
  sha256: string,
): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
  const { db, config } = services;
  const [publication, version, attachments, letters] = await Promise.all([
    db.selectFrom('publication_attachments').select('id').where('sha256', '=', sha256).executeTakeFirst(),
    // A published version keeps its files in its snapshot after the working copy dropped them.
    db
      .selectFrom('publication_versions')
      .select('id')
      .where('snapshot_json', 'like', `%${sha256}%`)
      .executeTakeFirst(),
    db.selectFrom('application_attachments').select('id').where('sha256', '=', sha256).execute(),
    db.selectFrom('application_letters').select('id').where('file_sha256', '=', sha256).execute(),
  ]);
  if (publication || version) return false;
  for (const r of attachments) if (!(await hasSealed(config.dataDir, 'attachment', r.id))) return false;
  for (const r of letters) if (!(await hasSealed(config.dataDir, 'letter', r.id))) return false;
  try {
    await unlink(filePath(config.dataDir, sha256));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

export interface ResealResult {
  /** Clear files of an earlier install sealed for their rows. */
  sealed: number;
  /** Sealed files of a previous key sealed again with the current one. */
  resealed: number;
  /** Clear files deleted once every row using them had its sealed file. */
  clearRemoved: number;
  /** Files that did not open or did not match their row (left as they are, for a person to look at). */
  damaged: number;
}

/**
 * Maintenance, after an upgrade from an install that stored applicants' files in clear, or after a rotation
 * of PERSONAL_DATA_KEY (with the old key still in PERSONAL_DATA_PREVIOUS_KEYS): every attachment and frozen
 * letter ends up sealed with the current key, and clear copies nothing needs any more are deleted. Safe to
 * run again and while the server runs (each file is replaced by a rename; a row erased meanwhile loses the
 * file again). One platform audit event for the run, with counts only.
 */
export async function resealApplicationFiles(services: Services, actor: Actor): Promise<ResealResult> {
  const { db, config } = services;
  const cipher = fileCipher(config);
  const result: ResealResult = { sealed: 0, resealed: 0, clearRemoved: 0, damaged: 0 };
  const rows = [
    ...(await db.selectFrom('application_attachments').select(['id', 'sha256']).orderBy('id').execute()).map(
      (r) => ({ kind: 'attachment' as const, id: r.id, sha256: r.sha256 }),
    ),
    ...(
      await db
        .selectFrom('application_letters')
        .select(['id', 'file_sha256'])
        .where('file_sha256', 'is not', null)
        .orderBy('id')
        .execute()
    ).map((r) => ({ kind: 'letter' as const, id: r.id, sha256: r.file_sha256! })),
  ];
  const stillThere = async (r: (typeof rows)[number]) =>
    r.kind === 'attachment'
      ? !!(await db
          .selectFrom('application_attachments')
          .select('id')
          .where('id', '=', r.id)
          .executeTakeFirst())
      : !!(await db
          .selectFrom('application_letters')
          .select('id')
          .where('id', '=', r.id)
          .where('file_sha256', '=', r.sha256)
          .executeTakeFirst());
  const clear = new Set<string>();
  for (const r of rows) {
    const kid = await sealedKeyId(config.dataDir, r.kind, r.id);
    if (kid === cipher.keyId) continue;
    let bytes: Buffer | null;
    try {
      bytes = await readSealed(config, r.kind, r.id, r.sha256);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      result.damaged++;
      continue;
    }
    if (!bytes) continue; // neither sealed nor clear: nothing to do
    await writeSealed(config, r.kind, r.id, bytes);
    bytes.fill(0);
    if (!(await stillThere(r))) {
      await removeSealed(config.dataDir, r.kind, r.id);
      continue;
    }
    if (kid === undefined) {
      result.sealed++;
      clear.add(r.sha256);
    } else result.resealed++;
  }
  for (const sha of clear) if (await deleteClearFileIfUnneeded(services, sha)) result.clearRemoved++;
  await db.transaction().execute((trx) =>
    services.audit.record(trx, actor, {
      agencyId: null,
      action: 'application.reseal_files',
      targetType: 'personalDataKey',
      targetId: cipher.keyId,
      after: { ...result },
    }),
  );
  return result;
}
