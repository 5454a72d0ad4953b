/**
 * `gongkai import publications --agency CODE --file ROWS.csv|ROWS.json [--attachments DIR] [--dry-run]
 * [--allow-findings REASON]`: prints every problem, one per line, and exits 1 (nothing imported), or
 * prints what was imported (or, with --dry-run, what would be) and exits 0. Exit 2: wrong arguments.
 * Runs as the system actor.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../../../platform/services.js';
import { findAgencyByCode } from '../../accounts/accounts.repository.js';
import { systemActor } from '../../accounts/commands/context.js';
import { type AttachmentSource, directorySource } from './archive.js';
import { type ImportResult, importPublications } from './import-publications.js';
import { formatProblem, rowPlace } from './problems.js';
import { DATA_FILE_MAX_BYTES } from './source.js';

export const IMPORT_USAGE = `usage: gongkai import publications --agency CODE --file ROWS.csv|ROWS.json [options]
  --agency CODE            the agency's code (统一社会信用代码), e.g. 11510100DEMO00002X
  --file FILE              CSV (UTF-8 or GBK, header row) or JSON (array of objects); see the import README
  --attachments DIR        folder the 附件 column's file names are relative to
  --dry-run                validate only; write nothing
  --allow-findings REASON  import despite 身份证号/银行卡号/敏感词 findings, recording REASON as the override
  Exit 0: imported (or valid, with --dry-run); 1: problems, nothing imported; 2: wrong arguments.`;

export interface ImportIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: ImportIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

interface Options {
  agency: string;
  file: string;
  attachments: string | null;
  dryRun: boolean;
  allowFindings: string | null;
}

function parseArgs(args: string[]): Options | string {
  const [sub, ...rest] = args;
  if (sub !== 'publications') return `unknown import command "${sub ?? ''}"`;
  const o: Partial<Options> = { attachments: null, dryRun: false, allowFindings: null };
  const valued = {
    '--agency': 'agency',
    '--file': 'file',
    '--attachments': 'attachments',
    '--allow-findings': 'allowFindings',
  } as const;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i]!.split(/=(.*)/s) as [string, string | undefined];
    if (flag === '--dry-run' && inline === undefined) o.dryRun = true;
    else if (flag in valued) {
      const value = inline ?? rest[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        return `${flag} needs a value`;
      o[valued[flag as keyof typeof valued]] = value;
    } else return `unknown option "${rest[i]}"`;
  }
  if (!o.agency) return '--agency CODE is required';
  if (!o.file) return '--file FILE is required';
  return o as Options;
}

async function readDataFile(file: string): Promise<Uint8Array | string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return `“${file}”不是文件`;
    if (info.size > DATA_FILE_MAX_BYTES) return `超过${DATA_FILE_MAX_BYTES / 1024 / 1024} MB，请分批导入`;
    return new Uint8Array(await readFile(file));
  } catch {
    return `无法打开“${file}”`;
  }
}

async function openFolder(dir: string): Promise<AttachmentSource | string> {
  try {
    if (!(await stat(dir)).isDirectory()) return `“${dir}”不是目录`;
    return await directorySource(dir);
  } catch {
    return `无法打开目录“${dir}”`;
  }
}

export async function importCommand(
  args: string[],
  withServices: WithServices,
  io = consoleIo,
): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    io.err(`gongkai: ${o}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const bytes = await readDataFile(o.file);
  if (typeof bytes === 'string') return fail(io, `文件：${bytes}`);
  const attachments = o.attachments ? await openFolder(o.attachments) : null;
  if (typeof attachments === 'string') return fail(io, `附件目录：${attachments}`);
  return withServices(async (services) => {
    const agency = await findAgencyByCode(services.db, o.agency);
    if (!agency) return fail(io, `单位：平台上没有代码为“${o.agency}”的单位`);
    const result = await importPublications(
      { services, actor: systemActor(), principal: null },
      {
        agencyId: agency.id,
        file: { name: path.basename(o.file), bytes },
        attachments,
        dryRun: o.dryRun,
        allowFindings: o.allowFindings,
      },
    );
    report(io, result, agency.name);
    return result.ok ? 0 : 1;
  });
}

function fail(io: ImportIo, line: string): number {
  io.out(line);
  io.err('未导入任何信息。');
  return 1;
}

function report(io: ImportIo, r: ImportResult, agencyName: string): void {
  const unit = r.format === 'json' ? '条' : '行';
  if (!r.ok) {
    for (const p of r.problems) io.out(formatProblem(p));
    if (r.problems.some((p) => p.finding))
      io.out('如确认检查发现的内容可以公开，可加 --allow-findings "理由" 重新导入，理由将记入审计日志。');
    io.err(`共${r.problems.length}个问题，未导入任何信息（文件共${r.rows}条信息）。请修改后重新导入。`);
    return;
  }
  const files = r.items.reduce((n, i) => n + i.attachments, 0);
  io.out(
    r.dryRun
      ? `校验通过：${r.items.length}条信息（附件${files}个）可以导入到“${agencyName}”。未写入任何数据。`
      : `已导入${r.items.length}条信息（附件${files}个）到“${agencyName}”，状态为已发布：`,
  );
  for (const i of r.items) io.out(`  ${rowPlace(unit, i.line)}\t${i.indexNo}\t${i.title}`);
}
