/**
 * One error vocabulary. Every failure a user can meet is an AppError with a
 * stable code, a Chinese message and, for bad input, the fields at fault.
 * `httpStatus` is the single map from code to HTTP status.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'refused'
  | 'rate_limited'
  | 'account_locked'
  | 'service_unavailable'
  | 'internal';

export interface FieldError {
  /** The field's name in the request (form field or JSON property). */
  field: string;
  /** Chinese text naming the field and what is wrong with it. */
  message: string;
}

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  refused: 422,
  rate_limited: 429,
  account_locked: 423,
  service_unavailable: 503,
  internal: 500,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  validation_failed: '提交的内容有误，请按提示修改后重试。',
  unauthenticated: '请先登录。',
  forbidden: '您没有权限执行此操作。',
  csrf_failed: '页面已过期或来源不明，请刷新页面后重试。',
  not_found: '您访问的内容不存在。',
  gone: '该内容已撤下。',
  conflict: '与已有数据冲突。',
  refused: '当前不能执行此操作。',
  rate_limited: '操作过于频繁，请稍后再试。',
  account_locked: '账号已被临时锁定，请稍后再试。',
  service_unavailable: '服务暂时不可用，请稍后再试。',
  internal: '系统内部错误，请稍后再试。',
};

export class AppError extends Error {
  readonly fields: FieldError[];
  constructor(
    readonly code: ErrorCode,
    message?: string,
    fields: FieldError[] = [],
  ) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.fields = fields;
  }

  get status(): number {
    return STATUS[this.code];
  }

  static validation(fields: FieldError[], message?: string): AppError {
    return new AppError('validation_failed', message ?? fields.map((f) => f.message).join('；'), fields);
  }
}

export function httpStatus(code: ErrorCode): number {
  return STATUS[code];
}

export function defaultMessage(code: ErrorCode): string {
  return DEFAULT_MESSAGE[code];
}

/** Collects field errors while parsing input, then throws them all at once. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(): void {
    if (!this.empty) throw AppError.validation(this.list);
  }
}
