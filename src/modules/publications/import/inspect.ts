/**
 * One attachment named in the archive, checked as an upload is (commands/upload-attachment.ts): it
 * must exist, be neither empty nor over 50 MB, be a PDF, Word, Excel or image file by its content,
 * and be readable; its text is extracted for the checks. Nothing is stored here.
 */
import {
  DOCUMENT_TYPE_LABELS,
  type DocumentType,
  ExtractError,
  extractText,
  sniffType,
} from '../../checks/extract.js';
import { cleanFileName, sha256Of } from '../files.js';
import { ATTACHMENT_MAX_BYTES } from '../publications.js';
import type { AttachmentSource } from './archive.js';
import { quoted } from './problems.js';

export interface InspectedFile {
  /** The name as the row gives it (a path inside the folder or package). */
  name: string;
  /** What the public sees and downloads: the last part of the name. */
  fileName: string;
  sha256: string;
  type: DocumentType;
  size: number;
  text: string;
}

const ACCEPTED = [...new Set(Object.values(DOCUMENT_TYPE_LABELS))].join('、');

export async function inspectAttachment(
  source: AttachmentSource,
  name: string,
): Promise<InspectedFile | { error: string }> {
  const q = quoted(name);
  const found = await source.find(name);
  if (found === 'unsafe') return { error: `附件路径${q}不安全（不能含“..”或以“/”开头）` };
  if (found === 'missing') return { error: `${source.label}中没有文件${q}` };
  if (found.size === 0) return { error: `附件${q}是空文件` };
  if (found.size > ATTACHMENT_MAX_BYTES)
    return { error: `附件${q}超过${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，不能导入` };
  let bytes: Uint8Array;
  try {
    bytes = await source.read(name);
  } catch {
    return { error: `附件${q}无法读取（文件损坏或压缩方式不受支持）` };
  }
  const type = sniffType(bytes);
  if (!type) return { error: `附件${q}不是可接受的文件类型（按文件内容识别，可接受：${ACCEPTED}）` };
  let text: string;
  try {
    text = await extractText(bytes, type);
  } catch (e) {
    if (e instanceof ExtractError) return { error: `附件${q}：${e.message.replace(/。$/, '')}` };
    throw e;
  }
  return {
    name,
    fileName: cleanFileName(name) || name,
    sha256: sha256Of(bytes),
    type,
    size: bytes.length,
    text,
  };
}
