/** 索引号 patterns as tables: what each pattern writes, and what is wrong with a bad one. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_NO_PATTERN, formatIndexNo, validateIndexNoPattern } from './index-no.js';

const parts = { code: '11510100DEMO00002X', year: 2026, month: 3, serial: 12 };

describe('formatIndexNo', () => {
  it.each([
    [DEFAULT_INDEX_NO_PATTERN, parts, '11510100DEMO00002X/2026-00012'],
    ['{code}/{YYYY}{MM}-{serial5}', parts, '11510100DEMO00002X/202603-00012'],
    ['{code}-{YYYY}-{serial3}', { ...parts, serial: 7 }, '11510100DEMO00002X-2026-007'],
    ['{code}/{YYYY}-{serial5}', { ...parts, serial: 99999 }, '11510100DEMO00002X/2026-99999'],
    ['{code}/{YYYY}-{serial5}', { ...parts, serial: 100000 }, '11510100DEMO00002X/2026-100000'],
    ['PZ{code}-1700-{YYYY}-{serial5}', { ...parts, code: '00101', serial: 59 }, 'PZ00101-1700-2026-00059'],
    [
      '{code}/{YYYY}.{MM}.{serial8}',
      { ...parts, month: 11, serial: 1 },
      '11510100DEMO00002X/2026.11.00000001',
    ],
  ])('%s → %s', (pattern, p, expected) => {
    expect(formatIndexNo(pattern, p)).toBe(expected);
  });
});

describe('validateIndexNoPattern', () => {
  it.each([
    DEFAULT_INDEX_NO_PATTERN,
    '{code}/{YYYY}{MM}-{serial5}',
    'sggz-{code}/{YYYY}-{serial3}',
    '{code}_{YYYY}_{serial8}',
  ])('accepts %s', (p) => {
    expect(validateIndexNoPattern(p)).toEqual([]);
  });

  it.each([
    ['', ['索引号规则不能为空']],
    ['{code}/{YYYY}', ['索引号规则必须包含流水号，如 {serial5}（5位流水号）']],
    [
      '{code}/{serial5}',
      ['索引号规则必须包含年份 {YYYY}：流水号每年从1重新编号，缺少年份会产生重复的索引号'],
    ],
    ['{YYYY}-{serial5}', ['索引号规则必须包含机构代码 {code}，以免与其他单位的索引号重复']],
    ['{code}/{YYYY}-{serial2}', ['索引号规则中流水号的位数须在3至8位之间（“{serial2}”）']],
    ['{code}/{YYYY}-{serial5}-{serial3}', ['索引号规则只能包含一个流水号']],
    [
      '{code}/{year}-{serial5}',
      [
        '索引号规则中的“{year}”不是可用的占位符（可用：{code}、{YYYY}、{MM}、{serial3}至{serial8}）',
        '索引号规则必须包含年份 {YYYY}：流水号每年从1重新编号，缺少年份会产生重复的索引号',
      ],
    ],
    ['{code}/{YYYY}-{serial5', ['索引号规则中的花括号“{}”没有配对']],
    ['{code}/{YYYY}年{serial5}', ['索引号规则除占位符外只能使用字母、数字和“/ - _ .”，不能含有“年”']],
  ])('refuses %j', (p, problems) => {
    const found = validateIndexNoPattern(p);
    for (const problem of problems) expect(found).toContain(problem);
    for (const problem of found) expect(problem).toContain('索引号规则');
  });
});
