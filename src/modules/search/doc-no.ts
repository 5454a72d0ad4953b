/**
 * 文号 in search (pure): a document's 文号 parts as indexed, and a 文号 typed somewhere in a query —
 * with whatever brackets the user has at hand (〔〕 [] () 【】 （） ［］, or none) — as candidate
 * 代字, 年份 and 序号. Which candidate 代字 is meant is decided against the index
 * (search.repository.ts): 关于雅办发〔2017〕18号 is 代字 雅办发 if the index knows it.
 */
import { checkDocNo, readDocNo } from '../publications/import/values.js';
import { prepareText } from './segment.js';

export interface DocNoParts {
  prefix: string;
  year: number;
  seq: number;
}

/** A 代字 as compared: Simplified, NFKC, without spaces (so 雅辦發 and 雅办发 are one 代字). */
export function normalizeDocNoPrefix(prefix: string): string {
  return prepareText(prefix).replace(/\s+/g, '');
}

/** The parts of a stored 文号 (the version snapshot keeps it as text: 雅办发〔2017〕18号). */
export function docNoParts(docNo: string | null): DocNoParts | null {
  if (!docNo) return null;
  const read = readDocNo(prepareText(docNo));
  if (!('value' in read)) return null;
  return { prefix: normalizeDocNoPrefix(read.value.prefix), year: read.value.year, seq: read.value.number };
}

/** A 文号 found in query text, before the 代字 is resolved. */
export interface DocNoInQuery {
  /** The run of letters just before the year (with brackets: before the opening bracket). */
  run: string;
  /** Candidate 代字, longest first: the run's tails of MAX_PREFIX down to MIN_PREFIX characters. */
  prefixes: string[];
  year: number;
  /** Null when only 代字 and 年份 were typed (雅办发〔2017〕). */
  seq: number | null;
  /** The query text before the 代字 run, and after the 文号. */
  before: string;
  after: string;
}

const OPEN = '[〔\\[(（【［]';
const CLOSE = '[〕\\])）】］]';
const RUN = '([\\p{Script=Han}A-Za-z]{1,60})';
const BRACKETED = new RegExp(
  `${RUN}\\s*${OPEN}\\s*(\\d{4})\\s*${CLOSE}(?:\\s*第?\\s*(\\d{1,6})\\s*号?)?`,
  'u',
);
/** Without brackets the 序号 must end with 号 or be set apart by a space: 雅办发2017 18, 雅办发201718号. */
const BARE = new RegExp(
  `${RUN}\\s*(\\d{4})(?:\\s*第?\\s*(\\d{1,6})\\s*号|\\s+第?\\s*(\\d{1,6})(?!\\d))`,
  'u',
);
/** Shortest 代字 considered (国发, 国令). */
const MIN_PREFIX = 2;
const MAX_PREFIX = 30;

/** The first 文号 in the query, if any (the text is already Simplified and NFKC, see prepareText). */
export function findDocNo(prepared: string): DocNoInQuery | null {
  const m = BRACKETED.exec(prepared) ?? BARE.exec(prepared);
  if (!m) return null;
  const run = m[1]!;
  const chars = [...run];
  const seqText = m[3] ?? m[4];
  const checked = checkDocNo(chars.slice(-MAX_PREFIX).join(''), m[2]!, seqText ?? '1');
  if (!('value' in checked)) return null;
  const prefixes: string[] = [];
  for (let len = Math.min(chars.length, MAX_PREFIX); len >= Math.min(MIN_PREFIX, chars.length); len--)
    prefixes.push(chars.slice(chars.length - len).join(''));
  return {
    run,
    prefixes,
    year: checked.value.year,
    seq: seqText === undefined ? null : checked.value.number,
    before: prepared.slice(0, m.index),
    after: prepared.slice(m.index + m[0].length),
  };
}

/** The query text once `prefix` (one of `found.prefixes`) is taken as the 代字: the rest is words. */
export function restOfQuery(found: DocNoInQuery, prefix: string): string {
  const { run } = found;
  return `${found.before}${run.slice(0, run.length - prefix.length)} ${found.after}`;
}

/** 雅办发〔2017〕18号, or 雅办发〔2017〕 when no 序号 was given. */
export function canonicalDocNo(prefix: string, year: number, seq: number | null): string {
  return seq === null ? `${prefix}〔${year}〕` : `${prefix}〔${year}〕${seq}号`;
}
