/**
 * checkReport: uploaded bytes (PDF, Word .docx or .doc, HTML, plain text) → the checker's answer, within a
 * size limit, a page cap and a time budget; anything that cannot be read as a report is `unreadable` with a
 * reason in Chinese, never an exception. The type comes from the content; the file name only breaks ties.
 */
import type { ReportDocument } from './document.js';
import type { CheckResult, ParsedReport, Unreadable } from './model.js';
import { isUnreadable } from './model.js';
import { parseReport } from './parse-report.js';
import { docxDocumentXml, readDocumentXml } from './read-docx.js';
import { readHtml } from './read-html.js';
import { PdfLimitError, readPdfLines } from './read-pdf.js';
import { readPlainText } from './read-text.js';
import { runChecks } from './rules/run-checks.js';
import { decodeText, htmlCharset, sniffKind } from './sniff.js';
import { ZipError } from './zip.js';

export interface CheckLimits {
  maxBytes: number;
  maxPdfPages: number;
  /** Wall-clock budget for reading one file. */
  timeBudgetMs: number;
  /** Longest text worth parsing: a report is some tens of thousands of characters. */
  maxTextChars: number;
}

export const DEFAULT_LIMITS: CheckLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPdfPages: 300,
  timeBudgetMs: 15_000,
  maxTextChars: 1_000_000,
};

export interface CheckReportOptions {
  /** Last year's report, as a file or already parsed (V6, V7 across years, V12). */
  previous?: { bytes: Uint8Array; fileName?: string } | ParsedReport;
  limits?: Partial<CheckLimits>;
}

const unreadable = (reason: string): Unreadable => ({ verdict: 'unreadable', reason });
const mb = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

async function toDocument(
  bytes: Uint8Array,
  fileName: string,
  limits: CheckLimits,
): Promise<ReportDocument | Unreadable> {
  const deadline = Date.now() + limits.timeBudgetMs;
  const tooLong = (s: string) => s.length > limits.maxTextChars;
  switch (sniffKind(bytes, fileName)) {
    case 'pdf': {
      try {
        const lines = await readPdfLines(bytes, { maxPages: limits.maxPdfPages, deadline });
        const text = lines.join('\n');
        if (!/[\u4e00-\u9fa5]/.test(text)) return unreadable('PDF中没有可提取的文字（可能是扫描件或图片）');
        return tooLong(text) ? unreadable('文字内容过长，不像一份年度报告') : readPlainText(text);
      } catch (err) {
        if (err instanceof PdfLimitError) return unreadable(err.message);
        return unreadable('PDF文件已损坏或设有密码，无法读取');
      }
    }
    case 'docx-or-zip':
      try {
        const xml = docxDocumentXml(bytes);
        // WordprocessingML is markup-heavy: allow ten times the text limit.
        return xml.length > limits.maxTextChars * 10
          ? unreadable('Word文件内容过长，不像一份年度报告')
          : readDocumentXml(xml);
      } catch (err) {
        return unreadable(err instanceof ZipError ? err.message : 'Word文件已损坏，无法读取');
      }
    case 'ole':
      try {
        // Word 97-2003: the platform's text extraction (no table structure; tables are read as text).
        const { extractText } = await import('../../checks/extract.js');
        const text = await extractText(bytes, 'doc');
        return tooLong(text) ? unreadable('文字内容过长，不像一份年度报告') : readPlainText(text);
      } catch {
        return unreadable('无法读取此旧版Office文件，请另存为Word(.docx)或PDF后重试');
      }
    case 'html': {
      const html = decodeText(bytes, false, htmlCharset(bytes));
      if (html === null) return unreadable('网页文件的编码无法识别');
      return html.length > limits.maxTextChars * 4
        ? unreadable('网页内容过长，不像一份年度报告')
        : readHtml(html);
    }
    case 'text': {
      const text = decodeText(bytes);
      if (text === null) return unreadable('文本文件的编码无法识别');
      return tooLong(text) ? unreadable('文字内容过长，不像一份年度报告') : readPlainText(text);
    }
    default:
      return unreadable('无法识别的文件类型（支持PDF、Word(.docx)、HTML网页和纯文本）');
  }
}

/** Reads and parses a report file; `unreadable` with the reason when it is not one. */
export async function readReport(
  bytes: Uint8Array,
  fileName = '',
  limits: Partial<CheckLimits> = {},
): Promise<ParsedReport | Unreadable> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length === 0) return unreadable('文件是空的');
  if (bytes.length > lim.maxBytes) return unreadable(`文件大小超过${mb(lim.maxBytes)}的上限`);
  const started = Date.now();
  try {
    const doc = await toDocument(bytes, fileName, lim);
    if (isUnreadable(doc)) return doc;
    const parsed = parseReport(doc);
    if (Date.now() - started > lim.timeBudgetMs) return unreadable('处理超时，文件可能过于复杂');
    return parsed;
  } catch {
    return unreadable('文件无法解析');
  }
}

export async function checkReport(
  bytes: Uint8Array,
  fileName = '',
  options: CheckReportOptions = {},
): Promise<CheckResult> {
  const parsed = await readReport(bytes, fileName, options.limits);
  if (isUnreadable(parsed)) return parsed;
  let previous: ParsedReport | undefined;
  let previousProblem: string | null = null;
  if (options.previous && 'bytes' in options.previous) {
    const p = await readReport(options.previous.bytes, options.previous.fileName, options.limits);
    if (isUnreadable(p)) previousProblem = p.reason;
    else previous = p;
  } else previous = options.previous;
  const findings = runChecks(parsed, { previous });
  if (previousProblem)
    findings.push({
      rule: 'V6',
      severity: 'warning',
      message: `上一年度报告无法读取（${previousProblem}），未做跨年度比较`,
      cells: [],
    });
  return {
    year: parsed.year,
    format: parsed.format,
    agency: parsed.agency,
    tables: parsed.tables,
    findings,
    verdict: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass',
  };
}
