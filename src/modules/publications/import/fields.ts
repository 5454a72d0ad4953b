/**
 * The columns an archive may carry: an English key (JSON property or CSV header) and its Chinese
 * header, plus a few headers other systems export. README.md lists them for users.
 */

export const IMPORT_FIELDS = {
  indexNo: { label: '索引号', aliases: [], hint: '必填，原样保留，不能与平台上已有的索引号重复' },
  title: { label: '标题', aliases: ['信息名称', '名称'], hint: '必填，不超过200字' },
  column: {
    label: '栏目',
    aliases: ['栏目路径', '所属栏目'],
    hint: '必填，栏目路径（如 fdzdgknr/xzxk）或栏目名称',
  },
  body: { label: '正文', aliases: ['内容'], hint: '正文和附件至少填一项' },
  bodyFormat: {
    label: '正文格式',
    aliases: [],
    hint: 'markdown、html 或 text；不填时含HTML标签按 html，否则按 text',
  },
  summary: { label: '摘要', aliases: ['内容概述'], hint: '不超过1000字' },
  keywords: { label: '关键词', aliases: ['主题词'], hint: '用 ；;、, 分隔，最多10个，每个不超过20字' },
  docNo: {
    label: '文号',
    aliases: ['发文字号'],
    hint: '如 雅办发〔2017〕18号，年份两侧可用〔〕[]()【】［］（）',
  },
  docNoPrefix: { label: '代字', aliases: ['文号代字'], hint: '也可将文号分为代字、年份、序号三列填写' },
  docNoYear: { label: '年份', aliases: ['文号年份'], hint: '文号年份，四位数字' },
  docNoNumber: { label: '序号', aliases: ['文号序号'], hint: '文号序号' },
  writtenOn: { label: '成文日期', aliases: [], hint: '日期可写作 2021-02-03、2021/2/3 或 2021年2月3日' },
  formedOn: { label: '形成日期', aliases: ['形成（变更）日期', '形成(变更)日期'], hint: '日期' },
  publishedOn: { label: '发布日期', aliases: [], hint: '必填，不能晚于今天' },
  publisherName: { label: '发布机构', aliases: [], hint: '不填时为本单位名称' },
  topic: { label: '主题分类', aliases: [], hint: '国家主题分类的名称或代码' },
  genre: { label: '体裁', aliases: ['公文种类'], hint: '如 通知、规章、行政规范性文件（名称或代码）' },
  validity: {
    label: '有效性',
    aliases: [],
    hint: '仅规章、行政规范性文件：有效、已修改、已废止、失效；不填为有效',
  },
  attachments: { label: '附件', aliases: [], hint: '附件目录或附件包中的文件名（可含子目录），用 ；;| 分隔' },
} as const satisfies Record<string, { label: string; aliases: readonly string[]; hint: string }>;

export type FieldKey = keyof typeof IMPORT_FIELDS;
export const FIELD_KEYS = Object.keys(IMPORT_FIELDS) as FieldKey[];
export const REQUIRED_FIELDS: readonly FieldKey[] = ['indexNo', 'title', 'column', 'publishedOn'];

export const labelOf = (key: FieldKey): string => IMPORT_FIELDS[key].label;

/** Header cell → key: English keys ignore case; spaces and a required-marker `*` are ignored. */
const BY_NAME = new Map<string, FieldKey>(
  FIELD_KEYS.flatMap((key) => [
    [key.toLowerCase(), key] as const,
    [IMPORT_FIELDS[key].label, key] as const,
    ...IMPORT_FIELDS[key].aliases.map((a) => [a, key] as const),
  ]),
);

export function fieldOfHeader(header: string): FieldKey | null {
  const name = header.replace(/[\s\u3000*＊]/g, '');
  return BY_NAME.get(name) ?? BY_NAME.get(name.toLowerCase()) ?? null;
}

/** One row's values by key, as text (empty cells absent). */
export type RowValues = Partial<Record<FieldKey, string>>;
