import { describe, expect, it } from 'vitest';
import { T3_COLUMNS, T3_ROW_LABELS, t3ResultRowIds } from '../annual-reports/checker/model.js';
import { WITHHOLD_GROUND_LABELS, WITHHOLD_GROUNDS } from '../publications/vocabulary.js';
import {
  APPLICANT_KIND_CODES,
  APPLICANT_KINDS,
  CHANNEL_CODES,
  CHANNELS,
  CLOSURE_OUTCOMES,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  INFORMATION_FORM_LABELS,
  OUTCOME_CODES,
  OUTCOME_GROUP_LABELS,
  OUTCOMES,
  outcomeFullLabel,
  outcomeInfo,
  reportCell,
} from './codes.js';
import { chineseNumeral, formatLegalRefs } from './legal-refs.js';

const ROWS = Array.from({ length: 21 }, (_, i) => `R${i + 3}`);
const COLUMNS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];

describe('表三 cells', () => {
  const pairs = OUTCOME_CODES.flatMap((o) => APPLICANT_KIND_CODES.map((k) => [o, k] as const));

  it('there are 21 outcomes (R3–R23) and 6 applicant kinds (C1–C6)', () => {
    expect(OUTCOMES.map((o) => o.row)).toEqual(ROWS);
    expect(APPLICANT_KINDS.map((k) => k.column)).toEqual(COLUMNS);
    expect(new Set(OUTCOME_CODES).size).toBe(21);
    expect(pairs).toHaveLength(126);
  });

  it.each(pairs)('%s × %s lands in exactly one cell', (outcome, kind) => {
    const cell = reportCell(outcome, kind);
    expect(ROWS).toContain(cell.row);
    expect(COLUMNS).toContain(cell.column);
    expect(cell.row).toBe(OUTCOMES[OUTCOME_CODES.indexOf(outcome)]!.row);
    expect(cell.column).toBe(COLUMNS[APPLICANT_KIND_CODES.indexOf(kind)]);
  });

  it('the mapping is one-to-one onto R3–R23 × C1–C6: every cell is reached by exactly one pair', () => {
    const seen = new Map<string, number>();
    for (const [o, k] of pairs) {
      const c = reportCell(o, k);
      const key = `${c.row}.${c.column}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(seen.size).toBe(21 * 6);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('rows and columns are the ones the annual-report checker reads (2021 format)', () => {
    expect(t3ResultRowIds(true)).toEqual(ROWS);
    expect(APPLICANT_KINDS.map((k) => k.label)).toEqual(T3_COLUMNS.slice(0, 6));
    for (const o of OUTCOMES) {
      const printed = T3_ROW_LABELS[o.row]!;
      expect(printed.startsWith(OUTCOME_GROUP_LABELS[o.group]), o.row).toBe(true);
    }
    // Sub-rows whose printed label the checker spells in full.
    for (const o of OUTCOMES.filter((x) => /^R(5|6|7|8|9|1\d|20|23)$/.test(x.row)))
      expect(T3_ROW_LABELS[o.row]!.endsWith(o.label), o.row).toBe(true);
  });

  it('unknown codes throw', () => {
    expect(() => reportCell('withheld.nope' as never, 'person')).toThrow(RangeError);
    expect(() => reportCell('disclosed', 'alien' as never)).toThrow(RangeError);
  });
});

describe('outcomes as data', () => {
  it('groups in 表三 order, labels as printed', () => {
    expect(OUTCOMES.map((o) => o.group)).toEqual([
      'disclosed',
      'partlyDisclosed',
      ...Array(8).fill('withheld'),
      ...Array(3).fill('unavailable'),
      ...Array(5).fill('notProcessed'),
      ...Array(3).fill('otherHandling'),
    ]);
    expect(outcomeFullLabel('withheld.stateSecret')).toBe('（三）不予公开·1.属于国家秘密');
    expect(outcomeFullLabel('disclosed')).toBe('（一）予以公开');
    expect(outcomeFullLabel('partlyDisclosed')).toBe(
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    );
    expect(outcomeInfo('otherHandling.correctionOverdue').label).toBe(
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    );
  });

  it('the 不予公开 rows are the publications module’s grounds E1–E8, in order', () => {
    const withheld = OUTCOMES.filter((o) => o.group === 'withheld');
    expect(withheld.map((o) => o.withholdGround)).toEqual(WITHHOLD_GROUNDS);
    for (const o of withheld) expect(WITHHOLD_GROUND_LABELS[o.withholdGround!]).toContain(o.label.slice(2));
    expect(OUTCOMES.filter((o) => o.group !== 'withheld').every((o) => o.withholdGround === undefined)).toBe(
      true,
    );
  });

  it.each([
    ['disclosed', '《中华人民共和国政府信息公开条例》第三十六条第（一）项、第三十六条第（二）项'],
    ['partlyDisclosed', '《中华人民共和国政府信息公开条例》第三十七条'],
    ['withheld.stateSecret', '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项'],
    [
      'withheld.thirdPartyRights',
      '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项',
    ],
    ['withheld.internalAffairs', '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项'],
    ['withheld.administrativeQuery', '《中华人民共和国政府信息公开条例》第三十六条第（七）项'],
    ['unavailable.notHeld', '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第三十六条第（五）项'],
    ['unavailable.needsCreation', '《中华人民共和国政府信息公开条例》第三十八条'],
    ['notProcessed.petition', '《中华人民共和国政府信息公开条例》第三十九条第一款'],
    ['notProcessed.repeated', '《中华人民共和国政府信息公开条例》第三十六条第（六）项'],
    ['notProcessed.excessive', '《中华人民共和国政府信息公开条例》第三十五条'],
    [
      'otherHandling.feeUnpaid',
      '《中华人民共和国政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
    ],
    ['notProcessed.confirmOrReissue', ''],
    ['otherHandling.other', ''],
  ] as const)('%s rests on %s', (code, citation) => {
    expect(formatLegalRefs(outcomeInfo(code).basis)).toBe(citation);
  });

  it('outcomes without an article say why', () => {
    for (const o of OUTCOMES.filter((x) => x.basis.length === 0)) expect(o.note).toBeTruthy();
  });

  it('closures without a decision map to （六）: 逾期不补正 R21, 逾期未缴费 R22, withdrawal R23', () => {
    expect(
      Object.fromEntries(Object.entries(CLOSURE_OUTCOMES).map(([k, v]) => [k, outcomeInfo(v).row])),
    ).toEqual({ correctionOverdue: 'R21', feeUnpaid: 'R22', withdrawn: 'R23' });
  });
});

describe('applicant kinds', () => {
  it('person is C1; the five organisation kinds are 法人或其他组织', () => {
    expect(APPLICANT_KINDS.map((k) => [k.code, k.category])).toEqual([
      ['person', 'person'],
      ['business', 'organization'],
      ['research', 'organization'],
      ['nonprofit', 'organization'],
      ['legal', 'organization'],
      ['other', 'organization'],
    ]);
    expect(APPLICANT_KINDS.map((k) => k.fullLabel)).toEqual([
      '自然人',
      '法人或其他组织（商业企业）',
      '法人或其他组织（科研机构）',
      '法人或其他组织（社会公益组织）',
      '法人或其他组织（法律服务机构）',
      '法人或其他组织（其他）',
    ]);
  });
});

describe('channels and form lists', () => {
  it('each channel has its 第三十一条 receipt rule', () => {
    expect(Object.fromEntries(CHANNELS.map((c) => [c.code, c.receiptRule]))).toEqual({
      online: 'confirmed',
      email: 'confirmed',
      inPerson: 'submitted',
      mailSigned: 'signedFor',
      mailPlain: 'confirmed',
      fax: 'confirmed',
      oral: 'submitted',
    });
    expect(CHANNEL_CODES).toHaveLength(7);
    for (const c of CHANNELS) expect(formatLegalRefs(c.basis)).toContain('第三十一条');
  });

  it('the form’s closed lists', () => {
    expect(Object.values(ID_DOCUMENT_KIND_LABELS)).toEqual([
      '居民身份证',
      '护照',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
      '港澳台居民居住证',
      '外国人永久居留身份证',
      '其他',
    ]);
    expect(Object.values(INFORMATION_FORM_LABELS)).toEqual(['纸面', '电子邮件', '光盘', '磁盘']);
    expect(Object.values(DELIVERY_METHOD_LABELS)).toEqual([
      '邮寄',
      '快递',
      '电子邮件',
      '传真',
      '自行领取',
      '当场阅读、抄录',
    ]);
  });
});

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [16, '十六'],
    [20, '二十'],
    [36, '三十六'],
    [42, '四十二'],
    [56, '五十六'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [199, '一百九十九'],
  ])('%i → %s', (n, s) => {
    expect(chineseNumeral(n)).toBe(s);
  });

  it('refuses what is not an article number', () => {
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
    expect(() => chineseNumeral(200)).toThrow(RangeError);
  });
});
