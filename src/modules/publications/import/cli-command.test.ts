/**
 * `gongkai import publications`: through main() on an embedded SQLite file (exit 0 imported, 1 problems
 * and nothing imported, 2 wrong arguments), and through the command on every dialect.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { main } from '../../../cli.js';
import { loadConfig } from '../../../config.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { seedDemo } from '../../../demo/seed.js';
import { createServices } from '../../../services.js';
import { textPdf } from '../../checks/test-files.fixture.js';
import { importCommand } from './cli-command.js';
import { csvOf, DEMO_CODE, ID_NUMBER } from './import.fixtures.js';

const SECRETS = {
  SESSION_SECRET: 's'.repeat(40),
  AUDIT_HMAC_KEY: 'a'.repeat(40),
  PII_HASH_KEY: 'p'.repeat(40),
};

const HEADER = ['索引号', '标题', '栏目', '正文', '发布日期', '附件'];
const good = (indexNo: string, attachment = '') => [
  indexNo,
  '关于低保标准的通知',
  '民生政策',
  '正文',
  '2025-06-01',
  attachment,
];

async function run(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  delete process.env.DATABASE_URL;
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

describe('gongkai import publications (embedded SQLite)', () => {
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string, content: string | Uint8Array) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const count = async () => {
    const cfg = loadConfig(env, 'tool');
    const { handle } = createServices(cfg);
    try {
      const r = await handle.db
        .selectFrom('publications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    } finally {
      await handle.close();
    }
  };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-import-cli-'));
    env = { DATA_DIR: dir, ...SECRETS };
    const { services, handle } = createServices(loadConfig(env, 'tool'));
    await migrateToLatest(handle.db);
    await seedDemo(services);
    await handle.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports and exits 0, printing each item with its 索引号', async () => {
    file('notice.pdf', textPdf([['Tongzhi']]));
    const rows = file('rows.csv', csvOf(HEADER, [good('MZ-CLI-0001', 'notice.pdf'), good('MZ-CLI-0002')]));
    const r = await run(
      ['import', 'publications', '--agency', DEMO_CODE, '--file', rows, '--attachments', dir],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已导入2条信息（附件1个）到“示例市民政局”');
    expect(r.stdout).toContain('第2行\tMZ-CLI-0001\t关于低保标准的通知');
    expect(await count()).toBe(2);
  });

  it('prints every problem, one per line, exits 1 and imports nothing', async () => {
    const rows = file(
      'rows.csv',
      csvOf(HEADER, [good('MZ-CLI-0001'), ['', '', '民生政策', '正文', '2021-02-30', '']]),
    );
    const r = await run(['import', 'publications', `--agency=${DEMO_CODE}`, `--file=${rows}`], env);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      '第3行 索引号：不能为空',
      '第3行 标题：不能为空',
      '第3行 发布日期：“2021-02-30”不是有效日期',
    ]);
    expect(r.stderr).toContain('共3个问题，未导入任何信息');
    expect(await count()).toBe(0);
  });

  it('validates only with --dry-run', async () => {
    const rows = file('rows.csv', csvOf(HEADER, [good('MZ-CLI-0001')]));
    const r = await run(['import', 'publications', '--agency', DEMO_CODE, '--file', rows, '--dry-run'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('校验通过：1条信息（附件0个）可以导入到“示例市民政局”。未写入任何数据。');
    expect(await count()).toBe(0);
  });

  it('exits 1 for an unknown agency or an unreadable file, 2 for wrong arguments', async () => {
    const rows = file('rows.csv', csvOf(HEADER, [good('MZ-CLI-0001')]));
    const unknown = await run(['import', 'publications', '--agency', 'NOPE', '--file', rows], env);
    expect([unknown.code, unknown.stdout]).toEqual([1, '单位：平台上没有代码为“NOPE”的单位']);
    const missing = await run(
      ['import', 'publications', '--agency', DEMO_CODE, '--file', path.join(dir, 'no.csv')],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('文件：无法打开');
    const noFolder = await run(
      [
        'import',
        'publications',
        '--agency',
        DEMO_CODE,
        '--file',
        rows,
        '--attachments',
        path.join(dir, 'none'),
      ],
      env,
    );
    expect(noFolder.code).toBe(1);
    for (const args of [
      ['import', 'publications', '--file', rows],
      ['import', 'publications', '--agency', DEMO_CODE],
      ['import', 'publications', '--agency', DEMO_CODE, '--file', rows, '--force'],
      ['import', 'applications'],
      ['import', 'publications', '--agency', DEMO_CODE, '--file'],
    ]) {
      const r = await run(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: gongkai import publications');
    }
  });
});

for (const dialect of dialects) {
  describe(`import command [${dialect}]`, () => {
    let t: TestApp;
    let dir: string;
    beforeAll(async () => {
      t = await testApp(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'gk-import-cmd-'));
      writeFileSync(path.join(dir, '名单.pdf'), textPdf([['Mingdan', `ID ${ID_NUMBER}`]]));
      writeFileSync(path.join(dir, 'rows.csv'), csvOf(HEADER, [good('MZ-CMD-0001', '名单.pdf')]));
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t?.close();
    });

    const cmd = async (...extra: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const args = [
        'publications',
        '--agency',
        DEMO_CODE,
        '--file',
        path.join(dir, 'rows.csv'),
        '--attachments',
        dir,
      ];
      const code = await importCommand([...args, ...extra], (fn) => fn(t.services), {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
      return { code, out, err };
    };

    it('refuses a finding (exit 1) until --allow-findings gives a reason (exit 0)', async () => {
      const blocked = await cmd();
      expect(blocked.code).toBe(1);
      expect(blocked.out[0]).toBe(
        '第2行 附件：附件“名单.pdf”中发现身份证号“110***********002X”：疑似居民身份证号码（校验位正确），属于个人信息，发布前须删除或遮盖',
      );
      expect(blocked.out[1]).toContain('--allow-findings');
      const allowed = await cmd('--allow-findings', '公示名单，已经本人书面同意');
      expect(allowed.code).toBe(0);
      expect(allowed.out[0]).toContain('已导入1条信息（附件1个）');
      const audit = await t.services.db
        .selectFrom('audit_events')
        .select(['actor_label', 'actor_id'])
        .where('action', '=', 'publication.import')
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({ actor_label: '系统', actor_id: null });
    });
  });
}
