/** Numbers quoted in the narrative (V8): what is read, and what is deliberately not. */
import { describe, expect, it } from 'vitest';
import { quotedNumbers } from './narrative-numbers.js';
import { readQuotedNumber } from './normalize.js';

const claims = (text: string) =>
  quotedNumbers(text)
    .map((c) => [c.kind, c.value])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('quotedNumbers', () => {
  it.each([
    ['收到依申请公开6件,全部按时限进行回复', [['received', 6]]],
    [
      '全年共新收政府信息公开申请37件,上年结转2件',
      [
        ['received', 37],
        ['carriedIn', 2],
      ],
    ],
    ['共受理政府信息公开申请共计1,234件', [['received', 1234]]],
    ['收到两件政府信息公开申请', [['received', 2]]],
    [
      '已办结36件,结转下年度继续办理3件',
      [
        ['replied', 36],
        ['carriedOut', 3],
      ],
    ],
    ['3件结转至2024年继续办理', [['carriedOut', 3]]],
    [
      '被申请行政复议2件,被提起行政诉讼1件',
      [
        ['reconsideration', 2],
        ['litigation', 1],
      ],
    ],
    [
      '行政复议和行政诉讼均为0件',
      [
        ['reconsideration', 0],
        ['litigation', 0],
      ],
    ],
    ['没有收到行政复议或投诉', [['reconsideration', 0]]],
    [
      '本年度未发生因政府信息公开工作引起的行政复议和行政诉讼',
      [
        ['reconsideration', 0],
        ['litigation', 0],
      ],
    ],
    ['行政复议十二件', [['reconsideration', 12]]],
  ])('%s', (text, expected) => {
    expect(claims(text)).toEqual([...expected].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });

  it.each([
    '在网站发布各类信息450多条,主动公开政府信息1260条',
    '通过网上信访系统处理信访案件13件',
    '收到行政复议申请后及时答复',
    '依申请公开答复率100%',
    '办理12345工单12个,全部按时办结',
    '收到投诉申请5件',
    '组织业务培训2次',
  ])('reads nothing from: %s', (text) => {
    expect(claims(text)).toEqual([]);
  });

  it('does not read across sentences', () => {
    expect(claims('收到申请。共6件')).toEqual([]);
  });
});

describe('readQuotedNumber', () => {
  it.each([
    ['6', 6],
    ['1,234', 1234],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['三十五', 35],
    ['零', 0],
    ['百', null],
  ])('%s → %s', (s, n) => {
    expect(readQuotedNumber(s)).toBe(n);
  });
});
