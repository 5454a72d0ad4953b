/**
 * `gongkai report check FILE [--json] [--previous LAST_YEAR_FILE]`: prints a summary (or the JSON answer)
 * and returns the exit code — 0 no hard rule fails, 1 one does, 2 the file cannot be read as a report (or
 * the command is wrong). Needs no configuration and no database.
 */
import { readFile, stat } from 'node:fs/promises';
import { checkReport, DEFAULT_LIMITS } from './check-report.js';
import { type CheckResult, exitCodeOf, type Unreadable } from './model.js';
import { summarize } from './summary.js';

export const REPORT_USAGE = `usage: gongkai report check FILE [--json] [--previous LAST_YEAR_FILE]
  FILE is a 政府信息公开工作年度报告 as PDF, Word (.docx), HTML or plain text.
  Exit 0: no hard rule fails; 1: a hard rule fails; 2: the file cannot be read as a report.`;

export interface ReportIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: ReportIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** The file's bytes, or why not: refuses oversized files before reading them. */
async function load(path: string): Promise<Uint8Array | Unreadable> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { verdict: 'unreadable', reason: `“${path}”不是文件` };
    if (info.size > DEFAULT_LIMITS.maxBytes)
      return {
        verdict: 'unreadable',
        reason: `文件大小超过${DEFAULT_LIMITS.maxBytes / 1024 / 1024}MB的上限`,
      };
    return new Uint8Array(await readFile(path));
  } catch {
    return { verdict: 'unreadable', reason: `无法打开文件“${path}”` };
  }
}

/** Indented JSON with each table row (an array of numbers) kept on one line. */
function toJson(result: CheckResult): string {
  return JSON.stringify(result, null, 2).replace(
    /\[\s+([^[\]{}"]*?)\s+\]/g,
    (_, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`,
  );
}

export async function reportCommand(args: string[], io: ReportIo = consoleIo): Promise<number> {
  const [sub, ...rest] = args;
  const json = rest.includes('--json');
  const prevAt = rest.indexOf('--previous');
  const previousPath = prevAt >= 0 ? rest[prevAt + 1] : undefined;
  const files = rest.filter((a, i) => a !== '--json' && (prevAt < 0 || (i !== prevAt && i !== prevAt + 1)));
  if (sub !== 'check' || files.length !== 1 || (prevAt >= 0 && !previousPath) || files[0]!.startsWith('--')) {
    io.err(
      `gongkai: ${sub === 'check' ? 'report check needs exactly one FILE' : `unknown report command "${sub ?? ''}"`}\n\n${REPORT_USAGE}`,
    );
    return 2;
  }
  const file = files[0]!;
  const bytes = await load(file);
  let result: CheckResult;
  if (bytes instanceof Uint8Array) {
    const previous = previousPath ? await load(previousPath) : undefined;
    result = await checkReport(bytes, file, {
      previous: previous instanceof Uint8Array ? { bytes: previous, fileName: previousPath } : undefined,
    });
    if (previous && !(previous instanceof Uint8Array) && result.verdict !== 'unreadable')
      result.findings.push({
        rule: 'V6',
        severity: 'warning',
        message: `上一年度报告：${previous.reason}，未做跨年度比较`,
        cells: [],
      });
  } else result = bytes;
  io.out(json ? toJson(result) : summarize(result, file));
  return exitCodeOf(result);
}
