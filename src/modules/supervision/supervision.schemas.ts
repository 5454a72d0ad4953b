/**
 * Request/response schemas of the supervision API: they drive the OpenAPI document. Bodies only fix the
 * shape; the commands check content and answer with Chinese messages naming the field (主题, 内容, 办理期限).
 */
import { Type } from '@sinclair/typebox';
import { NOTE_KINDS, NOTE_STATUSES } from './supervision.js';

const str = (description: string) => Type.String({ description });
const nullable = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
const lit = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

export const NoteSchema = Type.Object({
  id: str('意见或督办ID'),
  agencyId: str('被督办单位ID'),
  agencyName: str('被督办单位名称'),
  authorId: str('发出人ID'),
  authorName: str('发出人姓名'),
  authorAgencyId: str('发出单位（主管部门）ID'),
  authorAgencyName: str('发出单位名称'),
  kind: lit(NOTE_KINDS, '类型：comment 意见，urge 督办'),
  subject: str('主题'),
  body: str('内容'),
  dueOn: nullable('办理期限 YYYY-MM-DD（督办必有）'),
  createdAt: str('发出时间（ISO-8601 UTC）'),
  status: lit(NOTE_STATUSES, '状态：open 待答复，answered 已答复，closed 已办结'),
  overdue: Type.Boolean({ description: '是否逾期：待答复且办理期限早于今天（北京时间）' }),
  answer: nullable('答复内容'),
  answeredBy: nullable('答复人ID'),
  answeredAt: nullable('答复时间'),
  closedBy: nullable('办结人ID'),
  closedAt: nullable('办结时间'),
  closeReason: nullable('办结说明'),
});

export const NoteListQuerySchema = Type.Object({
  status: Type.Optional(lit(NOTE_STATUSES, '按状态筛选')),
  overdue: Type.Optional(Type.Boolean({ description: 'true：只列逾期未答复的' })),
});

export const NoteInputSchema = Type.Object(
  {
    kind: Type.Optional(str('类型（必填）：comment 意见，urge 督办')),
    subject: Type.Optional(str('主题（必填，100字以内）')),
    body: Type.Optional(str('内容（必填，2000字以内）')),
    dueOn: Type.Optional(str('办理期限 YYYY-MM-DD，须晚于今天；督办必填')),
  },
  { additionalProperties: true },
);

export const AnswerInputSchema = Type.Object(
  { answer: Type.Optional(str('答复内容（必填，2000字以内）')) },
  { additionalProperties: true },
);

export const CloseInputSchema = Type.Object(
  { reason: Type.Optional(str('办结说明（500字以内）；尚未答复的事项必填')) },
  { additionalProperties: true },
);
