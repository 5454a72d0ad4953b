/** Form pieces that keep what the user typed and name every field error in Chinese. */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../errors.js';

export type Values = Record<string, string | string[] | undefined>;

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="notice err" role="alert" tabIndex={-1} id="error-summary">
      <h2>提交未成功，请修改以下内容：</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>
            <a href={`#f-${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function errorOf(errors: FieldError[], name: string): string | undefined {
  return errors.find((e) => e.field === name)?.message;
}

interface FieldProps {
  name: string;
  label: string;
  values: Values;
  errors: FieldError[];
  hint?: string;
  required?: boolean;
}

function Wrapper(props: FieldProps & { children: ComponentChildren }) {
  const err = errorOf(props.errors, props.name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={`f-${props.name}`}>
        {props.label}
        {props.required ? <span aria-hidden="true">（必填）</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`h-${props.name}`}>
          {props.hint}
        </p>
      ) : null}
      {err ? (
        <p class="error" id={`e-${props.name}`}>
          {err}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(p: FieldProps): string | undefined {
  const ids = [p.hint ? `h-${p.name}` : '', errorOf(p.errors, p.name) ? `e-${p.name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function str(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function TextField(p: FieldProps & { type?: string; autocomplete?: string; inputmode?: string }) {
  return (
    <Wrapper {...p}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? '' : str(p.values[p.name])}
        required={p.required}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={errorOf(p.errors, p.name) ? 'true' : undefined}
        aria-describedby={describedBy(p)}
        autocomplete={p.autocomplete}
        inputMode={p.inputmode as never}
      />
    </Wrapper>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  return (
    <Wrapper {...p}>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 8}
        required={p.required}
        aria-invalid={errorOf(p.errors, p.name) ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      >
        {str(p.values[p.name])}
      </textarea>
    </Wrapper>
  );
}

export function SelectField(p: FieldProps & { options: { value: string; label: string }[] }) {
  const current = str(p.values[p.name]);
  return (
    <Wrapper {...p}>
      <select
        id={`f-${p.name}`}
        name={p.name}
        required={p.required}
        aria-invalid={errorOf(p.errors, p.name) ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export function CheckboxGroup(p: FieldProps & { options: { value: string; label: string }[] }) {
  const raw = p.values[p.name];
  const current = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const err = errorOf(p.errors, p.name);
  return (
    <fieldset class={`field checks${err ? ' has-error' : ''}`} id={`f-${p.name}`}>
      <legend>{p.label}</legend>
      {err ? <p class="error">{err}</p> : null}
      {p.options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" name={p.name} value={o.value} checked={current.has(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
