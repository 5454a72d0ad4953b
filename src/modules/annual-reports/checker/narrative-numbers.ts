/**
 * Numbers the narrative quotes next to the keywords that tables 三 and 四 count: 「收到依申请公开6件」,
 * 「上年结转2件」, 「办结36件」, 「结转下年度3件」, 「被申请行政复议2件」, 「没有发生行政诉讼」 (= 0). Arabic digits
 * and small Chinese numerals (两件, 十二件) are read. Sentence by sentence, so a number never jumps a 。 or ,.
 */
import { readQuotedNumber } from './normalize.js';

export type ClaimKind =
  | 'received'
  | 'carriedIn'
  | 'replied'
  | 'carriedOut'
  | 'reconsideration'
  | 'litigation';

export interface Claim {
  kind: ClaimKind;
  value: number;
  quote: string;
}

const N = '(\\d[\\d,]*|[零〇一二两三四五六七八九十]{1,3})';
const U = '(?:件|个|宗|起|份|次)';
const GAP = '[^。;,:!?\\d零〇一二两三四五六七八九十]';

const PATTERNS: [ClaimKind, RegExp][] = [
  [
    'received',
    new RegExp(
      `(?:收到|受理|接收|接到|新收)[^。;,:]{0,14}?申请(?:公开)?(?:数量)?(?:共计|共|合计|总计|为)?${N}${U}`,
      'g',
    ),
  ],
  [
    'received',
    new RegExp(
      `(?:收到|受理|接收|新收)(?:了)?(?:共|共计)?${N}${U}(?:政府信息公开|依申请公开|信息公开)?申请`,
      'g',
    ),
  ],
  ['carriedIn', new RegExp(`上一?年度?结转${GAP}{0,10}?${N}${U}`, 'g')],
  ['carriedOut', new RegExp(`结转(?:至|到)?(?:下一?年度?|下年|\\d{4}年度?)${GAP}{0,8}?${N}${U}`, 'g')],
  ['carriedOut', new RegExp(`${N}${U}${GAP}{0,8}?结转(?:至|到)?(?:下一?年|下年|\\d{4}年)`, 'g')],
  ['replied', new RegExp(`(?:答复|办结|回复|办理完毕|处理完毕)${GAP}{0,8}?${N}${U}`, 'g')],
  ['reconsideration', new RegExp(`行政复议${GAP}{0,10}?${N}${U}`, 'g')],
  ['litigation', new RegExp(`行政诉讼${GAP}{0,10}?${N}${U}`, 'g')],
];

const NONE: [ClaimKind, RegExp][] = [
  ['reconsideration', /(?:没有|未|无|不存在)(?:发生|收到|出现|涉及|被|因)?[^。;,:]{0,12}?行政复议/],
  ['litigation', /(?:没有|未|无|不存在)(?:发生|收到|出现|涉及|被|因)?[^。;,:]{0,20}?行政诉讼/],
];

/** Text about other proceedings that the keywords above would otherwise pick up. */
const NOT_APPLICATIONS = /复议|诉讼|信访|投诉|举报|提案|建议|咨询|留言|热线/;

export function quotedNumbers(narrative: string): Claim[] {
  const claims: Claim[] = [];
  const seen = new Set<string>();
  const add = (kind: ClaimKind, value: number | null, quote: string) => {
    const key = `${kind}:${value}`;
    if (value === null || seen.has(key)) return;
    seen.add(key);
    claims.push({ kind, value, quote: quote.length > 60 ? `${quote.slice(0, 60)}…` : quote });
  };
  for (const sentence of narrative.replace(/\s+/g, '').split(/[。;!?\n]/)) {
    if (sentence.length > 400 || !/复议|诉讼|申请|结转|答复|办结|回复/.test(sentence)) continue;
    const numbered = new Set<ClaimKind>();
    for (const [kind, re] of PATTERNS)
      for (const m of sentence.matchAll(re)) {
        const applications = kind !== 'reconsideration' && kind !== 'litigation';
        if (applications && NOT_APPLICATIONS.test(m[0])) continue;
        numbered.add(kind);
        add(kind, readQuotedNumber(m[1] ?? ''), m[0]);
      }
    for (const [kind, re] of NONE) {
      const m = re.exec(sentence);
      if (m && !numbered.has(kind)) add(kind, 0, m[0]);
    }
  }
  return claims;
}
