/**
 * Why a document's text could not be read. An AppError ('refused', HTTP 422) so that, uncaught, the
 * user still sees the Chinese reason; callers that want to record "检查未完成" catch it by class.
 */
import { AppError } from '../../platform/errors.js';

export type ExtractFailure = 'corrupt' | 'encrypted' | 'too_large' | 'unsupported';

const MESSAGES: Record<ExtractFailure, string> = {
  corrupt: '文件已损坏或格式不正确，无法读取其中的文字。',
  encrypted: '文件设置了打开密码，无法检查其中的内容。请取消密码后重新上传。',
  too_large: '文件解压后的内容过大，无法检查。',
  unsupported: '暂不支持读取此类文件中的文字。',
};

export class ExtractError extends AppError {
  constructor(
    readonly reason: ExtractFailure,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super('refused', message ?? MESSAGES[reason]);
    this.name = 'ExtractError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
