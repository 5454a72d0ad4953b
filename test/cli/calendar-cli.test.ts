/**
 * `gongkai calendar …` as a user runs it: main() from src/cli.ts on a throw-away data directory (a fresh
 * embedded database, migrated on the spot). Answers on stdout, warnings and errors on stderr; the runner
 * repeats this file under TZ=UTC and TZ=Asia/Shanghai, and the answers must not change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function gongkai(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('gongkai calendar', () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongkai-cli-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL; // the embedded database in DATA_DIR, never a configured server
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [['add-workdays', '2025-09-26', '20'], '2025-10-30'], // E1
    [['add-workdays', '2025-09-26', '0'], '2025-09-26'],
    [['add-workdays', '2025-09-30', '1'], '2025-10-09'],
    [['is-workday', '2025-10-11'], 'true'], // Saturday, 调休上班
    [['is-workday', '2025-10-08'], 'false'],
    [['is-workday', '2026-02-14'], 'true'],
    [['count-workdays', '2025-09-26', '2025-10-30'], '20'],
    [['count-workdays', '2025-10-30', '2025-09-26'], '0'],
  ])('calendar %j prints %s', async (args, answer) => {
    expect(await gongkai('calendar', ...args)).toEqual({ code: 0, stdout: answer, stderr: '' });
  });

  it('answers for 2027 on stdout and warns on stderr that the year is provisional', async () => {
    const r = await gongkai('calendar', 'is-workday', '2027-01-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('false');
    expect(r.stderr).toMatch(/provisional/);
    expect(r.stderr).toContain('2027');
    const add = await gongkai('calendar', 'add-workdays', '2026-12-15', '20');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^2027-01-\d\d$/);
    expect(add.stderr).toContain('2027');
  });

  it.each([
    [['add-workdays', '2025-02-30', '5'], /D must be a real date/],
    [['add-workdays', 'garbage', '5'], /D must be a real date/],
    [['add-workdays', '2025-09-26', '-1'], /N must be a whole number/],
    [['add-workdays', '2025-09-26', '1.5'], /N must be a whole number/],
    [['add-workdays', '2025-09-26', '10000'], /N must be a whole number/],
    [['add-workdays', '2025-09-26', 'abc'], /N must be a whole number/],
    [['add-workdays', '2025-09-26'], /N must be a whole number/],
    [['is-workday'], /D must be a real date/],
    [['is-workday', '2025-13-01'], /D must be a real date/],
    [['count-workdays', '2025-09-26', '2025/10/30'], /B must be a real date/],
    [['next-workday', '2025-09-26'], /unknown calendar command/],
  ])('calendar %j fails with a plain message', async (args, message) => {
    const r = await gongkai('calendar', ...args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
