/**
 * What a file is, by its content (magic numbers), never by its name: an upload called 报告.pdf may
 * be anything. Zip containers are told apart by their entries (word/document.xml vs xl/workbook.xml)
 * and compound files (.doc/.xls) by the streams in their root storage.
 */
import { isCompoundFile, openCompoundFile } from './cfb.js';
import type { DocumentType } from './extract.js';
import { sniffOfficeZip } from './ooxml.js';
import { isZip } from './zip.js';

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** ISO 32000-1 §7.5.2: the header "%PDF-"; readers accept it anywhere in the first 1024 bytes. */
function isPdf(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= limit; i++) if (bytes[i] === 0x25 && ascii(bytes, i, '%PDF-')) return true;
  return false;
}

export function sniffType(bytes: Uint8Array): DocumentType | null {
  if (ascii(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp';
  if (isPdf(bytes)) return 'pdf';
  if (isZip(bytes)) return sniffOfficeZip(bytes);
  if (isCompoundFile(bytes)) return sniffCompoundFile(bytes);
  return null;
}

/**
 * WordDocument → doc, Workbook (BIFF8) or Book (BIFF5) → xls. Anything else — PowerPoint, Outlook
 * messages, and password-protected DOCX/XLSX, which Office wraps in a compound file holding an
 * EncryptedPackage stream — is null.
 */
function sniffCompoundFile(bytes: Uint8Array): DocumentType | null {
  try {
    const { streams } = openCompoundFile(bytes);
    if (streams.includes('WordDocument')) return 'doc';
    if (streams.includes('Workbook') || streams.includes('Book')) return 'xls';
  } catch {
    // a damaged compound file is not recognised
  }
  return null;
}

/** True for a password-protected Office 2007+ file (a compound file with an EncryptedPackage). */
export function isEncryptedOfficeFile(bytes: Uint8Array): boolean {
  if (!isCompoundFile(bytes)) return false;
  try {
    return openCompoundFile(bytes).streams.includes('EncryptedPackage');
  } catch {
    return false;
  }
}
