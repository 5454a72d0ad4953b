/**
 * Automatic pre-publication checks on plain text (pure: no database, no I/O). Before an item is
 * published its text is scanned for personal data — 身份证号 and 银行卡号 block publication, mobile
 * numbers and e-mail addresses warn — and for the agency's sensitive words, which block. 条例第十五条
 * excludes 个人隐私 from disclosure unless the person consents; the checks catch the careless cases.
 *
 * Offsets are UTF-16 indices into the text as given (JavaScript string indices). Findings never
 * carry the clear value, so they can be stored, logged and shown in the audit trail.
 */
import { chinaToday } from '../../platform/legal-date.js';
import { findBankCards } from './bank-card.js';
import {
  findEmails,
  findMobiles,
  isOfficialEmail,
  isOfficialMobile,
  normalizeOfficialContacts,
} from './contacts.js';
import { findIdNumbers } from './id-number.js';
import { displayMatch, maskMatch } from './mask.js';
import { foldAsciiCase, foldWidth } from './normalize.js';
import { findSensitiveWords, prepareSensitiveWords } from './sensitive-words.js';

export type FindingKind = 'idNumber' | 'bankCard' | 'sensitiveWord' | 'mobile' | 'email';
export type Severity = 'blocking' | 'warning';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  start: number;
  end: number;
  /** the match, masked for display (never the clear value) */
  display: string;
  /** Chinese explanation */
  message: string;
}

export interface ScanOptions {
  sensitiveWords: string[];
  /** the agency's official phone/fax/e-mail (published in its 指南): not findings */
  officialContacts: string[];
  /** YYYY-MM-DD; birth dates after it are not ID numbers. Defaults to today in China. */
  today?: string;
}

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  idNumber: '身份证号',
  bankCard: '银行卡号',
  sensitiveWord: '敏感词',
  mobile: '手机号码',
  email: '电子邮箱',
};

export const FINDING_SEVERITY: Record<FindingKind, Severity> = {
  idNumber: 'blocking',
  bankCard: 'blocking',
  sensitiveWord: 'blocking',
  mobile: 'warning',
  email: 'warning',
};

const MESSAGES: Record<FindingKind, string> = {
  idNumber: '疑似居民身份证号码（校验位正确），属于个人信息，发布前须删除或遮盖。',
  bankCard: '疑似银行卡号（通过卡号校验），属于个人信息，发布前须删除或遮盖。',
  sensitiveWord: '包含本机关设定的敏感词，发布前须修改或删除。',
  mobile: '疑似个人手机号码，如非本机关公开的联系电话，请确认是否需要遮盖。',
  email: '疑似个人电子邮箱，如非本机关公开的联系邮箱，请确认是否需要遮盖。',
};

/** When two kinds claim the same characters: blocking first, then the longer match, then this order. */
const KIND_RANK: Record<FindingKind, number> = {
  idNumber: 0,
  bankCard: 1,
  sensitiveWord: 2,
  email: 3,
  mobile: 4,
};

type Candidate = { kind: FindingKind; start: number; end: number };

export function scanText(text: string, opts: ScanOptions): Finding[] {
  const today = opts.today ?? chinaToday();
  const folded = foldWidth(text);
  const official = normalizeOfficialContacts(opts.officialContacts);
  const candidates: Candidate[] = [];
  const add = (kind: FindingKind, ranges: Array<{ start: number; end: number }>) => {
    for (const r of ranges) candidates.push({ kind, start: r.start, end: r.end });
  };
  add('idNumber', findIdNumbers(folded, today));
  add('bankCard', findBankCards(folded, today));
  add('sensitiveWord', findSensitiveWords(foldAsciiCase(folded), prepareSensitiveWords(opts.sensitiveWords)));
  add(
    'mobile',
    findMobiles(folded).filter((r) => !isOfficialMobile(folded.slice(r.start, r.end), official)),
  );
  add(
    'email',
    findEmails(folded).filter((r) => !isOfficialEmail(folded.slice(r.start, r.end), official)),
  );
  return resolveOverlaps(candidates).map((c) => ({
    kind: c.kind,
    severity: FINDING_SEVERITY[c.kind],
    start: c.start,
    end: c.end,
    display: displayMatch(c.kind, folded.slice(c.start, c.end)),
    message: MESSAGES[c.kind],
  }));
}

/** Keeps the strongest candidate wherever candidates overlap; the result is sorted by start. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const severityRank = (k: FindingKind) => (FINDING_SEVERITY[k] === 'blocking' ? 0 : 1);
  const byStrength = [...candidates].sort(
    (a, b) =>
      severityRank(a.kind) - severityRank(b.kind) ||
      b.end - b.start - (a.end - a.start) ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      a.start - b.start,
  );
  const kept: Candidate[] = []; // sorted by start, never overlapping
  for (const c of byStrength) {
    const at = insertionIndex(kept, c.start);
    const before = kept[at - 1];
    const after = kept[at];
    if ((before && before.end > c.start) || (after && after.start < c.end)) continue;
    kept.splice(at, 0, c);
  }
  return kept;
}

function insertionIndex(sorted: Candidate[], start: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The text with every finding masked (身份证号 110***********1234, cards all but the last four
 * digits, mobiles 138****5678, e-mails a***@example.cn, sensitive words ＊ per character). Pass the
 * findings of scanText on this same text; pass a filtered list to mask only some. Overlapping
 * findings after the first are skipped.
 */
export function maskFindings(text: string, findings: Finding[]): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const f of ordered) {
    if (!(f.start >= 0 && f.end <= text.length && f.start < f.end)) {
      throw new RangeError(`finding ${f.start}–${f.end} is outside the text (length ${text.length})`);
    }
    if (f.start < cursor) continue;
    out += text.slice(cursor, f.start) + maskMatch(f.kind, text.slice(f.start, f.end));
    cursor = f.end;
  }
  return out + text.slice(cursor);
}

export function hasBlockingFindings(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'blocking');
}
