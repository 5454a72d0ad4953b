/**
 * What an import reports: every problem names where it is (the row, or the file, the attachment
 * package, an option) and, for a row, the column at fault by its Chinese header, e.g.
 * 「第7行 发布日期：“2021-02-30”不是有效日期」. Nothing is imported while any problem remains.
 */

export interface ImportProblem {
  /** CSV: the physical line where the record starts (header = 1); JSON: array index + 1; null: not a row. */
  line: number | null;
  /** 第7行 (CSV), 第7条 (JSON), 文件, 附件包, 选项. */
  where: string;
  /** The column's Chinese header, or null when the problem is not about one column. */
  field: string | null;
  message: string;
  /** A blocking finding of the checks, which a written reason may override. */
  finding?: true;
}

export type RowUnit = '行' | '条';

export const rowPlace = (unit: RowUnit, line: number) => `第${line}${unit}`;

export function formatProblem(p: ImportProblem): string {
  return p.field ? `${p.where} ${p.field}：${p.message}` : `${p.where}：${p.message}`;
}

/** Collects problems in the order found; rows keep their file order. */
export class Problems {
  readonly list: ImportProblem[] = [];
  add(where: string, line: number | null, field: string | null, message: string, finding = false): void {
    this.list.push({ where, line, field, message, ...(finding ? { finding: true as const } : {}) });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** Quotes a value as the messages show it: “…”, shortened when long. */
export function quoted(value: string): string {
  const chars = [...value];
  return `“${chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value}”`;
}
