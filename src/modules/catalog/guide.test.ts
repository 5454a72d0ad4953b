/** The 指南's problems (条例第十二条) and the contacts it publishes. */
import { describe, expect, it } from 'vitest';
import { emptyGuideFields, guideContacts, guideProblems, guideTemplate, splitContacts } from './guide.js';

describe('guide', () => {
  it('a fresh template lacks the office details 第十二条 requires, and only those', () => {
    const problems = guideProblems(guideTemplate({ name: '示例市民政局', level: 'city' }));
    expect(problems).toEqual([
      '未填写“办公地址”（政府信息公开工作机构）',
      '未填写“办公时间”（政府信息公开工作机构）',
      '未填写“联系电话”（政府信息公开工作机构）',
      '未填写“传真号码”（政府信息公开工作机构）',
      '未填写电子邮箱或网址：条例第十二条要求指南载明互联网联系方式',
    ]);
  });

  it('an empty guide also lacks every outline section', () => {
    const problems = guideProblems(emptyGuideFields());
    expect(problems).toContain('未填写“编排体系”（一、主动公开）');
    expect(problems).toContain('未填写“申请方式”（二、依申请公开）');
    expect(problems).toContain('未填写“监督方式及程序”（三、监督方式及程序）');
  });

  it('a website alone satisfies 互联网联系方式', () => {
    const f = {
      ...guideTemplate({ name: 'x', level: 'city' }),
      officeAddress: 'a',
      officeHours: 'b',
      officePhone: '0000-1',
      officeFax: '0000-2',
      officeWebsite: 'https://demo.invalid',
    };
    expect(guideProblems(f)).toEqual([]);
  });

  it('splits several numbers and addresses, and collects phone, fax and e-mail', () => {
    expect(splitContacts('0000-5550101、0000-5550102，0000-5550103转8001\n(0000) 5550104')).toEqual([
      '0000-5550101',
      '0000-5550102',
      '0000-5550103转8001',
      '(0000) 5550104',
    ]);
    const f = {
      ...emptyGuideFields(),
      officePhone: '0000-1、0000-2',
      officeFax: '0000-2',
      officeEmail: 'a@demo.invalid',
    };
    expect(guideContacts(f)).toEqual(['0000-1', '0000-2', 'a@demo.invalid']);
  });

  it('a province template does not cite 第二十一条', () => {
    expect(guideTemplate({ name: '某省民政厅', level: 'province' }).scope).not.toContain('第二十一条');
    expect(guideTemplate({ name: '某县民政局', level: 'county' }).scope).toContain('第二十一条');
  });
});
