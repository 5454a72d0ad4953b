/**
 * Reading one cell's value as archives write it. Pure: each reader returns the value, or a Chinese
 * message saying what is wrong with the text as given.
 */
import { type LegalDate, parseLegalDate } from '../../../platform/legal-date.js';
import {
  GENRE_LABELS,
  type Genre,
  TOPIC_LABELS,
  type Topic,
  VALIDITY_LABELS,
  type Validity,
} from '../vocabulary.js';
import { quoted } from './problems.js';

export type Read<T> = { value: T } | { error: string };

/** 2021-02-03, 2021/2/3, 2021.2.3, 2021年2月3日; an Excel time after it (2021/2/3 0:00) is ignored. */
const DATE =
  /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?$/;

export function readDate(raw: string): Read<LegalDate> {
  const m = DATE.exec(raw.normalize('NFKC').trim());
  const pad = (s: string) => s.padStart(2, '0');
  const d = m ? parseLegalDate(`${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`) : null;
  return d ? { value: d } : { error: `${quoted(raw.trim())}不是有效日期` };
}

export interface DocNo {
  prefix: string;
  year: number;
  number: number;
}

const DOC_NO = /^(.+?)\s*[〔[(（【［]\s*(\d{4})\s*[〕\])）】］]\s*第?\s*(\d{1,6})\s*号?$/;

/** 雅办发〔2017〕18号, with 〔〕 [] () 【】 ［］ （） around the year; 第 and 号 optional. */
export function readDocNo(raw: string): Read<DocNo> {
  const m = DOC_NO.exec(raw.trim());
  if (!m)
    return { error: `${quoted(raw.trim())}不是有效的文号，应为“代字〔年份〕序号号”，如“雅办发〔2017〕18号”` };
  return checkDocNo(m[1]!.trim(), m[2]!, m[3]!);
}

/** The three parts given apart (代字, 年份, 序号), checked as the editor's form checks them. */
export function checkDocNo(prefix: string, year: string, number: string): Read<DocNo> {
  const y = Number(year.trim());
  const n = Number(number.trim());
  if (!prefix) return { error: '文号缺少代字' };
  if ([...prefix].length > 30) return { error: '文号代字不能超过30个字' };
  if (!/^\d{4}$/.test(year.trim()) || y < 1949 || y > 2199) return { error: `文号年份${quoted(year)}无效` };
  if (!/^\d{1,6}$/.test(number.trim()) || n < 1) return { error: `文号序号${quoted(number)}无效` };
  return { value: { prefix, year: y, number: n } };
}

/** A list cell: keywords are separated by ；;、,，, attachment names by ；;| or line breaks. */
export function splitList(raw: string, kind: 'keywords' | 'files'): string[] {
  const sep = kind === 'keywords' ? /[；;、,，]+/ : /[；;|\r\n]+/;
  return [...new Set(raw.split(sep).map((s) => s.trim()))].filter(Boolean);
}

export function readKeywords(raw: string): Read<string[]> {
  const words = splitList(raw, 'keywords');
  if (words.length > 10) return { error: '关键词不能超过10个' };
  const long = words.find((w) => [...w].length > 20);
  if (long) return { error: `关键词${quoted(long)}超过20个字` };
  return { value: words };
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[,，]/g, '、');

function lookup<K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}) {
  const map = new Map<string, K>();
  for (const [code, label] of Object.entries(labels) as [K, string][]) {
    map.set(code.toLowerCase(), code);
    map.set(squash(label), code);
  }
  for (const [alias, code] of Object.entries(extra)) map.set(squash(alias), code);
  return (raw: string): K | null => map.get(squash(raw)) ?? map.get(raw.trim().toLowerCase()) ?? null;
}

const topicOf = lookup<Topic>(TOPIC_LABELS);
const genreOf = lookup<Genre>(GENRE_LABELS, { 命令: 'order', 令: 'order', 规范性文件: 'normativeDocument' });
const validityOf = lookup<Validity>(VALIDITY_LABELS, {
  现行有效: 'effective',
  已失效: 'expired',
  废止: 'repealed',
});

export function readTopic(raw: string): Read<Topic> {
  const v = topicOf(raw);
  return v ? { value: v } : { error: `${quoted(raw.trim())}不是国家主题分类中的类别` };
}

export function readGenre(raw: string): Read<Genre> {
  const v = genreOf(raw);
  return v ? { value: v } : { error: `${quoted(raw.trim())}不是可选的体裁` };
}

export function readValidity(raw: string): Read<Validity> {
  const v = validityOf(raw);
  return v ? { value: v } : { error: `${quoted(raw.trim())}不是有效的取值，应为有效、已修改、已废止或失效` };
}

export type ImportBodyFormat = 'markdown' | 'html' | 'text';

/** markdown | html | text (纯文本); empty: HTML when the body has tags, else text. */
export function readBodyFormat(raw: string | undefined, body: string): Read<ImportBodyFormat> {
  const v = (raw ?? '').trim().toLowerCase();
  if (!v) return { value: /<\/?[a-z][a-z0-9]*[\s>/]/i.test(body) ? 'html' : 'text' };
  if (v === 'markdown' || v === 'md') return { value: 'markdown' };
  if (v === 'html') return { value: 'html' };
  if (v === 'text' || v === 'txt' || v === '纯文本' || v === '文本') return { value: 'text' };
  return { error: `${quoted(raw!.trim())}无效，应为 markdown、html 或 text` };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text as HTML: blank lines separate paragraphs, single line breaks are kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/[&<>"]/g, (c) => ESCAPES[c]!).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
