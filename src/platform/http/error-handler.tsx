/**
 * One error handler. API requests get JSON {error: {code, message, fields}};
 * pages get an HTML page in the site layout. 5xx details go to the log only.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../db/connect.js';
import { AppError, type FieldError } from '../errors.js';
import { sendPage } from '../views/render.js';

export function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');
}

/** Fastify's schema errors name JSON paths; turn them into Chinese messages naming the field. */
function fromValidation(err: FastifyError): AppError {
  const fields: FieldError[] = (err.validation ?? []).map((v) => {
    const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const field = missing ?? (path || (err.validationContext ?? 'body'));
    const message = missing ? `缺少必填字段“${field}”` : `字段“${field}”格式不正确`;
    return { field, message };
  });
  return AppError.validation(fields.length ? fields : [{ field: 'body', message: '请求内容格式不正确' }]);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (fe?.validation) return fromValidation(fe);
  if (isDatabaseUnavailable(err))
    return new AppError('service_unavailable', '数据库暂时不可用，请稍后再试。');
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new AppError('validation_failed', '不支持的请求内容类型。');
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('validation_failed', '提交的内容过大。');
  if (fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe?.statusCode === 400)
    return new AppError('validation_failed', '请求内容格式不正确。');
  if (fe?.statusCode === 404) return new AppError('not_found');
  if (fe?.statusCode === 415) return new AppError('validation_failed', '不支持的请求内容类型。');
  return new AppError('internal');
}

export async function handleError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const appErr = toAppError(err);
  if (appErr.status >= 500) req.log.error({ err }, 'request failed');
  if (appErr.code === 'service_unavailable') reply.header('retry-after', '5');
  if (isApi(req) || appErr.code === 'service_unavailable') {
    return reply.status(appErr.status).send({
      error: { code: appErr.code, message: appErr.message, fields: appErr.fields },
    });
  }
  return sendPage(
    req,
    reply,
    { title: '出错了', area: req.principal ? 'admin' : 'public', status: appErr.status },
    () => (
      <section>
        <h1>{titleFor(appErr)}</h1>
        <p>{appErr.message}</p>
        {appErr.fields.length > 0 && (
          <ul>
            {appErr.fields.map((f) => (
              <li key={f.field}>{f.message}</li>
            ))}
          </ul>
        )}
        <p>
          <a href={req.principal ? '/admin' : '/'}>返回首页</a>
        </p>
      </section>
    ),
  );
}

function titleFor(e: AppError): string {
  switch (e.code) {
    case 'not_found':
      return '页面不存在';
    case 'forbidden':
    case 'csrf_failed':
      return '无法访问';
    case 'gone':
      return '内容已撤下';
    default:
      return e.status >= 500 ? '系统暂时无法处理' : '无法完成操作';
  }
}
