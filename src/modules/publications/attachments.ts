/** Attachments of a publication: the stored file's hash, the original name, the extracted text. */
import type { PublicationAttachmentTable } from './publications.table.js';

/** Attachments above this size are refused (bytes). */
export const ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;

export interface Attachment {
  id: string;
  publicationId: string;
  sha256: string;
  fileName: string;
  type: string;
  size: number;
  text: string;
  extractError: string | null;
  sortOrder: number;
  uploadedBy: string | null;
  uploadedAt: string;
}

export function toAttachment(r: PublicationAttachmentTable): Attachment {
  return {
    id: r.id,
    publicationId: r.publication_id,
    sha256: r.sha256,
    fileName: r.file_name,
    type: r.type,
    size: Number(r.size),
    text: r.text,
    extractError: r.extract_error,
    sortOrder: Number(r.sort_order),
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  };
}
