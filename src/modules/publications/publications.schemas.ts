/** Request/response schemas of the publications API: shape validation and the OpenAPI document (Chinese descriptions). */
import { type TSchema, Type } from '@sinclair/typebox';

const str = (description: string) => Type.String({ description });
const nullable = (t: TSchema, description?: string) => Type.Union([t, Type.Null()], { description });
const nstr = (description: string) => nullable(Type.String(), description);
const loose = (description: string) =>
  Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()], { description }));

export const PublicationParams = Type.Object({ publicationId: str('信息ID') });
export const AttachmentParams = Type.Object({ publicationId: str('信息ID'), attachmentId: str('附件ID') });
export const LinkParams = Type.Object({ publicationId: str('政策解读ID'), policyId: str('政策文件ID') });
export const AgencyParams = Type.Object({ agencyId: str('单位ID') });

export const PublicationInputSchema = Type.Object(
  {
    title: Type.Optional(str('标题')),
    body: Type.Optional(str('正文（Markdown 或 HTML 源文本）')),
    bodyFormat: Type.Optional(
      Type.Union([Type.Literal('markdown'), Type.Literal('html')], { description: '正文格式' }),
    ),
    summary: Type.Optional(str('内容概述')),
    keywords: Type.Optional(
      Type.Union([Type.Array(Type.String()), Type.String()], { description: '关键词' }),
    ),
    columnId: loose('栏目ID'),
    docNoPrefix: loose('文号代字，如“雅办发”'),
    docNoYear: loose('文号年份'),
    docNoNumber: loose('文号序号'),
    writtenOn: loose('成文日期 YYYY-MM-DD'),
    formedOn: loose('形成（变更）日期 YYYY-MM-DD'),
    publisherName: Type.Optional(str('发布机构')),
    topic: loose('主题分类代码'),
    genre: loose('体裁代码'),
    validity: loose('有效性（仅规章、行政规范性文件）'),
    disclosureAttribute: loose('公开属性：proactive 主动公开 / onRequest 依申请公开 / withheld 不予公开'),
    withholdGround: loose('不公开理由 E1–E8'),
    withholdReason: loose('不公开的具体说明'),
  },
  { additionalProperties: true },
);

export const CommentSchema = Type.Object(
  { comment: Type.Optional(str('意见')) },
  { additionalProperties: true },
);
export const ScheduleSchema = Type.Object(
  {
    scheduledAt: Type.Optional(str('定时发布时间（带时区，如 2026-03-05T09:00:00+08:00）')),
    comment: Type.Optional(str('意见')),
  },
  { additionalProperties: true },
);
export const AmendSchema = Type.Object(
  { formedOn: Type.Optional(str('变更日期 YYYY-MM-DD')), comment: Type.Optional(str('修订说明')) },
  { additionalProperties: true },
);
export const WithdrawSchema = Type.Object(
  { reason: Type.Optional(str('撤回理由')) },
  { additionalProperties: true },
);
export const ValiditySchema = Type.Object(
  {
    validity: Type.Optional(str('有效性：effective / amended / repealed / expired')),
    note: Type.Optional(str('说明')),
  },
  { additionalProperties: true },
);
export const OverrideSchema = Type.Object(
  { findingKey: Type.Optional(str('检查问题的 key')), reason: Type.Optional(str('忽略理由')) },
  { additionalProperties: true },
);
export const MaskSchema = Type.Object(
  { kinds: Type.Optional(Type.Array(Type.String(), { description: '脱敏类型，默认身份证号和银行卡号' })) },
  { additionalProperties: true },
);
export const LinkSchema = Type.Object(
  { policyId: Type.Optional(str('政策文件ID')) },
  { additionalProperties: true },
);
export const UploadJsonSchema = Type.Object(
  { fileName: Type.Optional(str('原文件名')), contentBase64: Type.Optional(str('文件内容（Base64）')) },
  { additionalProperties: true, description: '也可用 multipart/form-data 上传（字段 file）' },
);

export const ListQuery = Type.Object({
  state: Type.Optional(str('状态，逗号分隔')),
  columnId: Type.Optional(str('栏目ID')),
  genre: Type.Optional(str('体裁')),
  topic: Type.Optional(str('主题分类')),
  validity: Type.Optional(str('有效性，逗号分隔')),
  q: Type.Optional(str('标题包含')),
  dateField: Type.Optional(
    Type.Union([Type.Literal('updatedAt'), Type.Literal('publishedOn'), Type.Literal('formedOn')], {
      description: '日期筛选的字段',
    }),
  ),
  from: Type.Optional(str('起始日期 YYYY-MM-DD')),
  to: Type.Optional(str('结束日期 YYYY-MM-DD')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: '每页条数' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, description: '跳过条数' })),
});

export const QueueQuery = Type.Object({
  queue: Type.Optional(
    Type.Union(
      ['drafts', 'review', 'scheduled', 'published', 'withdrawn'].map((q) => Type.Literal(q)),
      { description: '队列：我的草稿（默认）/ 待我审核 / 定时发布 / 已发布 / 已撤回' },
    ),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const PeriodQuery = Type.Object({
  from: Type.Optional(str('起始日期 YYYY-MM-DD，默认本年1月1日')),
  to: Type.Optional(str('结束日期 YYYY-MM-DD，默认今天')),
});
export const RegisterQuery = Type.Object({
  due: Type.Optional(Type.Boolean({ description: '只列出到期需复核的' })),
});

export const SummarySchema = Type.Object(
  {
    id: str('信息ID'),
    agencyId: str('单位ID'),
    state: str('状态'),
    stateLabel: str('状态（中文）'),
    title: str('标题'),
    indexNo: nstr('索引号'),
    docNo: nstr('文号'),
    publishedOn: nstr('发布日期'),
    dueOn: nstr('应公开日期（第二十六条）'),
  },
  { additionalProperties: true },
);

export const PageSchema = Type.Object({ items: Type.Array(SummarySchema), total: Type.Integer() });

export const DetailSchema = Type.Object(
  {
    publication: Type.Object({ id: str('信息ID') }, { additionalProperties: true }),
    attachments: Type.Array(Type.Object({}, { additionalProperties: true })),
    findings: Type.Array(Type.Object({}, { additionalProperties: true }), { description: '检查发现的问题' }),
    warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() }), {
      description: '提示',
    }),
    versions: Type.Array(Type.Object({}, { additionalProperties: true }), { description: '已发布版本' }),
    events: Type.Array(Type.Object({}, { additionalProperties: true }), { description: '流转记录' }),
    policies: Type.Array(SummarySchema, { description: '所解读的政策文件' }),
    interpretations: Type.Array(SummarySchema, { description: '政策解读' }),
    actions: Type.Array(
      Type.Object({
        action: Type.String(),
        label: Type.String(),
        allowed: Type.Boolean(),
        reasons: Type.Array(Type.String(), { description: '不能办理的原因' }),
      }),
    ),
  },
  { description: '信息详情（含可办理的操作及不能办理的原因）' },
);

export const AttachmentSchema = Type.Object(
  { id: str('附件ID'), fileName: str('原文件名'), type: str('文件类型'), size: Type.Integer() },
  { additionalProperties: true },
);

export const TimelinessSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      agencyId: Type.String(),
      published: Type.Integer({ description: '期间发布的版本数' }),
      onTime: Type.Integer({ description: '按时发布数（第二十六条）' }),
      rate: nullable(Type.Number(), '按时率'),
    }),
  ),
});
