/**
 * The statutory items a catalogue column may answer, from 《中华人民共和国政府信息公开条例》
 * (国务院令第711号, 2019-05-15 施行): 第二十条 (every agency, 15 items, verbatim) and 第二十一条
 * (设区的市级、县级人民政府及其部门; 乡（镇）人民政府). Codes: '20.N', '21.city.N' (the first list
 * of 第二十一条, which covers 设区的市级 and 县级 alike) and '21.township.N'.
 */

export interface StatutoryItem {
  code: string;
  /** e.g. 第二十条第（五）项 */
  citation: string;
  /** The words of the 条例. */
  text: string;
}

const CN = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

const ARTICLE_20 = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
];

/** 第二十一条: 设区的市级、县级人民政府及其部门. */
const ARTICLE_21_CITY = ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'];

/** 第二十一条: 乡（镇）人民政府. */
const ARTICLE_21_TOWNSHIP = [
  '贯彻落实农业农村政策',
  '农田水利工程建设运营',
  '农村土地承包经营权流转',
  '宅基地使用情况审核',
  '土地征收',
  '房屋征收',
  '筹资筹劳',
  '社会救助',
];

export const STATUTORY_ITEMS: readonly StatutoryItem[] = [
  ...ARTICLE_20.map((text, i) => ({
    code: `20.${i + 1}`,
    citation: `第二十条第（${CN[i]}）项`,
    text,
  })),
  ...ARTICLE_21_CITY.map((text, i) => ({
    code: `21.city.${i + 1}`,
    citation: '第二十一条（设区的市级、县级人民政府及其部门）',
    text: `${text}方面的政府信息`,
  })),
  ...ARTICLE_21_TOWNSHIP.map((text, i) => ({
    code: `21.township.${i + 1}`,
    citation: '第二十一条（乡（镇）人民政府）',
    text: `${text}方面的政府信息`,
  })),
];

const BY_CODE = new Map(STATUTORY_ITEMS.map((s) => [s.code, s]));

export function statutoryItem(code: string | null): StatutoryItem | undefined {
  return code ? BY_CODE.get(code) : undefined;
}
