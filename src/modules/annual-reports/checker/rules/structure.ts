/**
 * V10 the 2021 format splits （六）其他处理 into R21–R23 (warning when printed as one row, and when a report
 *     on 2021 or later still uses the 2019 format);
 * V11 all six sections (第50条; the format: 「不能遗漏」): a missing 一 to 五 is a hard error, a missing 六 a
 *     warning.
 */
import { type Finding, type ParsedReport, SECTION_KEYS } from '../model.js';
import { COLUMNS, error, t3Id, warning } from './cells.js';

export function checkV10(r: ParsedReport): Finding[] {
  if (r.format === '2021' && !r.sixSplit)
    return [
      warning(
        'V10',
        '2021年格式的表三应将“（六）其他处理”分为“1.申请人无正当理由逾期不补正”“2.申请人逾期未按收费通知要求缴纳费用”“3.其他”三行，本报告只印了一行（T3.R21-23）',
        COLUMNS.map((c) => t3Id('R21-23', c)),
      ),
    ];
  if (r.format === '2019' && r.year >= 2021)
    return [
      warning(
        'V10',
        `${r.year}年度报告应使用国办公开办函〔2021〕30号规定的格式，本报告使用的是2019年格式（表二、表三（六）与现行格式不同）`,
        [],
      ),
    ];
  return [];
}

const TITLES: Record<string, string> = {
  一: '一、总体情况',
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、政府信息公开行政复议、行政诉讼情况',
  五: '五、存在的主要问题及改进情况',
  六: '六、其他需要报告的事项',
};

export function checkV11(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  for (const key of SECTION_KEYS) {
    if (r.sections[key] !== null) continue;
    const title = TITLES[key];
    out.push(
      key === '六'
        ? warning('V11', `缺少“${title}”部分（信息处理费收取情况等应在此报告；没有其他事项也应写明“无”）`, [])
        : error('V11', `缺少“${title}”部分（《条例》第五十条规定的内容不能遗漏）`, []),
    );
  }
  return out;
}
