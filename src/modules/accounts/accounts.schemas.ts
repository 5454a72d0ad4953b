/** Request/response schemas of the accounts API: they drive validation of shape and the OpenAPI document. */
import { Type } from '@sinclair/typebox';
import { AGENCY_KINDS, AGENCY_LEVELS, ROLES } from './accounts.js';

const str = (description: string, extra: object = {}) => Type.String({ description, ...extra });
const lit = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String({ description: '中文错误说明' }),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
});

export const AgencySchema = Type.Object({
  id: str('单位ID'),
  code: str('单位代码（用于索引号）'),
  name: str('单位名称'),
  kind: lit(AGENCY_KINDS, '单位类型'),
  level: lit(AGENCY_LEVELS, '行政层级'),
  parentId: Type.Union([Type.String(), Type.Null()]),
  status: lit(['active', 'merged', 'abolished'], '状态'),
  successorId: Type.Union([Type.String(), Type.Null()]),
  endedOn: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(),
});

export const AgencyInputSchema = Type.Object(
  {
    code: str('单位代码'),
    name: str('单位名称'),
    kind: lit(AGENCY_KINDS, '单位类型'),
    level: lit(AGENCY_LEVELS, '行政层级'),
    parentId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    sortOrder: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);

export const MergeInputSchema = Type.Object({
  successorId: str('并入单位ID'),
  endedOn: Type.Optional(str('生效日期 YYYY-MM-DD')),
});
export const AbolishInputSchema = Type.Object({ endedOn: Type.Optional(str('生效日期 YYYY-MM-DD')) });

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  agencyId: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(lit(ROLES, '角色')),
  isPlatformAdmin: Type.Boolean(),
  status: lit(['active', 'disabled'], '账号状态'),
  totpEnabled: Type.Boolean(),
  locked: Type.Boolean(),
});

export const UserCreateSchema = Type.Object(
  {
    username: str('用户名'),
    displayName: str('姓名'),
    agencyId: str('所属单位ID'),
    roles: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
);

export const UserUpdateSchema = Type.Object(
  {
    displayName: str('姓名'),
    roles: Type.Optional(Type.Array(Type.String())),
    status: Type.Optional(lit(['active', 'disabled'], '账号状态')),
  },
  { additionalProperties: true },
);

export const LoginSchema = Type.Object({
  username: Type.String(),
  password: Type.String(),
  totp: Type.Optional(Type.String()),
});
