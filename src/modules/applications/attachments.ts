/**
 * Files attached to a case (身份证明, 授权委托书, supporting material, the corrected application, proof of
 * delivery). The type is decided by the content (checks/sniff.ts), never by the name; sizes and counts are
 * limited; the bytes are stored by their SHA-256 (publications/files.ts: content-addressed, written to a
 * temporary name then renamed). Files are stored before the case's transaction, so a committed row always
 * finds its file; a refused submission may leave an unreferenced file behind, never a row without one.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { DOCUMENT_TYPE_LABELS, sniffType } from '../checks/extract.js';
import { cleanFileName, storeFile } from '../publications/files.js';

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
  const out: StoredUpload[] = [];
  for (const { u, fileName, type } of checked)
    out.push({
      sha256: await storeFile(dataDir, u.bytes),
      fileName,
      type,
      size: u.bytes.length,
      purpose: u.purpose,
    });
  return out;
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
