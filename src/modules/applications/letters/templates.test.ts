/** Templates without a database: defaults, placeholder checks, filling, remedies per outcome. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES } from '../codes.js';
import { LETTER_KINDS } from '../letters.js';
import {
  checkRemedyText,
  checkTemplateText,
  DEFAULT_REMEDIES,
  defaultTemplate,
  fillTemplate,
  letterKindOf,
  PLACEHOLDERS,
  placeholdersIn,
  REMEDY_EITHER,
  REMEDY_RECONSIDERATION_FIRST,
  remedyKeyOf,
  TEMPLATE_KEYS,
  templateLabel,
} from './templates.js';

describe('letter templates', () => {
  it('a default for every letter kind, every outcome and 非本机关, each valid for its kind', () => {
    expect(new Set(TEMPLATE_KEYS.map(letterKindOf))).toEqual(new Set(LETTER_KINDS));
    for (const o of OUTCOME_CODES) expect(TEMPLATE_KEYS).toContain(`reply.${o}`);
    expect(TEMPLATE_KEYS).toContain('reply.notOurs');
    expect(TEMPLATE_KEYS).toHaveLength(7 + OUTCOME_CODES.length + 1);
    for (const key of TEMPLATE_KEYS) {
      const t = defaultTemplate(key);
      expect(checkTemplateText(key, 'title', '文书标题', t.title), key).toEqual([]);
      expect(checkTemplateText(key, 'body', '文书正文', t.body), key).toEqual([]);
      expect(t.title).toContain('{{机关名称}}');
      expect(templateLabel(key)).toMatch(/[\u4e00-\u9fff]/);
    }
    // Every reply names its basis and the remedies; letters to the applicant greet the applicant.
    for (const key of TEMPLATE_KEYS.filter((k) => k.startsWith('reply.'))) {
      const body = defaultTemplate(key).body;
      expect(placeholdersIn(body), key).toEqual(expect.arrayContaining(['申请人', '法律依据', '救济途径']));
    }
    for (const key of ['opinionRequest.thirdParty', 'opinionRequest.agency'] as const)
      expect(placeholdersIn(defaultTemplate(key).body)).not.toContain('申请人');
  });

  it('each reply default has its own decision paragraph', () => {
    const decisions = TEMPLATE_KEYS.filter((k) => k.startsWith('reply.')).map(
      (k) => defaultTemplate(k).body.split('\n')[3],
    );
    expect(new Set(decisions).size).toBe(decisions.length);
  });

  it('the notices of cases closed by the clock (R21, R22): 告知书, the job’s account, basis, consequence, remedies', () => {
    for (const o of ['otherHandling.correctionOverdue', 'otherHandling.feeUnpaid'] as const) {
      const t = defaultTemplate(`reply.${o}`);
      expect(t.title).toBe('{{机关名称}}政府信息公开申请告知书（视为放弃申请）');
      const lines = t.body.split('\n');
      expect(lines[2]).toBe('{{答复内容}}');
      expect(lines[3]).toMatch(/^根据\{\{法律依据\}\}.*视为放弃申请.*本机关不再处理该政府信息公开申请。$/);
      expect(t.body).toContain('可以重新提出政府信息公开申请');
      expect(lines.indexOf('{{救济途径}}')).toBeGreaterThan(3);
      expect(t.body).not.toContain('现答复如下');
    }
    expect(defaultTemplate('reply.otherHandling.correctionOverdue').body).toContain('逾期不补正');
    expect(defaultTemplate('reply.otherHandling.feeUnpaid').body).toContain('逾期未缴纳信息处理费');
    expect(templateLabel('reply.otherHandling.feeUnpaid')).toBe(
      '视为放弃申请告知书：逾期未缴费（系统办结时自动发出）',
    );
    // The job's account goes into {{答复内容}}: a reply-only placeholder, documented as such.
    expect(PLACEHOLDERS.答复内容.description).toContain('视为放弃申请告知书');
  });

  it('refuses unknown placeholders, those of another kind, empty and unbalanced ones, naming them', () => {
    expect(checkTemplateText('receipt', 'body', '文书正文', '{{申请人}}：{{申请人姓名}}')).toEqual([
      { field: 'body', message: '文书正文中的占位符“{{申请人姓名}}”不存在，请从可用占位符中选择' },
    ]);
    expect(checkTemplateText('receipt', 'body', '文书正文', '{{补正事项}}')[0]!.message).toBe(
      '文书正文中的占位符“{{补正事项}}”不能用于受理回执',
    );
    expect(checkTemplateText('opinionRequest.thirdParty', 'body', '文书正文', '{{申请人}}')[0]!.message).toBe(
      '文书正文中的占位符“{{申请人}}”不能用于征求意见书（致第三方）',
    );
    expect(checkTemplateText('receipt', 'title', '文书标题', '{{}}回执')[0]!.message).toContain('空的占位符');
    expect(checkTemplateText('receipt', 'body', '文书正文', '{{申请编号}')[0]!.message).toContain('不完整');
    expect(checkTemplateText('receipt', 'body', '文书正文', '{{ 申请编号 }}')).toEqual([]);
  });

  it('fills placeholders; a line whose placeholders are all empty is left out', () => {
    const out = fillTemplate('{{申请人}}：\n编号{{申请编号}}\n联系电话：{{联系电话}}\n特此告知。', {
      申请人: '张三',
      申请编号: 'YSQ-1',
      联系电话: '',
    });
    expect(out).toBe('张三：\n编号YSQ-1\n特此告知。');
    // Multi-line values keep their lines.
    expect(fillTemplate('{{补正事项}}', { 补正事项: '1.甲\n2.乙' })).toBe('1.甲\n2.乙');
  });

  it('remedies: reconsideration first for 不予公开 and 部分公开, either route otherwise', () => {
    expect(REMEDY_RECONSIDERATION_FIRST).toContain('60日');
    expect(REMEDY_EITHER).toContain('60日');
    expect(REMEDY_EITHER).toContain('6个月');
    for (const o of OUTCOME_CODES) {
      const text = DEFAULT_REMEDIES[remedyKeyOf(o, false)];
      expect(text, o).toBe(
        o.startsWith('withheld.') || o === 'partlyDisclosed' ? REMEDY_RECONSIDERATION_FIRST : REMEDY_EITHER,
      );
    }
    expect(remedyKeyOf('unavailable.notHeld', true)).toBe('notOurs');
    expect(checkRemedyText('remedy.withheld', '救济途径', '向{{复议机关}}申请')).toEqual([]);
    expect(checkRemedyText('remedy.withheld', '救济途径', '{{申请人}}')[0]!.message).toContain(
      '“{{申请人}}”',
    );
  });

  it('the README lists every placeholder', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(PLACEHOLDERS)) expect(readme, name).toContain(`{{${name}}}`);
  });

  it('placeholder samples exist for the preview', () => {
    for (const [name, info] of Object.entries(PLACEHOLDERS)) expect(info.sample, name).not.toBe('');
  });
});
