/**
 * `gongkai report check FILE [--json]`: exit codes 0/1/2, the JSON shape of issue 6, the readable summary,
 * and the command wired into src/cli.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../cli.js';
import { FIXTURES, seedText } from './checker.fixture.js';
import { reportCommand } from './cli-command.js';

let dir: string;
const files: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gk-report-'));
  const seed = seedText('seed-003-2019');
  const put = (name: string, text: string) => {
    files[name] = path.join(dir, name);
    writeFileSync(files[name]!, text);
  };
  put('pass.txt', seed);
  put('fail.txt', seed.replace('| (七)总计 | 6 |', '| (七)总计 | 7 |'));
  put('old.txt', seedText('seed-004-2017'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await reportCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('gongkai report check', () => {
  it('exit 0 and a readable summary for a passing report', async () => {
    const r = await run('check', files['pass.txt']!);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('佳木斯市民政局 2019年度政府信息公开工作年度报告（2019年格式）');
    expect(r.stdout).toContain('结论：通过');
    expect(r.stdout).toContain('[V11]');
  });

  it('exit 1 and --json in the shape of issue 6 for a failing report', async () => {
    const r = await run('check', files['fail.txt']!, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['year', 'format', 'agency', 'tables', 'findings', 'verdict']);
    expect(json).toMatchObject({ year: 2019, format: '2019', agency: '佳木斯市民政局', verdict: 'fail' });
    expect(Object.keys(json.tables)).toEqual(['T2', 'T3', 'T4']);
    expect(json.tables.T3['R21-23']).toHaveLength(7);
    expect(json.tables.T4.K15).toBe(0);
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'cells']);
      expect(['error', 'warning']).toContain(f.severity);
    }
    expect(json.findings.find((f: { rule: string }) => f.rule === 'V1').cells).toContain('T3.R24.C1');
  });

  it('exit 2 with the reason for a report older than the 2019 format', async () => {
    const r = await run('check', files['old.txt']!, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ verdict: 'unreadable', reason: '格式早于2019年' });
    const plain = await run('check', files['old.txt']!);
    expect(plain.stdout).toContain('格式早于2019年');
  });

  it('exit 2 for a missing file and for a wrong command line', async () => {
    expect((await run('check', path.join(dir, 'nope.pdf'), '--json')).stdout).toContain(
      '"verdict": "unreadable"',
    );
    expect((await run('check')).code).toBe(2);
    expect((await run('check', 'a', 'b')).code).toBe(2);
    expect((await run('verify', 'a')).stderr).toContain('unknown report command');
  });

  it('reads every fixture format', async () => {
    for (const ext of ['txt', 'html', 'docx', 'pdf']) {
      const r = await run('check', path.join(FIXTURES, `report-2021.${ext}`), '--json');
      expect(r.code, ext).toBe(0);
      expect(JSON.parse(r.stdout).year).toBe(2023);
    }
  });

  it('accepts last year’s report with --previous', async () => {
    const r = await run('check', files['pass.txt']!, '--previous', files['pass.txt']!, '--json');
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('V6'); // a 2019 report given as its own previous year
  });

  it('is wired into `gongkai` (src/cli.ts)', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      expect(await main(['report', 'check', files['fail.txt']!, '--json'])).toBe(1);
    } finally {
      log.mockRestore();
    }
    expect(JSON.parse(out.join('\n')).verdict).toBe('fail');
  });
});
