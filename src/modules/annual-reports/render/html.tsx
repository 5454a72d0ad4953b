/**
 * The annual report as a page (2021 national format, 国办公开办函〔2021〕30号): title, date, sections 一 to
 * 六 with the national headings, and 表二–表四 laid out as the format prints them (merged cells as rowspan /
 * colspan). Accessible tables: a caption, `th` with `scope`, and `headers` on every data cell naming its
 * column and row headers (表三 and 表四 have two-level headers). Each table scrolls inside a focusable,
 * labelled region on narrow screens (320 px) instead of the page. Used on the public item page (inside the
 * portal layout), in the back office, as an HTML fragment (`reportHtml`) and as a standalone .html file
 * (`reportHtmlFile`).
 *
 * The table components also serve the 年报体检 page, for reports in either format (2019 表二, （六） as one
 * row), with the cells named by findings marked.
 */
import { type ComponentChildren, createElement } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ReportFormat, T2Table, T3Table, T4Table } from '../checker/model.js';
import {
  cellText,
  chineseDate,
  EMPTY_SECTION,
  paragraphsOf,
  reportTitle,
  SECTION_HEADINGS,
  SECTION_KEYS,
  T2_VALUE_COLUMNS,
  T3_APPLICANTS,
  T3_COLUMN_LABELS,
  T3_NOTE,
  T3_ORGANIZATIONS,
  T3_RESULTS_LABEL,
  T4_LITIGATION,
  T4_RESULTS,
  T4_TOP,
  TABLE_CAPTIONS,
  TABLE_OF_SECTION,
  t2Blocks,
  t3PrintedRows,
  t3Split,
} from './layout.js';
import type { ReportDocument } from './model.js';
import { REPORT_CSS, REPORT_CSS_PATH } from './styles.js';

interface TableProps {
  /** Prefix of the ids the `headers` attributes point to; unique per table on a page. */
  idPrefix?: string;
  /** Cell ids (`T3.R1.C3`) to mark, e.g. those a finding names. */
  flagged?: ReadonlySet<string>;
  /** Caption shown above the table (default: 表二/表三/表四 and its name). */
  caption?: string;
}

function Wrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <section class="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

function Value({
  id,
  value,
  headers,
  flagged,
  colSpan,
}: {
  id: string;
  value: string;
  headers: string;
  flagged: ReadonlySet<string> | undefined;
  colSpan?: number;
}) {
  const marked = flagged?.has(id);
  return (
    <td
      headers={headers}
      colSpan={colSpan && colSpan > 1 ? colSpan : undefined}
      class={marked ? 'flagged' : undefined}
    >
      {value}
      {marked ? <span class="visually-hidden">（检查发现问题）</span> : null}
    </td>
  );
}

