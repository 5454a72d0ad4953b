/**
 * Reading the zip container of DOCX and XLSX files (fflate, pure JavaScript). Sizes come from the
 * zip's central directory and are checked before anything is inflated, so a small "zip bomb" cannot
 * make us allocate gigabytes.
 */
import { type UnzipFileInfo, unzipSync } from 'fflate';
import { ExtractError } from './extract-error.js';

/** Most entries and total inflated bytes we are willing to read out of one document. */
export const ZIP_LIMITS = { entries: 10_000, totalBytes: 256 * 1024 * 1024 };

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/** The names of all entries, or null when the bytes are not a readable zip. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/** The entries whose name `want` accepts, inflated. Throws ExtractError for a corrupt or huge zip. */
export function readZipEntries(bytes: Uint8Array, want: (name: string) => boolean): Map<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  const filter = (file: UnzipFileInfo) => {
    entries++;
    if (!want(file.name)) return false;
    total += file.originalSize;
    if (entries > ZIP_LIMITS.entries || total > ZIP_LIMITS.totalBytes) throw new ExtractError('too_large');
    return true;
  };
  try {
    return new Map(Object.entries(unzipSync(bytes, { filter })));
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError('corrupt', undefined, { cause: error });
  }
}
