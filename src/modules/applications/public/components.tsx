/**
 * Form pieces of the public pages: every field has a label, a hint and its error tied to it
 * (aria-describedby), aria-invalid when wrong, and keeps what the applicant typed. Groups of radio
 * buttons and checkboxes are fieldsets with a legend. The id of every field is `f-{name}`, which the
 * error summary links to.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../platform/errors.js';

export type Values = Record<string, string | string[] | undefined>;

export function errorOf(errors: readonly FieldError[], name: string): string | undefined {
  const list = errors.filter((e) => e.field === name).map((e) => e.message);
  return list.length ? list.join('；') : undefined;
}

function str(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function described(name: string, hint: boolean, err: boolean): string | undefined {
  const ids = [hint ? `h-${name}` : '', err ? `e-${name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The error summary at the top: one link per problem, to the field it names. */
export function ErrorSummary({ errors, title }: { errors: readonly FieldError[]; title?: string }) {
  if (errors.length === 0) return null;
  return (
    <div
      class="notice err"
      role="alert"
      tabIndex={-1}
      id="error-summary"
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{title ?? '提交未成功，请修改以下内容：'}</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={`${i}-${e.field}`}>
            <a href={`#f-${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  values: Values;
  errors: readonly FieldError[];
  hint?: string;
  required?: boolean;
}

function Labelled(p: FieldProps & { children: ComponentChildren; err: string | undefined }) {
  return (
    <div class={`field${p.err ? ' has-error' : ''}`}>
      <label for={`f-${p.name}`}>
        {p.label}
        {p.required ? <span class="req">（必填）</span> : null}
      </label>
      {p.hint ? (
        <p class="hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      ) : null}
      {p.err ? (
        <p class="error" id={`e-${p.name}`}>
          {p.err}
        </p>
      ) : null}
      {p.children}
    </div>
  );
}

export function Text(
  p: FieldProps & { type?: string; autocomplete?: string; inputMode?: string; maxLength?: number },
) {
  const err = errorOf(p.errors, p.name);
  return (
    <Labelled {...p} err={err}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        value={str(p.values[p.name])}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={described(p.name, !!p.hint, !!err)}
        autocomplete={p.autocomplete ?? 'off'}
        inputMode={p.inputMode as never}
        maxLength={p.maxLength}
      />
    </Labelled>
  );
}

export function Area(p: FieldProps & { rows?: number; maxLength?: number }) {
  const err = errorOf(p.errors, p.name);
  return (
    <Labelled {...p} err={err}>
      {/* lang: the 繁體 variant converts page text, never what the applicant typed. */}
      <textarea
        lang="zh-Hans"
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 5}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={described(p.name, !!p.hint, !!err)}
        maxLength={p.maxLength}
      >
        {str(p.values[p.name])}
      </textarea>
    </Labelled>
  );
}

export function Select(p: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const err = errorOf(p.errors, p.name);
  const current = str(p.values[p.name]);
  return (
    <Labelled {...p} err={err}>
      <select
        id={`f-${p.name}`}
        name={p.name}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={described(p.name, !!p.hint, !!err)}
      >
        <option value="">请选择</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/**
 * Radio buttons or checkboxes in a fieldset. The fieldset carries the id `f-{name}` (the summary's
 * link target) and is described by its hint and error; each input is marked invalid with it.
 */
export function Choices(
  p: FieldProps & {
    type: 'radio' | 'checkbox';
    options: readonly { value: string; label: string }[];
    /** Options shown in a nested group with its own legend (法人或其他组织's five kinds). */
    groups?: { legend: string; options: readonly { value: string; label: string }[] }[];
  },
) {
  const err = errorOf(p.errors, p.name);
  const raw = p.values[p.name];
  const current = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const input = (o: { value: string; label: string }) => (
    <label key={o.value}>
      <input
        type={p.type}
        name={p.name}
        value={o.value}
        checked={current.has(o.value)}
        aria-invalid={err ? 'true' : undefined}
      />{' '}
      {o.label}
    </label>
  );
  return (
    <fieldset
      class={`field checks${err ? ' has-error' : ''}`}
      id={`f-${p.name}`}
      tabIndex={-1}
      aria-describedby={described(p.name, !!p.hint, !!err)}
    >
      <legend>
        {p.label}
        {p.required ? <span class="req">（必填）</span> : null}
      </legend>
      {p.hint ? (
        <p class="hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      ) : null}
      {err ? (
        <p class="error" id={`e-${p.name}`}>
          {err}
        </p>
      ) : null}
      {p.options.map(input)}
      {p.groups?.map((g) => (
        <fieldset key={g.legend} class="checks nested">
          <legend>{g.legend}</legend>
          {g.options.map(input)}
        </fieldset>
      ))}
    </fieldset>
  );
}

/** One checkbox (consent, declaration, 是否接受其他方式): its label is the statement agreed to. */
export function Check(p: FieldProps) {
  const err = errorOf(p.errors, p.name);
  const v = p.values[p.name];
  const on = v === 'on' || v === 'true' || v === '1';
  return (
    <div class={`field check${err ? ' has-error' : ''}`}>
      {err ? (
        <p class="error" id={`e-${p.name}`}>
          {err}
        </p>
      ) : null}
      <label>
        <input
          type="checkbox"
          id={`f-${p.name}`}
          name={p.name}
          value="on"
          checked={on}
          aria-required={p.required ? 'true' : undefined}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={described(p.name, !!p.hint, !!err)}
        />{' '}
        {p.label}
        {p.required ? <span class="req">（必填）</span> : null}
      </label>
      {p.hint ? (
        <p class="hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      ) : null}
    </div>
  );
}

export function FileInput(p: {
  name: string;
  label: string;
  hint: string;
  errors: readonly FieldError[];
  accept: string;
}) {
  const err = errorOf(p.errors, p.name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={`f-${p.name}`}>{p.label}</label>
      <p class="hint" id={`h-${p.name}`}>
        {p.hint}
      </p>
      {err ? (
        <p class="error" id={`e-${p.name}`}>
          {err}
        </p>
      ) : null}
      <input
        type="file"
        id={`f-${p.name}`}
        name={p.name}
        multiple
        accept={p.accept}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={described(p.name, true, !!err)}
      />
    </div>
  );
}

export function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}
