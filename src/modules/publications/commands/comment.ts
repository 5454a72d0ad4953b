/** The comment that goes with a transition (退回意见, 撤回理由…): read from input, Chinese message when missing. */
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';

export function readComment(
  input: Input,
  opts: { required: boolean; field?: string; label?: string },
): string | null {
  const fe = new FieldErrors();
  const value = readText(fe, input, opts.field ?? 'comment', opts.label ?? '意见', {
    required: opts.required,
    max: 1000,
  });
  fe.throwIfAny();
  return value || null;
}
