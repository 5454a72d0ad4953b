/** Pieces the publications back-office pages share. Pure components: plain data in, markup out. */
import type { AppError, FieldError } from '../../../../platform/errors.js';
import { ErrorSummary, type Values } from '../../../../platform/views/form.js';
import { Notices } from '../../../../platform/views/notices.js';
import type { Publication } from '../../publications.js';
import { STATE_LABELS } from '../../workflow.js';

export type Option = { value: string; label: string; disabled?: boolean };

export interface FormState {
  values: Values;
  errors: FieldError[];
}

export { Notices };

/**
 * What went wrong with a submission: the fields to fix (400), the policy's reasons why the action
 * cannot proceed (422), or that someone else acted first (409).
 */
export function FailureNotice({ error }: { error: AppError | undefined }) {
  if (!error) return null;
  if (error.code === 'validation_failed') return <ErrorSummary errors={error.fields} />;
  if (error.code === 'refused' && error.fields.length > 0) {
    const head = error.message.split('：')[0];
    return (
      <div class="notice err" role="alert" id="error-summary" tabIndex={-1}>
        <h2>{head}，原因如下：</h2>
        <ul>
          {error.fields.map((f) => (
            <li key={f.message}>{f.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div class="notice err" role="alert" id="error-summary" tabIndex={-1}>
      {error.message}
    </div>
  );
}

/** 草稿 / 待初审 … and, for an amendment under way, that the published version stays online. */
export function StateText({ pub }: { pub: Pick<Publication, 'state' | 'publishedVersion' | 'version'> }) {
  const amending = pub.publishedVersion !== null && pub.state !== 'published' && pub.state !== 'withdrawn';
  return (
    <>
      <span class="tag">{STATE_LABELS[pub.state]}</span>
      {amending ? <span class="tag">修订中（第{pub.publishedVersion}版仍在公开）</span> : null}
    </>
  );
}

export function Reasons({ id, reasons }: { id: string; reasons: string[] }) {
  return (
    <ul id={id} class="muted">
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

/** A select whose options may be disabled (e.g. the sections of the catalogue, which hold no items). */
export function Select(p: {
  id: string;
  name: string;
  label: string;
  options: Option[];
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}) {
  const described = [p.hint ? `h-${p.name}` : '', p.error ? `e-${p.name}` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <label for={p.id}>
        {p.label}
        {p.required ? <span aria-hidden="true">（必填）</span> : null}
      </label>
      {p.hint ? (
        <p class="hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="error" id={`e-${p.name}`}>
          {p.error}
        </p>
      ) : null}
      <select
        id={p.id}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons in a fieldset, the legend naming the question. */
export function RadioGroup(p: {
  name: string;
  legend: string;
  options: Option[];
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <fieldset class={`field checks${p.error ? ' has-error' : ''}`} id={`f-${p.name}`}>
      <legend>{p.legend}</legend>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      {p.error ? <p class="error">{p.error}</p> : null}
      {p.options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={p.name} value={o.value} checked={o.value === p.value} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A file input with an id of its own, so several upload forms can share one page. */
export function FileField(p: { id: string; label: string; error?: string | undefined; hint?: string }) {
  const described = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
      <input
        type="file"
        id={p.id}
        name="file"
        required
        accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

export const errorOf = (errors: FieldError[], name: string) => errors.find((e) => e.field === name)?.message;

export const str = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
