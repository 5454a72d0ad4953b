/** The site settings reader: every field's format, with a Chinese message naming the field. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { conacLink, psbLink, readSiteSettings, siteDomainOf } from './site-settings.js';

/** The field errors of an input (none: []). */
function errorsOf(input: Record<string, unknown>): { field: string; message: string }[] {
  try {
    readSiteSettings(input);
    return [];
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    return err.fields;
  }
}

const messageOf = (input: Record<string, unknown>, field: string) =>
  errorsOf(input).find((e) => e.field === field)?.message;

describe('readSiteSettings', () => {
  it('accepts an empty form: every value unset', () => {
    expect(readSiteSettings({})).toEqual({
      siteName: null,
      baseUrl: null,
      siteIdCode: null,
      siteDomain: null,
      icpNo: null,
      psbNo: null,
      conacId: null,
      hostOrg: null,
      operatorOrg: null,
      contactPhone: null,
      address: null,
      footerLinks: [],
    });
  });

  it('accepts a complete, realistic set and normalises it', () => {
    const s = readSiteSettings({
      siteName: ' 示例市政府信息公开平台 ',
      baseUrl: 'https://gk.example.gov.cn/',
      siteDomain: 'GK.Example.gov.cn',
      siteIdCode: '3590000001',
      icpNo: '闽ICP备 09032658号-1',
      psbNo: '京公网安备 11010202008000号',
      conacId: 'https://bszs.conac.cn/sitename?method=show&id=0B7D5D5D9E4A0C4BE053012819AC8F0B',
      hostOrg: '示例市人民政府办公室',
      operatorOrg: '示例市大数据中心',
      contactPhone: '0591-12345678、（0591）87654321转8001',
      address: '示例市示例大道1号',
      footerLinks: '使用帮助 | /help\n\n联系我们｜https://gk.example.gov.cn/lxwm\n',
    });
    expect(s).toMatchObject({
      siteName: '示例市政府信息公开平台',
      baseUrl: 'https://gk.example.gov.cn',
      siteDomain: 'gk.example.gov.cn',
      icpNo: '闽ICP备09032658号-1',
      psbNo: '京公网安备11010202008000号',
      conacId: '0B7D5D5D9E4A0C4BE053012819AC8F0B',
      footerLinks: [
        { label: '使用帮助', url: '/help' },
        { label: '联系我们', url: 'https://gk.example.gov.cn/lxwm' },
      ],
    });
    expect(readSiteSettings({ siteIdCode: 'bm07000001' }).siteIdCode).toBe('bm07000001');
  });

  it('网站地址: https only, no query or fragment', () => {
    for (const bad of [
      'http://gk.example.gov.cn',
      'gk.example.gov.cn',
      'https://gk.example.gov.cn/?a=1',
      'https://gk.example.gov.cn/#top',
      'https://user:pw@gk.example.gov.cn',
      'javascript:alert(1)',
    ])
      expect(messageOf({ baseUrl: bad }, 'baseUrl'), bad).toMatch(/^网站地址应为以 https:\/\/ 开头的网址/);
    expect(readSiteSettings({ baseUrl: 'https://www.example.gov.cn/gk/' }).baseUrl).toBe(
      'https://www.example.gov.cn/gk',
    );
  });

  it('网站域名: a host name without scheme or path', () => {
    expect(messageOf({ siteDomain: 'https://gk.example.gov.cn' }, 'siteDomain')).toMatch(
      /^网站域名格式不正确/,
    );
    expect(messageOf({ siteDomain: 'gk.example.gov.cn/zwgk' }, 'siteDomain')).toMatch(/^网站域名/);
    expect(messageOf({ siteDomain: 'localhost' }, 'siteDomain')).toMatch(/^网站域名/);
  });

  it('网站标识码: 10 digits (or bm + 8 digits)', () => {
    for (const bad of ['359000000', '35900000011', '359000000X', 'bm0700001', '３５９００００００１'])
      expect(messageOf({ siteIdCode: bad }, 'siteIdCode'), bad).toMatch(/^网站标识码应为10位数字/);
  });

  it('ICP备案号: province, ICP备, digits, 号, optional -N', () => {
    for (const ok of ['闽ICP备09032658号', '陕ICP备12345678号-1', '京ICP备05070218号-25'])
      expect(messageOf({ icpNo: ok }, 'icpNo'), ok).toBeUndefined();
    for (const bad of [
      'ICP备09032658号',
      '闽ICP09032658号',
      '闽ICP备09032658',
      '示ICP备09032658号',
      '闽ICP证030173号',
    ])
      expect(messageOf({ icpNo: bad }, 'icpNo'), bad).toMatch(
        /^ICP备案号格式不正确，应如“闽ICP备09032658号”/,
      );
  });

  it('公安备案号: province, 公网安备, 14 digits, 号', () => {
    expect(messageOf({ psbNo: '京公网安备11010202008000号' }, 'psbNo')).toBeUndefined();
    for (const bad of [
      '京公网安备1101020200800号',
      '京公安备11010202008000号',
      '11010202008000',
      '京公网安备11010202008000',
    ])
      expect(messageOf({ psbNo: bad }, 'psbNo'), bad).toMatch(/^公安备案号格式不正确/);
  });

  it('党政机关标识: the id, or a bszs.conac.cn link holding it', () => {
    expect(readSiteSettings({ conacId: 'ABC123' }).conacId).toBe('ABC123');
    expect(messageOf({ conacId: 'https://evil.example/sitename?id=ABC' }, 'conacId')).toMatch(
      /^党政机关标识应为/,
    );
    expect(messageOf({ conacId: 'abc def' }, 'conacId')).toMatch(/^党政机关标识/);
  });

  it('联系电话, lengths and control characters', () => {
    expect(messageOf({ contactPhone: '0591-1234567 或 邮箱' }, 'contactPhone')).toMatch(
      /^联系电话只能包含数字/,
    );
    expect(messageOf({ hostOrg: '办'.repeat(101) }, 'hostOrg')).toBe('主办单位不能超过100个字');
    expect(messageOf({ operatorOrg: '大数据中心\n<script>' }, 'operatorOrg')).toBe(
      '承办单位不能包含换行或控制字符',
    );
    expect(messageOf({ address: 123 }, 'address')).toBeUndefined(); // numbers are read as text
    expect(messageOf({ address: { a: 1 } }, 'address')).toBe('地址格式不正确');
    expect(messageOf({ siteName: '站'.repeat(51) }, 'siteName')).toBe('网站名称不能超过50个字');
  });

  it('底部链接: “名称 | 地址” per line, https or a site path, at most 12', () => {
    expect(messageOf({ footerLinks: '联系我们' }, 'footerLinks')).toMatch(
      /^底部链接第1行：应写作“名称 \| 地址”/,
    );
    expect(messageOf({ footerLinks: '\n联系我们 | http://gk.example.gov.cn' }, 'footerLinks')).toBe(
      '底部链接第2行：地址应以 https:// 开头，或是本站以“/”开头的路径',
    );
    expect(messageOf({ footerLinks: 'x | javascript:alert(1)' }, 'footerLinks')).toMatch(
      /^底部链接第1行：地址/,
    );
    expect(messageOf({ footerLinks: 'x | //evil.example/' }, 'footerLinks')).toMatch(/^底部链接第1行：地址/);
    expect(messageOf({ footerLinks: ' | /help' }, 'footerLinks')).toBe('底部链接第1行：请填写链接名称');
    const many = Array.from({ length: 13 }, (_, i) => `链接${i} | /p${i}`).join('\n');
    expect(messageOf({ footerLinks: many }, 'footerLinks')).toBe('底部链接最多12个');
    expect(readSiteSettings({ footerLinks: [{ label: '帮助', url: '/help' }] }).footerLinks).toEqual([
      { label: '帮助', url: '/help' },
    ]);
    expect(messageOf({ footerLinks: [{ label: 1 }] }, 'footerLinks')).toMatch(/^底部链接第1行/);
  });

  it('reports every bad field at once', () => {
    const fields = errorsOf({ baseUrl: 'http://x.cn', siteIdCode: '1', icpNo: 'x', psbNo: 'y' }).map(
      (e) => e.field,
    );
    expect(fields).toEqual(['baseUrl', 'siteIdCode', 'icpNo', 'psbNo']);
  });
});

describe('links and derived values', () => {
  it('links the 公安备案号 by its digits and the 党政机关 标识 by its id', () => {
    expect(psbLink('京公网安备11010202008000号')).toBe(
      'https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010202008000',
    );
    expect(psbLink('not a number')).toBeNull();
    expect(conacLink('0B7D5D5D')).toBe('https://bszs.conac.cn/sitename?method=show&id=0B7D5D5D');
  });

  it('SiteDomain falls back to the base URL host', () => {
    expect(siteDomainOf({ siteDomain: null, baseUrl: 'https://gk.example.gov.cn/gk' })).toBe(
      'gk.example.gov.cn',
    );
    expect(siteDomainOf({ siteDomain: 'www.example.gov.cn', baseUrl: 'https://gk.example.gov.cn' })).toBe(
      'www.example.gov.cn',
    );
    expect(siteDomainOf({ siteDomain: null, baseUrl: null })).toBeNull();
  });
});
