/**
 * What the public form posts, read into what the commands take: the fields (an `Input` for
 * submitOnline's readApplicant/readInformation) and the files (an `Upload` per chosen file, with its
 * purpose from the input it was chosen in). Multipart parts arrive through @fastify/multipart's
 * `attachFieldsToBody: 'keyValues'` (fields, the CSRF token among them, are in the body before the CSRF
 * check); each file part is read by `onFile` into a `FilePart`.
 *
 * Nothing here logs, and no message repeats a value the applicant typed.
 */
import { randomBytes } from 'node:crypto';
import type { FieldError } from '../../../platform/errors.js';
import type { Input } from '../../../platform/validate.js';
import {
  APPLICATION_FILE_MAX_BYTES,
  APPLICATION_MAX_FILES,
  APPLICATION_MAX_TOTAL_BYTES,
  type AttachmentPurpose,
  type Upload,
} from '../attachments.js';

/** What onFile leaves in the body for a file part. */
export interface FilePart {
  fileName: string;
  bytes: Buffer;
  /** Cut at the size limit (throwFileSizeLimit is off, so the form can say which file). */
  tooLarge: boolean;
}

/** The form's file inputs, each with the purpose its files are stored under and its label. */
export const FILE_INPUTS = [
  { name: 'identityFiles', purpose: 'identity', label: '身份证明' },
  { name: 'authorizationFiles', purpose: 'authorization', label: '授权委托书' },
  { name: 'supportingFiles', purpose: 'supporting', label: '其他材料' },
] as const satisfies readonly FileInputSpec[];

/** The corrected application's file input (申请查询 page, while 待补正). */
export const CORRECTION_FILE_INPUTS = [
  { name: 'correctionFiles', purpose: 'correction', label: '补正材料' },
] as const satisfies readonly FileInputSpec[];

export interface FileInputSpec {
  name: string;
  purpose: AttachmentPurpose;
  label: string;
}
const ALL_FILE_INPUTS: readonly FileInputSpec[] = [...FILE_INPUTS, ...CORRECTION_FILE_INPUTS];

/** Parsing limits: generous enough that the commands' own checks (count, size) give the message. */
export const MULTIPART_LIMITS = {
  fileSize: APPLICATION_FILE_MAX_BYTES,
  files: APPLICATION_MAX_FILES * 3,
  fields: 80,
  parts: 80 + APPLICATION_MAX_FILES * 3,
  fieldSize: 64 * 1024,
};
/** Route body limit for the multipart form (every file at its limit is refused later, not cut off here). */
export const FORM_BODY_LIMIT = APPLICATION_MAX_TOTAL_BYTES + APPLICATION_FILE_MAX_BYTES + 2 * 1024 * 1024;

/** A fresh idempotency key for a form being shown (submit-online.ts checks /^[A-Za-z0-9_-]{16,100}$/). */
export function newIdempotencyKey(): string {
  return randomBytes(18).toString('base64url');
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,100}$/;

function isFilePart(v: unknown): v is FilePart {
  return typeof v === 'object' && v !== null && 'bytes' in v && 'fileName' in v;
}

export interface ReadForm {
  /** Text fields only (files removed): the values to re-show and the commands' input. */
  input: Input;
  uploads: Upload[];
  /** The input each upload came from, by upload index (maps `attachments.N` errors to their input). */
  uploadInput: string[];
  /** Problems found while reading files (too large), each naming the file and its input. */
  fileErrors: FieldError[];
  /** Whether any file was chosen (the re-shown form says files must be chosen again). */
  hadFiles: boolean;
}

/**
 * Reads a parsed body (multipart key-values or urlencoded). Files are taken only from `inputs`; empty
 * file inputs are skipped.
 */
export function readForm(body: unknown, inputs: readonly FileInputSpec[] = FILE_INPUTS): ReadForm {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const input: Input = {};
  for (const [k, v] of Object.entries(raw)) {
    if (isFilePart(v) || (Array.isArray(v) && v.some(isFilePart))) continue;
    if (Buffer.isBuffer(v)) continue;
    input[k] = v;
  }
  const uploads: Upload[] = [];
  const uploadInput: string[] = [];
  const fileErrors: FieldError[] = [];
  let hadFiles = false;
  for (const f of inputs) {
    const v = raw[f.name];
    const parts = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isFilePart);
    for (const p of parts) {
      if (!p.fileName && p.bytes.length === 0) continue; // the input was left empty
      hadFiles = true;
      if (p.tooLarge) {
        fileErrors.push({
          field: f.name,
          message: `${f.label}：附件“${p.fileName || '未命名'}”超过${APPLICATION_FILE_MAX_BYTES / 1024 / 1024} MB，不能上传`,
        });
        continue;
      }
      uploads.push({ fileName: p.fileName, bytes: p.bytes, purpose: f.purpose });
      uploadInput.push(f.name);
    }
  }
  return { input, uploads, uploadInput, fileErrors, hadFiles };
}

/**
 * The commands name file problems `attachments` or `attachments.N` (N = the upload's index); on the page
 * they belong to the input the file was chosen in, prefixed with that input's label.
 */
export function placeFileErrors(
  fields: readonly FieldError[],
  uploadInput: readonly string[],
  fallback = 'supportingFiles',
): FieldError[] {
  return fields.map((e) => {
    const m = /^attachments\.(\d+)$/.exec(e.field);
    if (m) {
      const name = uploadInput[Number(m[1])];
      const input = ALL_FILE_INPUTS.find((f) => f.name === name);
      if (input) return { field: input.name, message: `${input.label}：${e.message}` };
    }
    if (e.field === 'attachments' && e.message.includes('授权委托书') && fallback === 'supportingFiles')
      return { field: 'authorizationFiles', message: e.message };
    if (e.field === 'attachments') return { field: fallback, message: e.message };
    return e;
  });
}

/** Values to re-show in the form: strings and string arrays only; secrets and keys are not echoed back. */
export function formValues(input: Input): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === '_csrf' || k === 'intent') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}
