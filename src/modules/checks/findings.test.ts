import { describe, expect, it } from 'vitest';
import { type Finding, hasBlockingFindings, maskFindings, type ScanOptions, scanText } from './findings.js';

const OPTS: ScanOptions = {
  sensitiveWords: ['内部资料', 'ＴＯＰ'],
  officialContacts: ['028-86123456', '13800001111', 'gkb@example.gov.cn'],
  today: '2026-11-22',
};

const summary = (text: string, opts: ScanOptions = OPTS) =>
  scanText(text, opts).map((f) => [f.kind, f.severity, text.slice(f.start, f.end), f.display]);

describe('scanText', () => {
  it('reports each kind with its severity and a masked display', () => {
    const text =
      '申请人张三，身份证号11010519491231002X，银行卡号6222021234567890128，' +
      '手机138-1234-5678，邮箱zhangsan@example.cn，附内部资料一份。';
    expect(summary(text)).toEqual([
      ['idNumber', 'blocking', '11010519491231002X', '110***********002X'],
      ['bankCard', 'blocking', '6222021234567890128', '***************0128'],
      ['mobile', 'warning', '138-1234-5678', '138-****-5678'],
      ['email', 'warning', 'zhangsan@example.cn', 'z***@example.cn'],
      ['sensitiveWord', 'blocking', '内部资料', '内＊＊＊'],
    ]);
  });

  it('gives Chinese messages', () => {
    const [finding] = scanText('身份证号11010519491231002X', OPTS);
    expect(finding?.message).toMatch(/身份证/);
  });

  it('never puts the clear value in a finding', () => {
    const text = '11010519491231002X 6222021234567890128 13812345678 zhangsan@example.cn 内部资料';
    const findings = scanText(text, OPTS);
    expect(findings).toHaveLength(5);
    const serialized = JSON.stringify(findings);
    for (const clear of [
      '11010519491231002X',
      '6222021234567890128',
      '13812345678',
      'zhangsan',
      '内部资料',
    ]) {
      expect(serialized).not.toContain(clear);
    }
  });

  it('skips the agency’s own contacts', () => {
    const text =
      '咨询电话：028-86123456，13800001111，+86 138 0000 1111；邮箱：GKB@example.gov.cn；经办人手机13900002222。';
    expect(summary(text).map(([kind, , clear]) => [kind, clear])).toEqual([['mobile', '13900002222']]);
  });

  it('reports a valid ID number once, as idNumber, even if it passes Luhn', () => {
    expect(summary('510104199001010019').map(([kind]) => kind)).toEqual(['idNumber']);
  });

  it('prefers the longer e-mail over the mobile inside it', () => {
    expect(summary('13812345678@163.com').map(([kind, , clear]) => [kind, clear])).toEqual([
      ['email', '13812345678@163.com'],
    ]);
  });

  it('prefers a blocking finding over an overlapping warning', () => {
    const opts = { ...OPTS, sensitiveWords: ['secret'] };
    expect(summary('secret@example.cn', opts).map(([kind]) => kind)).toEqual(['sensitiveWord']);
  });

  it('finds sensitive words in any width and case', () => {
    expect(summary('标注top与ｔｏｐ', OPTS).map(([, , clear, display]) => [clear, display])).toEqual([
      ['top', 't＊＊'],
      ['ｔｏｐ', 't＊＊'],
    ]);
  });

  it('returns sorted, non-overlapping findings on a long mixed text', () => {
    const line = '张三 11010519491231002X 13812345678 a@b.cn 内部资料 4111 1111 1111 1111\n';
    const findings = scanText(line.repeat(500), OPTS);
    expect(findings).toHaveLength(2500);
    for (let i = 1; i < findings.length; i++) {
      expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    }
  });

  it('finds nothing in ordinary government text', () => {
    const text =
      '雅办发〔2017〕18号 索引号：11510100DEMO00001X/2026-00012 发布日期：2025-09-26（20250926）' +
      '联系电话：028-86123456 邮编610000 统一社会信用代码11510100MB0123456X 订单号202509261234567890';
    expect(scanText(text, OPTS)).toEqual([]);
  });

  it('uses today in China when no date is given', () => {
    expect(scanText('11010519491231002X', { sensitiveWords: [], officialContacts: [] })).toHaveLength(1);
  });

  it('tells whether anything blocks publication', () => {
    expect(hasBlockingFindings(scanText('手机13812345678', OPTS))).toBe(false);
    expect(hasBlockingFindings(scanText('身份证11010519491231002X', OPTS))).toBe(true);
  });
});

describe('maskFindings', () => {
  it.each([
    ['身份证号11010519491231002X。', '身份证号110***********002X。'],
    ['身份证号110105194912310021x', '身份证号110105194912310021x'],
    ['身份证号511802198506153711', '身份证号511***********3711'],
    ['卡号6222021234567890128', '卡号***************0128'],
    ['卡号 6222 0212 3456 7890 128', '卡号 **** **** **** ***0 128'],
    ['卡号 4111-1111-1111-1111', '卡号 ****-****-****-1111'],
    ['手机13812345678', '手机138****5678'],
    ['手机 +86 138-1234-5678', '手机 +86 138-****-5678'],
    ['手机１３８１２３４５６７８', '手机１３８****５６７８'],
    ['邮箱zhangsan@example.cn。', '邮箱z***@example.cn。'],
    ['邮箱a@example.cn', '邮箱***@example.cn'],
    ['附内部资料一份', '附＊＊＊＊一份'],
    ['标注ＴＯＰ级', '标注＊＊＊级'],
    ['经办：13800001111（本机关电话）', '经办：13800001111（本机关电话）'],
  ])('%s → %s', (text, masked) => {
    expect(maskFindings(text, scanText(text, OPTS))).toBe(masked);
  });

  it('masks only the findings it is given', () => {
    const text = '11010519491231002X，13812345678';
    const blockingOnly = scanText(text, OPTS).filter((f) => f.severity === 'blocking');
    expect(maskFindings(text, blockingOnly)).toBe('110***********002X，13812345678');
  });

  it('rejects findings that do not fit the text', () => {
    const bogus: Finding = {
      kind: 'mobile',
      severity: 'warning',
      start: 5,
      end: 50,
      display: '',
      message: '',
    };
    expect(() => maskFindings('short', [bogus])).toThrow(RangeError);
  });
});
