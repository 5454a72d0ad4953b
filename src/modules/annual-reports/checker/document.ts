/**
 * What every reader (plain text, HTML, DOCX, PDF text) produces: the report as a sequence of text lines and
 * tables, in document order. A table is a list of rows; a row lists its cells left to right as printed, a
 * cell covered by another's rowspan/colspan (HTML) or vMerge/gridSpan (DOCX) marked `covered` so that it is
 * neither a label nor a blank value.
 */
export interface TableCell {
  text: string;
  covered?: boolean;
}

export type Block = { kind: 'text'; text: string } | { kind: 'table'; rows: TableCell[][] };

export interface ReportDocument {
  blocks: Block[];
}

export function textDocument(lines: string[]): ReportDocument {
  return { blocks: lines.map((text) => ({ kind: 'text', text })) };
}

/** The whole document as plain text (tables as one line per row), e.g. for year and agency detection. */
export function documentText(doc: ReportDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'text') out.push(b.text);
    else for (const row of b.rows) out.push(row.map((c) => (c.covered ? '' : c.text)).join(' | '));
  }
  return out.join('\n');
}