export function ReportTable2({
  table,
  format = '2021',
  idPrefix = 'ar',
  flagged,
  caption = TABLE_CAPTIONS.T2,
}: TableProps & { table: T2Table; format?: ReportFormat }) {
  const p = `${idPrefix}-t2`;
  return (
    <Wrap label={caption}>
      <table class="report-table t2">
        <caption>{caption}</caption>
        {t2Blocks(format).map((block, b) => {
          const blockId = `${p}-b${b}`;
          const contentId = `${p}-b${b}-content`;
          return (
            <tbody key={block.heading}>
              <tr>
                <th id={blockId} scope="rowgroup" colSpan={T2_VALUE_COLUMNS + 1}>
                  {block.heading}
                </th>
              </tr>
              <tr>
                <th id={contentId} scope="col">
                  信息内容
                </th>
                {block.columns.map((c, i) => (
                  <th
                    key={c.id}
                    id={`${p}-b${b}-${c.id}`}
                    scope="col"
                    colSpan={i === block.columns.length - 1 ? T2_VALUE_COLUMNS - i : undefined}
                  >
                    {c.label}
                  </th>
                ))}
              </tr>
              {block.rows.map((row) => {
                const rowId = `${p}-${row.id}`;
                return (
                  <tr key={row.id}>
                    <th id={rowId} scope="row" headers={contentId}>
                      {row.label}
                    </th>
                    {row.columns.map((c, i) => (
                      <Value
                        key={c.id}
                        id={`T2.${row.id}.${c.id}`}
                        value={cellText(table[row.id]?.[c.id])}
                        headers={`${blockId} ${p}-b${b}-${block.columns[i]?.id ?? c.id} ${rowId}`}
                        flagged={flagged}
                        colSpan={i === row.columns.length - 1 ? T2_VALUE_COLUMNS - i : 1}
                      />
                    ))}
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </Wrap>
  );
}

export function ReportTable3({
  table,
  idPrefix = 'ar',
  flagged,
  caption = TABLE_CAPTIONS.T3,
}: TableProps & { table: T3Table }) {
  const p = `${idPrefix}-t3`;
  const rows = t3PrintedRows(t3Split(table));
  const colHeaders = (c: number) =>
    [`${p}-applicants`, c >= 2 && c <= 6 ? `${p}-organizations` : '', `${p}-c${c}`].filter(Boolean).join(' ');
  const blocks: string[] = [];
  return (
    <Wrap label={caption}>
      <table class="report-table t3">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td class="note" colSpan={3} rowSpan={3}>
              {T3_NOTE}
            </td>
            <th id={`${p}-applicants`} scope="colgroup" colSpan={7}>
              {T3_APPLICANTS}
            </th>
          </tr>
          <tr>
            <th id={`${p}-c1`} scope="col" rowSpan={2} headers={`${p}-applicants`}>
              {T3_COLUMN_LABELS[0]}
            </th>
            <th id={`${p}-organizations`} scope="colgroup" colSpan={5} headers={`${p}-applicants`}>
              {T3_ORGANIZATIONS}
            </th>
            <th id={`${p}-c7`} scope="col" rowSpan={2} headers={`${p}-applicants`}>
              {T3_COLUMN_LABELS[6]}
            </th>
          </tr>
          <tr>
            {[2, 3, 4, 5, 6].map((c) => (
              <th key={c} id={`${p}-c${c}`} scope="col" headers={`${p}-applicants ${p}-organizations`}>
                {T3_COLUMN_LABELS[c - 1]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const rowId = `${p}-${row.id}`;
            if (row.blockLabel && !blocks.includes(row.blockLabel)) blocks.push(row.blockLabel);
            const blockId = row.blockLabel ? `${p}-block${blocks.indexOf(row.blockLabel)}` : '';
            const rowHeaders = [row.kind === 'top' ? '' : `${p}-results`, blockId, rowId]
              .filter(Boolean)
              .join(' ');
            const values = table[row.id] ?? [];
            return (
              <tr key={row.id}>
                {row.resultsSpan ? (
                  <th id={`${p}-results`} scope="rowgroup" rowSpan={row.resultsSpan}>
                    {T3_RESULTS_LABEL}
                  </th>
                ) : null}
                {row.block ? (
                  <th id={blockId} scope="rowgroup" rowSpan={row.block.span} headers={`${p}-results`}>
                    {row.block.label}
                  </th>
                ) : null}
                <th
                  id={rowId}
                  scope="row"
                  colSpan={row.kind === 'top' ? 3 : row.kind === 'result' ? 2 : undefined}
                  headers={rowHeaders === rowId ? undefined : rowHeaders.replace(` ${rowId}`, '')}
                >
                  {row.label}
                </th>
                {[1, 2, 3, 4, 5, 6, 7].map((c) => (
                  <Value
                    key={c}
                    id={`T3.${row.id}.C${c}`}
                    value={cellText(values[c - 1])}
                    headers={`${colHeaders(c)} ${rowHeaders}`}
                    flagged={flagged}
                  />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Wrap>
  );
}

export function ReportTable4({
  table,
  idPrefix = 'ar',
  flagged,
  caption = TABLE_CAPTIONS.T4,
}: TableProps & { table: T4Table }) {
  const p = `${idPrefix}-t4`;
  // Column k (1–15): its block (复议 / 直接起诉 / 复议后起诉) and result headers.
  const headersOf = (k: number) => {
    const block = Math.floor((k - 1) / 5);
    const result = (k - 1) % 5;
    return block === 0
      ? `${p}-top0 ${p}-r0-${result}`
      : `${p}-top1 ${p}-lit${block - 1} ${p}-r${block}-${result}`;
  };
  return (
    <Wrap label={caption}>
      <table class="report-table t4">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {T4_TOP.map((t, i) => (
              <th key={t.label} id={`${p}-top${i}`} scope="colgroup" colSpan={t.span}>
                {t.label}
              </th>
            ))}
          </tr>
          <tr>
            {T4_RESULTS.map((r, i) => (
              <th key={r} id={`${p}-r0-${i}`} scope="col" rowSpan={2} headers={`${p}-top0`}>
                {r}
              </th>
            ))}
            {T4_LITIGATION.map((l, i) => (
              <th key={l} id={`${p}-lit${i}`} scope="colgroup" colSpan={5} headers={`${p}-top1`}>
                {l}
              </th>
            ))}
          </tr>
          <tr>
            {[1, 2].flatMap((block) =>
              T4_RESULTS.map((r, i) => (
                <th
                  key={`${block}-${r}`}
                  id={`${p}-r${block}-${i}`}
                  scope="col"
                  headers={`${p}-top1 ${p}-lit${block - 1}`}
                >
                  {r}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            {Array.from({ length: 15 }, (_, i) => i + 1).map((k) => (
              <Value
                key={k}
                id={`T4.K${k}`}
                value={cellText(table[`K${k}`])}
                headers={headersOf(k)}
                flagged={flagged}
              />
            ))}
          </tr>
        </tbody>
      </table>
    </Wrap>
  );
}

function Heading({
  level,
  children,
  class: cls,
}: {
  level: number;
  children: ComponentChildren;
  class?: string;
}) {
  return createElement(`h${Math.min(Math.max(level, 1), 6)}`, { class: cls }, children);
}

function SectionText({ text }: { text: string }) {
  const paragraphs = paragraphsOf(text);
  return (
    <div class="report-text">
      {paragraphs.map((lines, i) => (
        <p key={i}>
          {lines.map((l, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {l}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}

export interface ReportViewProps {
  doc: ReportDocument;
  /** Level of the title's heading (1 on its own page; 2 under a page's own h1); sections one below. */
  headingLevel?: number;
  /** Prefix of the tables' cell-header ids (unique per report on one page). */
  idPrefix?: string;
  /** Link the report stylesheet (off in the standalone file, which inlines it). */
  stylesheet?: boolean;
}

export function ReportView({ doc, headingLevel = 1, idPrefix = 'ar', stylesheet = true }: ReportViewProps) {
  const tables = {
    T2: <ReportTable2 table={doc.tables.T2} idPrefix={idPrefix} />,
    T3: <ReportTable3 table={doc.tables.T3} idPrefix={idPrefix} />,
    T4: <ReportTable4 table={doc.tables.T4} idPrefix={idPrefix} />,
  };
  return (
    <article class="annual-report">
      {stylesheet ? <link rel="stylesheet" href={REPORT_CSS_PATH} /> : null}
      <Heading level={headingLevel} class="report-title">
        {reportTitle(doc)}
      </Heading>
      {doc.dated ? <p class="report-date">{chineseDate(doc.dated)}</p> : null}
      {SECTION_KEYS.map((key) => {
        const table = TABLE_OF_SECTION[key];
        const text = doc.sections[key] ?? '';
        return (
          <section key={key} class="report-section" aria-labelledby={`${idPrefix}-s-${key}`}>
            {createElement(
              `h${Math.min(headingLevel + 1, 6)}`,
              { id: `${idPrefix}-s-${key}` },
              SECTION_HEADINGS[key],
            )}
            {text.trim() ? (
              <SectionText text={text} />
            ) : table ? null : (
              <p class="report-empty">{EMPTY_SECTION}</p>
            )}
            {table ? tables[table] : null}
          </section>
        );
      })}
    </article>
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The report as an HTML fragment (the `<article>` of ReportView, without the stylesheet link), e.g. for a
 * publication's body; the page showing it links REPORT_CSS_PATH.
 */
export function reportHtml(
  doc: ReportDocument,
  o: { headingLevel?: number; idPrefix?: string } = {},
): string {
  return renderToString(
    <ReportView doc={doc} stylesheet={false} headingLevel={o.headingLevel} idPrefix={o.idPrefix} />,
  );
}

/** The report as a standalone .html file (stylesheet inlined, no script, no outside resource). */
export function reportHtmlFile(doc: ReportDocument): string {
  const body = reportHtml(doc);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(reportTitle(doc))}</title>
<style>body{margin:0 auto;max-width:60rem;padding:1rem;font-family:"FangSong","仿宋","仿宋_GB2312","STFangsong","Noto Serif CJK SC",serif;line-height:1.8;color:#1f2328}${REPORT_CSS}</style>
</head><body>
${body}
</body></html>
`;
}
