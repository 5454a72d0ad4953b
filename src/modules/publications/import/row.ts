/**
 * One row of the archive → the fields of a publication, its 索引号, 发布日期 and attachment names.
 * Every problem is reported (not just the first) with the column's Chinese header. Pure apart from
 * the column lookup, which the caller supplies from the agency's catalogue.
 */
import type { LegalDate } from '../../../platform/legal-date.js';
import type { PublicationFields } from '../commands/publication-input.js';
import { VALIDITY_GENRES } from '../vocabulary.js';
import { type FieldKey, labelOf } from './fields.js';
import { type Problems, quoted, type RowUnit, rowPlace } from './problems.js';
import type { SourceRow } from './source.js';
import {
  checkDocNo,
  type DocNo,
  type Read,
  readBodyFormat,
  readDate,
  readDocNo,
  readGenre,
  readKeywords,
  readTopic,
  readValidity,
  splitList,
  textToHtml,
} from './values.js';

export interface RowEnv {
  unit: RowUnit;
  agencyName: string;
  today: LegalDate;
  /** A 栏目 (slug path or name) of the agency → its id. */
  column(raw: string): Read<string>;
}

export interface RowDraft {
  line: number;
  indexNo: string;
  /** null only when the row has problems. */
  publishedOn: LegalDate | null;
  fields: PublicationFields;
  attachmentNames: string[];
}

const MAX_CHARS: Partial<Record<FieldKey, number>> = {
  indexNo: 100,
  title: 200,
  summary: 1000,
  publisherName: 100,
  body: 500_000,
};

/** The row as far as it could be read, and whether it is free of problems. */
export function readRow(row: SourceRow, env: RowEnv, problems: Problems): { ok: boolean; draft: RowDraft } {
  const where = rowPlace(env.unit, row.line);
  let ok = true;
  const fail = (key: FieldKey, message: string) => {
    ok = false;
    problems.add(where, row.line, labelOf(key), message);
  };
  const text = (key: FieldKey, required = false): string => {
    const v = (row.values[key] ?? '').trim();
    if (!v && required) fail(key, '不能为空');
    const max = MAX_CHARS[key];
    if (max && [...v].length > max) fail(key, `不能超过${max}个字`);
    return v;
  };
  function read<T>(key: FieldKey, reader: (raw: string) => Read<T>, required = false): T | null {
    const raw = text(key, required);
    if (!raw) return null;
    const r = reader(raw);
    if ('error' in r) fail(key, r.error);
    return 'value' in r ? r.value : null;
  }

  const indexNo = text('indexNo', true);
  const title = text('title', true);
  const columnId = read('column', env.column, true);
  const publishedOn = read('publishedOn', readDate, true);
  if (publishedOn && publishedOn > env.today)
    fail('publishedOn', `${quoted(publishedOn)}晚于今天，只能导入已发布的信息`);
  const writtenOn = read('writtenOn', readDate);
  const formedOn = read('formedOn', readDate);
  const attachmentNames = splitList(row.values.attachments ?? '', 'files');
  const rawBody = row.values.body ?? '';
  if ([...rawBody].length > MAX_CHARS.body!) fail('body', `不能超过${MAX_CHARS.body}个字`);
  if (!rawBody.trim() && attachmentNames.length === 0) fail('body', '正文和附件不能都为空');
  const format = readBodyFormat(row.values.bodyFormat, rawBody);
  if ('error' in format) fail('bodyFormat', format.error);
  const genre = read('genre', readGenre);
  const carriesValidity = genre !== null && VALIDITY_GENRES.includes(genre);
  let validity = read('validity', readValidity);
  if (validity && !carriesValidity) fail('validity', '只有体裁为规章或行政规范性文件的信息才填写有效性');
  if (carriesValidity) validity ??= 'effective';
  const docNo = readDocNoColumns(row, fail);
  const fields: PublicationFields = {
    title,
    summary: text('summary'),
    keywords: read('keywords', readKeywords) ?? [],
    bodyFormat: 'value' in format && format.value === 'markdown' ? 'markdown' : 'html',
    bodySource: 'value' in format && format.value === 'text' ? textToHtml(rawBody) : rawBody,
    columnId,
    docNoPrefix: docNo?.prefix ?? null,
    docNoYear: docNo?.year ?? null,
    docNoNumber: docNo?.number ?? null,
    writtenOn,
    formedOn,
    publisherName: text('publisherName') || env.agencyName,
    topic: read('topic', readTopic),
    genre,
    validity: carriesValidity ? validity : null,
    disclosureAttribute: 'proactive',
    withholdGround: null,
    withholdReason: null,
  };
  return {
    ok: ok && publishedOn !== null,
    draft: { line: row.line, indexNo, publishedOn, fields, attachmentNames },
  };
}

/** 文号 as one column, or as 代字/年份/序号; when both are given they must agree. */
function readDocNoColumns(row: SourceRow, fail: (key: FieldKey, message: string) => void): DocNo | null {
  const v = row.values;
  const whole = v.docNo?.trim() ? readDocNo(v.docNo) : null;
  if (whole && 'error' in whole) fail('docNo', whole.error);
  const parts = [v.docNoPrefix, v.docNoYear, v.docNoNumber].map((x) => x?.trim() ?? '');
  let apart: DocNo | null = null;
  if (parts.some(Boolean)) {
    const missing = (['docNoPrefix', 'docNoYear', 'docNoNumber'] as const).filter((_k, i) => !parts[i]);
    if (missing.length) fail(missing[0]!, '文号的代字、年份和序号须同时填写');
    else {
      const r = checkDocNo(parts[0]!, parts[1]!, parts[2]!);
      if ('error' in r) fail('docNoPrefix', r.error);
      else apart = r.value;
    }
  }
  const one = whole && 'value' in whole ? whole.value : null;
  if (one && apart && (one.prefix !== apart.prefix || one.year !== apart.year || one.number !== apart.number))
    fail('docNo', '与代字、年份、序号三列填写的文号不一致');
  return one ?? apart;
}
