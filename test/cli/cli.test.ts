/** The command line: bad settings name the variable and exit non-zero; migrate and audit verify work. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';

const SECRETS = {
  SESSION_SECRET: 's'.repeat(40),
  AUDIT_HMAC_KEY: 'a'.repeat(40),
  PII_HASH_KEY: 'p'.repeat(40),
  PERSONAL_DATA_KEY: '0123456789abcdef'.repeat(2),
};

async function run(args: string[], env: Record<string, string | undefined>) {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  for (const k of ['DATABASE_URL', 'SESSION_SECRET', 'AUDIT_HMAC_KEY', 'PII_HASH_KEY', 'PORT'])
    delete process.env[k];
  Object.assign(process.env, env);
  try {
    const code = await main(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.env = saved;
  }
}

describe('gongkai CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to serve without real secrets, naming every missing variable', async () => {
    const r = await run(['serve'], { DATA_DIR: dir });
    expect(r.code).toBe(1);
    for (const key of ['SESSION_SECRET', 'AUDIT_HMAC_KEY', 'PII_HASH_KEY']) expect(r.stderr).toContain(key);
  });

  it('names a malformed setting', async () => {
    const r = await run(['serve'], {
      DATA_DIR: dir,
      ...SECRETS,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x/y',
      SESSION_SECRET: 'short',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT must be a whole number');
    expect(r.stderr).toContain('DATABASE_URL must start with postgres://');
    expect(r.stderr).toContain('SESSION_SECRET must be at least 32 characters');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to serve an unmigrated database and points to migrate', async () => {
    const r = await run(['serve'], { DATA_DIR: dir, ...SECRETS, PORT: '39999' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gongkai migrate');
  });

  it('migrates the embedded database once, then reports it up to date', async () => {
    const first = await run(['migrate'], { DATA_DIR: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2026-11-22-001-foundation');
    const second = await run(['migrate'], { DATA_DIR: dir });
    expect(second.stdout).toContain('up to date');
  });

  it('says plainly when PostgreSQL cannot be reached', async () => {
    const r = await run(['migrate'], {
      DATA_DIR: dir,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot connect to the database');
  });

  it('prints usage for an unknown command with exit code 2', async () => {
    const r = await run(['frobnicate'], { DATA_DIR: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('creates a platform admin once and verifies the audit trail, detecting an edit', async () => {
    const env = { DATA_DIR: dir, ...SECRETS };
    const created = await run(['user', 'create-admin', 'ops.admin', '运维', '管理员'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/one-time password .*: \S+/);
    const again = await run(['user', 'create-admin', 'ops.admin', 'X'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already taken');
    expect((await run(['audit', 'checkpoint'], env)).stdout).toContain('1 checkpoints written');
    const ok = await run(['audit', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('OK: 1 chains, 1 events, 0 problems');
    const wrongKey = await run(['audit', 'verify'], { ...env, AUDIT_HMAC_KEY: 'b'.repeat(40) });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toContain('FAILED');
  });
});
