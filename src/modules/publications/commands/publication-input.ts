/**
 * Reading a publication's editable fields from untrusted input, with Chinese messages naming each
 * field. Fields absent from the input keep their current value (PATCH semantics), so a form or an
 * API client may send only what it changes. Completeness is checked at submission, not here:
 * a draft may be saved half-written.
 */
import type { FieldErrors } from '../../../platform/errors.js';
import { parseLegalDate } from '../../../platform/legal-date.js';
import { type Input, readChoice, readInt, readText } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import {
  ATTRIBUTES,
  BODY_FORMATS,
  GENRES,
  TOPICS,
  VALIDITIES,
  VALIDITY_GENRES,
  WITHHOLD_GROUNDS,
} from '../vocabulary.js';

export type PublicationFields = Pick<
  Publication,
  | 'title'
  | 'summary'
  | 'keywords'
  | 'bodyFormat'
  | 'bodySource'
  | 'columnId'
  | 'docNoPrefix'
  | 'docNoYear'
  | 'docNoNumber'
  | 'writtenOn'
  | 'formedOn'
  | 'publisherName'
  | 'topic'
  | 'genre'
  | 'validity'
  | 'disclosureAttribute'
  | 'withholdGround'
  | 'withholdReason'
>;

const has = (input: Input, key: string) => Object.hasOwn(input, key);

function readDate(fe: FieldErrors, input: Input, field: string, label: string) {
  const raw = readText(fe, input, field, label, { max: 10 });
  if (!raw) return null;
  const d = parseLegalDate(raw);
  if (!d) fe.add(field, `${label}应为有效日期，格式为YYYY-MM-DD`);
  return d;
}

function readKeywords(fe: FieldErrors, raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,，、;；\s]+/) : [];
  if (raw !== undefined && raw !== null && !Array.isArray(raw) && typeof raw !== 'string')
    fe.add('keywords', '关键词格式不正确');
  const words = [...new Set(list.filter((w): w is string => typeof w === 'string').map((w) => w.trim()))];
  const out = words.filter(Boolean);
  if (out.length > 10) fe.add('keywords', '关键词不能超过10个');
  if (out.some((w) => [...w].length > 20)) fe.add('keywords', '每个关键词不能超过20个字');
  return out;
}

export function readPublicationFields(
  fe: FieldErrors,
  input: Input,
  base: PublicationFields,
): PublicationFields {
  const f: PublicationFields = { ...base };
  if (has(input, 'title') || !base.title)
    f.title = readText(fe, input, 'title', '标题', { required: true, max: 200 });
  if (has(input, 'summary')) f.summary = readText(fe, input, 'summary', '内容概述', { max: 1000 });
  if (has(input, 'keywords')) f.keywords = readKeywords(fe, input.keywords);
  if (has(input, 'bodyFormat'))
    f.bodyFormat = readChoice(fe, input, 'bodyFormat', '正文格式', BODY_FORMATS) ?? base.bodyFormat;
  if (has(input, 'body')) {
    if (typeof input.body !== 'string') fe.add('body', '正文格式不正确');
    else if (input.body.length > 500_000) fe.add('body', '正文不能超过50万字');
    else f.bodySource = input.body;
  }
  if (has(input, 'columnId')) f.columnId = readText(fe, input, 'columnId', '栏目', { max: 64 }) || null;
  if (has(input, 'docNoPrefix'))
    f.docNoPrefix = readText(fe, input, 'docNoPrefix', '文号代字', { max: 30 }) || null;
  if (has(input, 'docNoYear'))
    f.docNoYear = readInt(fe, input, 'docNoYear', '文号年份', { min: 1949, max: 2199 });
  if (has(input, 'docNoNumber'))
    f.docNoNumber = readInt(fe, input, 'docNoNumber', '文号序号', { min: 1, max: 999_999 });
  const docNoParts = [f.docNoPrefix, f.docNoYear, f.docNoNumber].filter((v) => v !== null).length;
  if (docNoParts > 0 && docNoParts < 3) fe.add('docNoPrefix', '文号的代字、年份和序号须同时填写');
  if (has(input, 'writtenOn')) f.writtenOn = readDate(fe, input, 'writtenOn', '成文日期');
  if (has(input, 'formedOn')) f.formedOn = readDate(fe, input, 'formedOn', '形成（变更）日期');
  if (has(input, 'publisherName'))
    f.publisherName = readText(fe, input, 'publisherName', '发布机构', { required: true, max: 100 });
  if (has(input, 'topic')) f.topic = readChoice(fe, input, 'topic', '主题分类', TOPICS, { required: false });
  if (has(input, 'genre')) f.genre = readChoice(fe, input, 'genre', '体裁', GENRES, { required: false });
  if (has(input, 'validity'))
    f.validity = readChoice(fe, input, 'validity', '有效性', VALIDITIES, { required: false });
  const carriesValidity = f.genre !== null && VALIDITY_GENRES.includes(f.genre);
  if (!carriesValidity) f.validity = null;
  else f.validity ??= 'effective';
  if (has(input, 'disclosureAttribute'))
    f.disclosureAttribute =
      readChoice(fe, input, 'disclosureAttribute', '公开属性', ATTRIBUTES) ?? base.disclosureAttribute;
  if (has(input, 'withholdGround'))
    f.withholdGround = readChoice(fe, input, 'withholdGround', '不公开理由', WITHHOLD_GROUNDS, {
      required: false,
    });
  if (has(input, 'withholdReason'))
    f.withholdReason = readText(fe, input, 'withholdReason', '不公开的具体说明', { max: 500 }) || null;
  if (f.disclosureAttribute === 'proactive') {
    f.withholdGround = null;
    f.withholdReason = null;
  }
  return f;
}
