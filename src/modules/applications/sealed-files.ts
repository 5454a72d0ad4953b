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
 * refused with 「文件已损坏或被篡改，无法打开。」 — no partial bytes, no details.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';
import { FileCipher, FileCipherError } from '../../platform/crypto/file-cipher.js';
import { AppError } from '../../platform/errors.js';
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
