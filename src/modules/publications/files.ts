/**
 * Attachment bytes are stored by content: `<dataDir>/files/<sha256>`. The path is derived from the
 * hash alone — never from the client's file name — so names cannot traverse directories, equal
 * files are stored once, and a published version's files stay available after the working copy
 * drops them. Publications never delete a file. The only deletions are the applications module's: its
 * retention job (applications/intake/retention.ts), which removes an erased case's clear files of earlier
 * installs that nothing needs any more, and `resealApplicationFiles` (applications/sealed-files.ts), which
 * deletes such clear files once their rows have sealed copies. Applicants' files are no longer stored here
 * (ADR 0013: they are sealed in the applications module's own store).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function filePath(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new RangeError('not a sha256 hex digest');
  return path.join(dataDir, 'files', sha256);
}

/** Stores the bytes (once) and returns their SHA-256. Written to a temporary name, then renamed: never half a file. */
export async function storeFile(dataDir: string, bytes: Uint8Array): Promise<string> {
  const sha256 = sha256Of(bytes);
  const target = filePath(dataDir, sha256);
  if (existsSync(target)) return sha256;
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomUUID()}.tmp`;
  await writeFile(tmp, bytes, { mode: 0o640 });
  await rename(tmp, target);
  return sha256;
}

export function readStoredFile(dataDir: string, sha256: string): Promise<Buffer> {
  return readFile(filePath(dataDir, sha256));
}

/** The original name for display and download: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return [...clean].slice(-200).join('');
}
