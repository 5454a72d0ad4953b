/**
 * Text of an uploaded document, for the pre-publication checks (findings.ts). Pure apart from
 * PDF.js reading its CMap files: bytes in, text out; the type comes from sniffType, never from the
 * file name. Images give '' (no OCR): a scanned page is not checked, and the caller should say so.
 */
import { openCompoundFile } from './cfb.js';
import { docText } from './doc.js';
import { ExtractError } from './extract-error.js';
import { docxText, xlsxText } from './ooxml.js';
import { pdfText } from './pdf.js';
import { isEncryptedOfficeFile } from './sniff.js';
import { xlsText } from './xls.js';

export { ExtractError, type ExtractFailure } from './extract-error.js';
export { isEncryptedOfficeFile, sniffType } from './sniff.js';

export type DocumentType = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'png' | 'jpeg' | 'gif' | 'webp';

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  pdf: 'PDF 文档',
  docx: 'Word 文档',
  doc: 'Word 97-2003 文档',
  xlsx: 'Excel 表格',
  xls: 'Excel 97-2003 表格',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
};

export const DOCUMENT_TYPE_MIME: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

export const DOCUMENT_TYPE_EXTENSIONS: Record<DocumentType, string> = {
  pdf: 'pdf',
  docx: 'docx',
  doc: 'doc',
  xlsx: 'xlsx',
  xls: 'xls',
  png: 'png',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
};

export function isImageType(type: DocumentType): boolean {
  return type === 'png' || type === 'jpeg' || type === 'gif' || type === 'webp';
}

/** Throws ExtractError for a damaged, password-protected, oversized or unsupported file. */
export async function extractText(bytes: Uint8Array, type: DocumentType): Promise<string> {
  switch (type) {
    case 'pdf':
      return pdfText(bytes);
    case 'docx':
      return guard(() => docxText(bytes), bytes);
    case 'xlsx':
      return guard(() => xlsxText(bytes), bytes);
    case 'doc':
      return guard(() => docText(openCompoundFile(bytes)), bytes);
    case 'xls':
      return guard(() => xlsText(openCompoundFile(bytes)), bytes);
    case 'png':
    case 'jpeg':
    case 'gif':
    case 'webp':
      return '';
  }
}

/** Any other failure of a parser on malformed input is a corrupt file. */
function guard(read: () => string, bytes: Uint8Array): string {
  if (isEncryptedOfficeFile(bytes)) throw new ExtractError('encrypted');
  try {
    return read();
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError('corrupt', undefined, { cause: error });
  }
}
