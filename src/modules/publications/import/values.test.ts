/** Reading the cells of an archive: dates, 文号, vocabularies by label or code, keywords, plain text bodies. */
import { describe, expect, it } from 'vitest';
import {
  readBodyFormat,
  readDate,
  readDocNo,
  readGenre,
  readKeywords,
  readTopic,
  readValidity,
  splitList,
  textToHtml,
} from './values.js';

describe('readDate', () => {
  it.each([
    ['2021-02-03', '2021-02-03'],
    ['2021/2/3', '2021-02-03'],
    ['2021.12.31', '2021-12-31'],
    ['2021年2月3日', '2021-02-03'],
    ['2021年 2月 3日', '2021-02-03'],
    ['２０２１年２月３日', '2021-02-03'],
    ['2021/2/3 0:00', '2021-02-03'],
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (raw, value) => expect(readDate(raw)).toEqual({ value }));

  it.each(['2021-02-30', '2023-02-29', '2021-13-01', '21-2-3', '2021年2月', 'yesterday'])(
    'refuses %s, quoting it',
    (raw) => expect(readDate(raw)).toEqual({ error: `“${raw}”不是有效日期` }),
  );
});

describe('readDocNo', () => {
  it.each([
    '雅办发〔2017〕18号',
    '雅办发[2017]18号',
    '雅办发(2017)18号',
    '雅办发【2017】18号',
    '雅办发［2017］18号',
    '雅办发（2017）18号',
    '雅办发〔2017〕第18号',
    '雅办发 〔2017〕 18',
  ])('%s → 雅办发 / 2017 / 18', (raw) =>
    expect(readDocNo(raw)).toEqual({ value: { prefix: '雅办发', year: 2017, number: 18 } }),
  );

  it('refuses text that is no 文号, and impossible years', () => {
    expect(readDocNo('雅办发2017年18号')).toHaveProperty('error');
    expect(readDocNo('〔2017〕18号')).toHaveProperty('error');
    expect(readDocNo('雅办发〔1900〕18号')).toEqual({ error: '文号年份“1900”无效' });
    expect(readDocNo('雅办发〔2017〕0号')).toEqual({ error: '文号序号“0”无效' });
  });
});

describe('vocabularies', () => {
  it('reads 主题分类, 体裁 and 有效性 by label or by code', () => {
    expect(readTopic('民政、扶贫、救灾')).toEqual({ value: 'civilAffairsRelief' });
    expect(readTopic('民政,扶贫,救灾')).toEqual({ value: 'civilAffairsRelief' });
    expect(readTopic('civilAffairsRelief')).toEqual({ value: 'civilAffairsRelief' });
    expect(readGenre('通知')).toEqual({ value: 'notice' });
    expect(readGenre('命令')).toEqual({ value: 'order' });
    expect(readGenre('规范性文件')).toEqual({ value: 'normativeDocument' });
    expect(readGenre('NormativeDocument')).toEqual({ value: 'normativeDocument' });
    expect(readValidity('已废止')).toEqual({ value: 'repealed' });
    expect(readValidity('expired')).toEqual({ value: 'expired' });
  });

  it('refuses unknown values, quoting them', () => {
    expect(readTopic('民生')).toEqual({ error: '“民生”不是国家主题分类中的类别' });
    expect(readGenre('便条')).toEqual({ error: '“便条”不是可选的体裁' });
    expect(readValidity('作废')).toHaveProperty('error');
  });
});

describe('lists and bodies', () => {
  it('splits keywords and file names on their separators, dropping blanks and repeats', () => {
    expect(splitList('低保；救助;低保、临时救助,  城乡，社会', 'keywords')).toEqual([
      '低保',
      '救助',
      '临时救助',
      '城乡',
      '社会',
    ]);
    expect(splitList('a.pdf；b/c.pdf|d.docx;\n', 'files')).toEqual(['a.pdf', 'b/c.pdf', 'd.docx']);
    expect(readKeywords(Array.from({ length: 11 }, (_v, i) => `词${i}`).join('、'))).toEqual({
      error: '关键词不能超过10个',
    });
  });

  it('decides the body format from the column, else from the body', () => {
    expect(readBodyFormat('Markdown', '')).toEqual({ value: 'markdown' });
    expect(readBodyFormat('纯文本', '')).toEqual({ value: 'text' });
    expect(readBodyFormat(undefined, '<p>正文</p>')).toEqual({ value: 'html' });
    expect(readBodyFormat('', '正文 a<b')).toEqual({ value: 'text' });
    expect(readBodyFormat('docx', '')).toHaveProperty('error');
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(textToHtml('第一段\r\n续行\r\n\r\n<第二段> & "引号"')).toBe(
      '<p>第一段<br>续行</p>\n<p>&lt;第二段&gt; &amp; &quot;引号&quot;</p>',
    );
  });
});
