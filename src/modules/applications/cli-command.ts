/**
 * `gongkai import cases --agency CODE FILE [--dry-run]` (below): the go-live import of an old system's cases
 * (intake/import-cases.ts); exit 0 imported (or valid), 1 problems (nothing imported), 2 wrong arguments.
 *
 * `gongkai cases due --agency CODE [--json]`: the agency's open applications with their due dates, soonest
 * first (those without a due date — stopped for 补正 or in an open-ended pause — last). Exit 0; 1 when the
 * agency is unknown; 2 on wrong arguments. Reads only; prints no personal data.
 *
 * `gongkai cases reseal-files`: `resealApplicationFiles` (sealed-files.ts, ADR 0013) — seals the clear files
 * an earlier install left under `files/<sha256>` and re-seals files of a previous PERSONAL_DATA_KEY; prints
 * the counts. Exit 0 when every file is sealed with the current key; 1 when some file is damaged (left for a
 * person to look at) or the keys are not configured; 2 on wrong arguments. Audited (counts only).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../../platform/services.js';
import { findAgencyByCode } from '../accounts/accounts.repository.js';
import { systemActor } from '../accounts/commands/context.js';
import { formatProblem, importCases } from './intake/import-cases.js';
import { openCasesByDueDate } from './queries.js';
import { resealApplicationFiles } from './sealed-files.js';

export const CASES_USAGE = `usage: gongkai cases due --agency CODE [--json]
       gongkai cases reseal-files
  --agency CODE   the agency's code (统一社会信用代码)
  --json          one JSON array instead of a table
  reseal-files    seal applicants' files stored in clear by an earlier install and re-seal files of a
                  previous PERSONAL_DATA_KEY; exit 0 all sealed, 1 damaged files or keys missing, 2 usage`;

export interface CasesIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CasesIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

type CasesArgs = { sub: 'due'; agency: string; json: boolean } | { sub: 'reseal-files' };

function parseArgs(args: string[]): CasesArgs | string {
  const [sub, ...rest] = args;
  if (sub === 'reseal-files') {
    if (rest.length > 0) return `unknown option "${rest[0]}"`;
    return { sub };
  }
  if (sub !== 'due') return `unknown cases command "${sub ?? ''}"`;
  let agency: string | null = null;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i]!.split(/=(.*)/s) as [string, string | undefined];
    if (flag === '--json' && inline === undefined) json = true;
    else if (flag === '--agency') {
      const value = inline ?? rest[++i];
      if (!value || (inline === undefined && value.startsWith('--'))) return '--agency needs a value';
      agency = value;
    } else return `unknown option "${rest[i]}"`;
  }
  if (!agency) return '--agency is required';
  return { sub, agency, json };
}

const pad = (s: string, n: number) =>
  s + ' '.repeat(Math.max(0, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)));

export async function casesCommand(
  args: string[],
  withServices: WithServices,
  io: CasesIo = consoleIo,
): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`gongkai: ${parsed}\n\n${CASES_USAGE}`);
    return 2;
  }
  if (parsed.sub === 'reseal-files') return resealFiles(withServices, io);
  return withServices(async (services) => {
    const agency = await findAgencyByCode(services.db, parsed.agency);
    if (!agency) {
      io.err(`gongkai: no agency with code "${parsed.agency}"`);
      return 1;
    }
    const cases = await openCasesByDueDate(services, agency.id);
    if (parsed.json) {
      io.out(
        JSON.stringify(
          cases.map((c) => ({
            trackingNo: c.trackingNo,
            state: c.state,
            stateLabel: c.stateLabel,
            receivedOn: c.receivedOn,
            dueOn: c.dueOn,
            workdaysLeft: c.workdaysLeft,
            clockState: c.clockState,
            handler: c.handlerName,
            provisional: c.provisional,
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(`${agency.name}：办理中的政府信息公开申请 ${cases.length} 件`);
    if (cases.length === 0) return 0;
    io.out(
      [pad('申请编号', 18), pad('状态', 20), pad('收到申请之日', 14), pad('答复期限', 12), '剩余工作日'].join(
        ' ',
      ),
    );
    for (const c of cases)
      io.out(
        [
          pad(c.trackingNo, 18),
          pad(c.stateLabel, 20),
          pad(c.receivedOn ?? '', 14),
          pad(c.dueOn ? `${c.dueOn}${c.provisional ? '*' : ''}` : '—', 12),
          c.workdaysLeft === null
            ? '—'
            : c.workdaysLeft < 0
              ? `逾期${-c.workdaysLeft}`
              : String(c.workdaysLeft),
        ].join(' '),
      );
    if (cases.some((c) => c.provisional)) io.out('* 涉及尚无国务院节假日安排通知的年份，为预计日期');
    return 0;
  });
}

async function resealFiles(withServices: WithServices, io: CasesIo): Promise<number> {
  return withServices(async (services) => {
    if (!services.config.personalDataKey || !services.config.auditKey) {
      io.err(
        'gongkai: PERSONAL_DATA_KEY and AUDIT_HMAC_KEY are required to reseal files (the files are sealed with the first, the run is audited with the second)',
      );
      return 1;
    }
    const r = await resealApplicationFiles(services, {
      ...systemActor(),
      actorLabel: '系统（命令行重新加密文件）',
    });
    io.out(`已加密旧版本明文保存的文件：${r.sealed}个`);
    io.out(`已用当前密钥重新加密的文件：${r.resealed}个`);
    io.out(`已删除不再需要的明文文件：${r.clearRemoved}个`);
    if (r.damaged > 0) {
      io.err(`无法打开或与记录不符的文件：${r.damaged}个（未作改动，请人工核查）`);
      return 1;
    }
    io.out('无法打开或与记录不符的文件：0个');
    return 0;
  });
}

// ---------------------------------------------------------------------------------------------------------
// gongkai import cases --agency CODE FILE [--dry-run]

export const IMPORT_CASES_USAGE = `usage: gongkai import cases --agency CODE FILE [--dry-run]
  --agency CODE   the agency's code (统一社会信用代码)
  FILE            CSV (UTF-8 with or without BOM, or GBK/GB18030), header row; see applications/intake/README.md
  --dry-run       check every row and show the cases with their due dates; write nothing
  Exit 0: imported (or valid, with --dry-run); 1: problems, nothing imported; 2: wrong arguments.`;

function parseImportArgs(args: string[]): { agency: string; file: string; dryRun: boolean } | string {
  const [sub, ...rest] = args;
  if (sub !== 'cases') return `unknown import command "${sub ?? ''}"`;
  let agency: string | null = null;
  let file: string | null = null;
  let dryRun = false;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i]!.split(/=(.*)/s) as [string, string | undefined];
    if (flag === '--dry-run' && inline === undefined) dryRun = true;
    else if (flag === '--agency') {
      const value = inline ?? rest[++i];
      if (!value || (inline === undefined && value.startsWith('--'))) return '--agency needs a value';
      agency = value;
    } else if (flag === '--file') {
      const value = inline ?? rest[++i];
      if (!value || (inline === undefined && value.startsWith('--'))) return '--file needs a value';
      file = value;
    } else if (!rest[i]!.startsWith('--') && file === null) file = rest[i]!;
    else return `unknown option "${rest[i]}"`;
  }
  if (!agency) return '--agency is required';
  if (!file) return 'FILE is required';
  return { agency, file, dryRun };
}

export async function importCasesCommand(
  args: string[],
  withServices: WithServices,
  io: CasesIo = consoleIo,
): Promise<number> {
  const parsed = parseImportArgs(args);
  if (typeof parsed === 'string') {
    io.err(`gongkai: ${parsed}\n\n${IMPORT_CASES_USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    const info = await stat(parsed.file);
    if (!info.isFile()) {
      io.err(`gongkai: “${parsed.file}”不是文件`);
      return 1;
    }
    bytes = new Uint8Array(await readFile(parsed.file));
  } catch {
    io.err(`gongkai: 无法打开“${parsed.file}”`);
    return 1;
  }
  return withServices(async (services) => {
    const agency = await findAgencyByCode(services.db, parsed.agency);
    if (!agency) {
      io.err(`gongkai: no agency with code "${parsed.agency}"`);
      return 1;
    }
    if (!parsed.dryRun && !services.config.personalDataKey) {
      io.err(
        'gongkai: PERSONAL_DATA_KEY is required to import cases (the applicants’ data is stored encrypted)',
      );
      return 1;
    }
    const result = await importCases(
      { services, actor: { ...systemActor(), actorLabel: '系统（命令行导入）' } },
      { agencyId: agency.id, file: { name: path.basename(parsed.file), bytes }, dryRun: parsed.dryRun },
    );
    if (!result.ok) {
      io.err(`未导入：发现${result.problems.length}个问题，没有导入任何申请（文件共${result.rows}件）。`);
      for (const p of result.problems) io.err(formatProblem(p));
      return 1;
    }
    io.out(
      result.dryRun
        ? `校验通过（${result.encoding}）：${result.cases.length}件申请可以导入到${agency.name}。本次仅校验，未写入任何数据。`
        : `已导入${result.cases.length}件申请到${agency.name}（${result.encoding}）。`,
    );
    for (const c of result.cases)
      io.out(
        [
          `第${c.line}行`,
          c.legacyNo,
          c.trackingNo ?? '',
          c.stateLabel,
          `收到申请之日${c.receivedOn}`,
          c.closedOn
            ? `${c.outcome}，${c.closedOn}办结`
            : c.dueOn
              ? `答复期限${c.dueOn}`
              : '答复期限：停止计时',
          ...c.remarks.map((r) => `提示：${r}`),
        ]
          .filter(Boolean)
          .join('  '),
      );
    return 0;
  });
}
