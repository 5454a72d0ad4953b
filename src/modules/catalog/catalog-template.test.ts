/** The default tree by level: 第二十条 for everyone, 第二十一条 by level, 规章 for rule-making governments. */
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from './catalog-template.js';
import { STATUTORY_ITEMS } from './statutory.js';

const items = (level: string, kind: string) =>
  defaultTemplate({ name: '某机关', level, kind })
    .map((n) => n.statutoryItem)
    .filter((x): x is string => x !== null);
const names = (level: string, kind: string) =>
  defaultTemplate({ name: '某机关', level, kind })
    .filter((n) => n.parentKey === 'statutory')
    .map((n) => n.name);

describe('default catalogue template', () => {
  it('has the standard top-level columns with the usual addresses', () => {
    const top = defaultTemplate({ name: '示例市民政局', level: 'city', kind: 'department' }).filter(
      (n) => n.parentKey === null,
    );
    expect(top.map((n) => [n.slug, n.name, n.kind])).toEqual([
      ['zfxxgkzn', '政府信息公开指南', 'guide'],
      ['zfxxgkzd', '政府信息公开制度', 'column'],
      ['fdzdgknr', '法定主动公开内容', 'section'],
      ['zcjd', '政策解读', 'column'],
      ['zfxxgknb', '政府信息公开年报', 'column'],
      ['zfxxgksq', '政府信息公开申请', 'section'],
    ]);
  });

  it('gives every agency a column for each of the fifteen items of 第二十条', () => {
    for (const [level, kind] of [
      ['province', 'government'],
      ['city', 'department'],
      ['county', 'government'],
      ['township', 'government'],
    ] as const) {
      const found = new Set(items(level, kind).filter((i) => i.startsWith('20.')));
      expect([...found].sort()).toEqual(
        STATUTORY_ITEMS.filter((s) => s.code.startsWith('20.'))
          .map((s) => s.code)
          .sort(),
      );
    }
  });

  it('adds the 第二十一条 columns of 设区的市级、县级 governments and their departments', () => {
    for (const [level, kind] of [
      ['city', 'government'],
      ['city', 'department'],
      ['county', 'department'],
    ] as const) {
      expect(items(level, kind).filter((i) => i.startsWith('21.'))).toEqual([
        '21.city.1',
        '21.city.2',
        '21.city.3',
        '21.city.4',
        '21.city.5',
        '21.city.6',
        '21.city.7',
      ]);
    }
    expect(names('county', 'department')).toContain('治安管理');
  });

  it('adds the township list of 第二十一条 for 乡镇, and nothing of it for a province', () => {
    expect(names('township', 'government').slice(-9)).toEqual([
      '农业农村政策',
      '农田水利工程',
      '土地承包经营权流转',
      '宅基地审核',
      '土地征收',
      '房屋征收',
      '筹资筹劳',
      '社会救助',
      '其他法定公开内容',
    ]);
    expect(items('township', 'government')).not.toContain('21.city.1');
    expect(items('province', 'department').some((i) => i.startsWith('21.'))).toBe(false);
  });

  it('gives a 规章 column only to governments that make 规章', () => {
    expect(names('city', 'government')).toContain('规章');
    expect(names('province', 'government')).toContain('规章');
    expect(names('city', 'department')).not.toContain('规章');
    expect(names('county', 'government')).not.toContain('规章');
    expect(names('city', 'department')).toContain('行政规范性文件');
  });

  it('uses unique keys and unique addresses, parents before children', () => {
    const t = defaultTemplate({ name: '清河县民政局', level: 'county', kind: 'department' });
    expect(new Set(t.map((n) => n.key)).size).toBe(t.length);
    const paths = t.map((n) =>
      n.parentKey ? `${t.find((p) => p.key === n.parentKey)!.slug}/${n.slug}` : n.slug,
    );
    expect(new Set(paths).size).toBe(t.length);
    const seen = new Set<string>();
    for (const n of t) {
      if (n.parentKey) expect(seen.has(n.parentKey)).toBe(true);
      seen.add(n.key);
    }
  });

  it('prefills the application pages with the agency name', () => {
    const pages = defaultTemplate({ name: '清河县民政局', level: 'county', kind: 'department' }).filter(
      (n) => n.parentKey === 'applications',
    );
    expect(pages.map((p) => [p.slug, p.name, p.kind])).toEqual([
      ['sqxz', '申请须知', 'page'],
      ['sqlc', '申请流程', 'page'],
      ['sljg', '受理机构', 'page'],
      ['blsx', '办理时限', 'page'],
      ['sfbz', '收费标准', 'page'],
    ]);
    expect(pages[0]!.body).toContain('清河县民政局');
    expect(pages[3]!.body).toContain('20个工作日');
  });
});
