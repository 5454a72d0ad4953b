import { describe, expect, it } from 'vitest';
import {
  findEmails,
  findMobiles,
  isOfficialEmail,
  isOfficialMobile,
  nationalMobile,
  normalizeOfficialContacts,
} from './contacts.js';
import { foldWidth } from './normalize.js';

const mobiles = (text: string) => findMobiles(foldWidth(text)).map((r) => text.slice(r.start, r.end));
const emails = (text: string) => findEmails(foldWidth(text)).map((r) => text.slice(r.start, r.end));

describe('findMobiles', () => {
  it.each([
    ['联系人：王五，手机13812345678。', ['13812345678']],
    ['手机：138-1234-5678', ['138-1234-5678']],
    ['手机 138 1234 5678 （工作日）', ['138 1234 5678']],
    ['+86 13812345678', ['+86 13812345678']],
    ['+8613812345678', ['+8613812345678']],
    ['+86-138-1234-5678', ['+86-138-1234-5678']],
    ['008613812345678', ['008613812345678']],
    ['电话：19912345678、16612345678', ['19912345678', '16612345678']],
    ['13812345678/13987654321', ['13812345678', '13987654321']],
    ['全角１３８１２３４５６７８', ['１３８１２３４５６７８']],
    ['联系电话13812345678 2025年9月26日', ['13812345678']],
    ['Tel.13812345678', ['13812345678']],
  ])('finds %j', (text, expected) => {
    expect(mobiles(text)).toEqual(expected);
  });

  it.each([
    ['order number', '订单号2025092613812'],
    ['12-digit run', '编号138123456789'],
    ['11 digits not starting 13–19', '编号12812345678'],
    ['inside an ID number', '身份证号511802198506153711'],
    ['inside a bank card', '卡号6222013812345678'],
    ['inside a 20-digit serial', '序列号13812345678901234567'],
    ['a date', '日期20250926'],
    ['文号', '雅办发〔2017〕18号'],
    ['索引号', '11510100DEMO00001X/2026-00012'],
    ['landline', '电话：028-86123456'],
    ['after a landline area code', '028-13812345678'],
    ['glued to letters', 'SN13812345678A'],
    ['a fourth group', '138 1234 5678 9012'],
    ['mixed separators', '138-1234 5678'],
    ['decimal number', '3.13812345678'],
  ])('ignores %s', (_label, text) => {
    expect(mobiles(text)).toEqual([]);
  });

  it('reduces a match to its national number', () => {
    expect(nationalMobile('+86 138-1234-5678')).toBe('13812345678');
  });
});

describe('findEmails', () => {
  it.each([
    ['邮箱：zhangsan@example.cn。', ['zhangsan@example.cn']],
    ['请发送至zhang.san+gk@mail.example.gov.cn进行咨询', ['zhang.san+gk@mail.example.gov.cn']],
    ['(li_si@163.com)', ['li_si@163.com']],
    ['mailto:WangWu@Example.COM', ['WangWu@Example.COM']],
    ['全角：zhangsan＠example.cn', ['zhangsan＠example.cn']],
    ['a@b.cn, c@d.org', ['a@b.cn', 'c@d.org']],
    ['结尾句号 x@example.cn.', ['x@example.cn']],
  ])('finds %j', (text, expected) => {
    expect(emails(text)).toEqual(expected);
  });

  it.each([
    ['no domain dot', 'user@localhost'],
    ['no local part', '@example.cn'],
    ['numeric top-level domain', 'a@1.2.3.4'],
    ['a weibo handle', '@政务微博'],
  ])('ignores %s', (_label, text) => {
    expect(emails(text)).toEqual([]);
  });
});

describe('official contacts', () => {
  const official = normalizeOfficialContacts([
    '138-0000-1111',
    '+86 139 0000 2222',
    '电话：028-86123456，手机 13700003333，邮箱：GKB@Example.gov.cn',
    'xinxi@example.gov.cn',
  ]);

  it.each([
    ['13800001111', true],
    ['+86 138-0000-1111', true],
    ['13900002222', true],
    ['13700003333', true],
    ['13800001112', false],
  ])('mobile %s official: %s', (match, expected) => {
    expect(isOfficialMobile(match, official)).toBe(expected);
  });

  it.each([
    ['gkb@example.gov.cn', true],
    ['GKB@EXAMPLE.GOV.CN', true],
    ['Xinxi@example.gov.cn', true],
    ['zhangsan@example.gov.cn', false],
  ])('e-mail %s official: %s', (match, expected) => {
    expect(isOfficialEmail(match, official)).toBe(expected);
  });
});
