/**
 * The command line: `gongkai <command>`. Messages are plain; failures exit
 * non-zero with one line naming what is wrong (never a stack trace).
 *
 *   demo                          start with demo data on the embedded database (npm start)
 *   serve                         start for production (real secrets, migrated schema, no demo data)
 *   migrate                       bring the database to the latest schema
 *   calendar add-workdays D N     the N-th working day after D
 *   calendar is-workday D         true or false
 *   calendar count-workdays A B   working days d with A < d ≤ B
 *   audit verify                  check every audit chain against its key and checkpoints
 *   audit checkpoint              record the current chain heads
 *   user create-admin U NAME      create a platform admin; prints a one-time password
 *   report check FILE [--json]    check a published annual report (PDF, .docx, HTML, text); exit 0/1/2
 *   import publications --agency CODE --file F   import an agency's archive of published items; exit 0/1/2
 *   import cases --agency CODE FILE [--dry-run]  import an old system's 依申请公开 cases; exit 0/1/2
 *   search rebuild [--agency CODE]                rebuild the full-text search index
 *   cases due --agency CODE [--json]              open applications with their due dates
 *   cases reseal-files                            seal applicants' files of earlier installs / previous keys
 *   portal prerender [--agency CODE] [--shard I/N] render item pages into the page store (ADR 0014)
 */
import { type Config, ConfigError, loadConfig, type Mode } from './config.js';
import { connect } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { newUserRow } from './modules/accounts/accounts.js';
import { findUserByUsername, insertUser } from './modules/accounts/accounts.repository.js';
import { systemActor } from './modules/accounts/commands/context.js';
import { writeCheckpoints } from './platform/audit/checkpoint.js';
import { verifyAudit } from './platform/audit/verify.js';
import { generatePassword, hashPassword } from './platform/auth/passwords.js';
import { systemClock } from './platform/clock.js';
import { parseLegalDate } from './platform/legal-date.js';
import { startServer } from './server.js';
import { createServices } from './services.js';

const USAGE = `usage: gongkai <command>
  demo                          start with demo data on the embedded SQLite database
  serve                         start for production (needs real secrets and a migrated database)
  migrate                       bring the database to the latest schema
  calendar add-workdays D N     print the N-th working day after date D (YYYY-MM-DD)
  calendar is-workday D         print true or false
  calendar count-workdays A B   print the number of working days d with A < d <= B
  audit verify                  verify every audit chain; exit 1 on any problem
  audit checkpoint              record the audit chain heads (database and checkpoint file)
  user create-admin USERNAME NAME   create a platform admin and print a one-time password
  report check FILE [--json]    check a 政府信息公开工作年度报告; exit 0 pass, 1 a hard rule fails, 2 unreadable
  import publications --agency CODE --file ROWS.csv|ROWS.json [--attachments DIR] [--dry-run]
         [--allow-findings REASON]   import published items; exit 0 imported, 1 problems (nothing imported)
  import cases --agency CODE FILE.csv [--dry-run]   import an old system's 依申请公开 cases (open and closed,
         with their key dates); exit 0 imported, 1 problems (nothing imported), 2 usage
  search rebuild [--agency CODE]   rebuild the search index (all live items, or one agency's)
  portal prerender [--agency CODE] [--shard I/N] [--concurrency K]   render item pages into the page store
  cases due --agency CODE [--json]   list the agency's open 依申请公开 cases with their due dates
  cases reseal-files            seal applicants' files an earlier install kept in clear and re-seal files of a
         previous PERSONAL_DATA_KEY; print the counts; exit 0 all sealed, 1 damaged files, 2 usage
Settings come from the environment; see .env.example.`;

class UsageError extends Error {}

function config(mode: Mode): Config {
  return loadConfig(process.env, mode);
}

function requireDate(v: string | undefined, what: string): string {
  const d = parseLegalDate(v);
  if (!d) throw new UsageError(`${what} must be a real date written YYYY-MM-DD (got "${v ?? ''}")`);
  return d;
}

/** Tools open the configured database; a fresh embedded one is created and migrated on the spot. */
async function withDb<T>(cfg: Config, fn: (h: ReturnType<typeof connect>) => Promise<T>): Promise<T> {
  const handle = connect({ databaseUrl: cfg.databaseUrl, sqliteFile: cfg.sqliteFile });
  try {
    if (handle.dialect === 'sqlite') await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function calendar(args: string[]): Promise<number> {
  const [sub, a, b] = args;
  const cfg = config('tool');
  return withDb(cfg, async (h) => {
    const { services } = createServices(cfg, { handle: h });
    const cal = await services.calendar.get(h.db);
    let out: string;
    let span: [string, string];
    if (sub === 'add-workdays') {
      const d = requireDate(a, 'D');
      if (!b || !/^\d{1,4}$/.test(b))
        throw new UsageError(`N must be a whole number from 0 to 9999 (got "${b ?? ''}")`);
      out = cal.addWorkdays(d as never, Number(b));
      span = [d, out];
    } else if (sub === 'is-workday') {
      const d = requireDate(a, 'D');
      out = String(cal.isWorkday(d as never));
      span = [d, d];
    } else if (sub === 'count-workdays') {
      const x = requireDate(a, 'A');
      const y = requireDate(b, 'B');
      out = String(cal.countWorkdays(x as never, y as never));
      span = x <= y ? [x, y] : [y, x];
    } else throw new UsageError(`unknown calendar command "${sub ?? ''}"`);
    const provisional = cal.provisionalYearsBetween(span[0] as never, span[1] as never);
    console.log(out);
    if (provisional.length > 0)
      console.error(
        `warning: provisional result — no holiday notice has been entered for ${provisional.join(', ')}; only the statutory holidays are counted and no 调休 is assumed`,
      );
    return 0;
  });
}

async function audit(args: string[]): Promise<number> {
  const cfg = config('tool');
  if (!cfg.auditKey) throw new UsageError('AUDIT_HMAC_KEY is required for audit commands');
  return withDb(cfg, async (h) => {
    if (args[0] === 'verify') {
      const r = await verifyAudit(h.db, { auditKey: cfg.auditKey, checkpointFile: cfg.auditCheckpointFile });
      for (const p of r.problems)
        console.log(`PROBLEM ${p.chain}${p.seq !== undefined ? ` #${p.seq}` : ''} [${p.kind}] ${p.message}`);
      console.log(
        `${r.ok ? 'OK' : 'FAILED'}: ${r.chains} chains, ${r.events} events, ${r.problems.length} problems`,
      );
      return r.ok ? 0 : 1;
    }
    if (args[0] === 'checkpoint') {
      const n = await writeCheckpoints(h.db, {
        auditKey: cfg.auditKey,
        checkpointFile: cfg.auditCheckpointFile,
        clock: systemClock,
      });
      console.log(`${n} checkpoints written`);
      return 0;
    }
    throw new UsageError(`unknown audit command "${args[0] ?? ''}"`);
  });
}

async function createAdmin(args: string[]): Promise<number> {
  const [sub, username, ...name] = args;
  if (sub !== 'create-admin') throw new UsageError(`unknown user command "${sub ?? ''}"`);
  if (!username || !/^[a-z][a-z0-9._-]{2,31}$/.test(username))
    throw new UsageError(
      'USERNAME must start with a lower-case letter and use a-z 0-9 . _ - (3 to 32 characters)',
    );
  if (name.length === 0) throw new UsageError('NAME is required');
  const cfg = config('tool');
  if (!cfg.auditKey || !cfg.piiKey) throw new UsageError('AUDIT_HMAC_KEY and PII_HASH_KEY are required');
  return withDb(cfg, async (h) => {
    const { services } = createServices(cfg, { handle: h });
    if (await findUserByUsername(h.db, username))
      throw new UsageError(`username "${username}" is already taken`);
    const password = generatePassword();
    const now = new Date().toISOString();
    const id = crypto.randomUUID();
    await h.db.transaction().execute(async (trx) => {
      await insertUser(
        trx,
        newUserRow({
          id,
          username,
          displayName: name.join(' '),
          agencyId: null,
          isPlatformAdmin: true,
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
          now,
        }),
      );
      await services.audit.record(trx, systemActor(), {
        agencyId: null,
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        after: { username, isPlatformAdmin: true, source: 'cli' },
      });
    });
    console.log(
      `platform admin "${username}" created; one-time password (must be changed at first sign-in): ${password}`,
    );
    return 0;
  });
}

async function serve(mode: 'demo' | 'production'): Promise<number> {
  const cfg = config(mode);
  const started = await startServer(cfg, { demo: mode === 'demo' });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await started.stop();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo':
        return await serve('demo');
      case 'serve':
        return await serve('production');
      case 'migrate': {
        const cfg = config('tool');
        const handle = connect({ databaseUrl: cfg.databaseUrl, sqliteFile: cfg.sqliteFile });
        try {
          const r = await migrateToLatest(handle.db);
          const applied = r.results?.filter((x) => x.status === 'Success').map((x) => x.migrationName) ?? [];
          console.log(
            applied.length
              ? `applied ${applied.length} migrations:\n  ${applied.join('\n  ')}`
              : 'database schema is up to date',
          );
        } finally {
          await handle.close();
        }
        return 0;
      }
      case 'calendar':
        return await calendar(rest);
      case 'audit':
        return await audit(rest);
      case 'user':
        return await createAdmin(rest);
      case 'import': {
        if (rest[0] === 'cases') {
          const { importCasesCommand } = await import('./modules/applications/cli-command.js');
          return await importCasesCommand(rest, (fn) => {
            const cfg = config('tool');
            if (!cfg.auditKey || !cfg.piiKey)
              throw new UsageError('AUDIT_HMAC_KEY and PII_HASH_KEY are required');
            return withDb(cfg, (h) => fn(createServices(cfg, { handle: h }).services));
          });
        }
        const { importCommand } = await import('./modules/publications/import/cli-command.js');
        return await importCommand(rest, (fn) => {
          const cfg = config('tool');
          if (!cfg.auditKey || !cfg.piiKey)
            throw new UsageError('AUDIT_HMAC_KEY and PII_HASH_KEY are required');
          return withDb(cfg, (h) => fn(createServices(cfg, { handle: h }).services));
        });
      }
      case 'search': {
        const { searchCommand } = await import('./modules/search/cli-command.js');
        return await searchCommand(rest, (fn) => withDb(config('tool'), (h) => fn(h.db)));
      }
      case 'cases': {
        const { casesCommand } = await import('./modules/applications/cli-command.js');
        const cfg = config('tool');
        return await casesCommand(rest, (fn) =>
          withDb(cfg, (h) => fn(createServices(cfg, { handle: h }).services)),
        );
      }
      case 'portal': {
        const { portalCommand } = await import('./modules/portal/page-cache/cli-command.js');
        const cfg = config('tool');
        return await portalCommand(rest, (fn) =>
          withDb(cfg, async (h) => {
            const { buildApp } = await import('./app.js');
            const app = await buildApp(createServices(cfg, { handle: h }).services);
            try {
              await app.ready();
              return await fn(app);
            } finally {
              await app.close();
            }
          }),
        );
      }
      case 'report': {
        const { reportCommand } = await import('./modules/annual-reports/checker/cli-command.js');
        return await reportCommand(rest);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof UsageError) console.error(`gongkai: ${err.message}\n\n${USAGE}`);
    else console.error(`gongkai: ${describe(err)}`);
    return err instanceof UsageError ? 2 : 1;
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'ECONNREFUSED')
    return 'cannot connect to the database (connection refused): check DATABASE_URL and that the server is running';
  if (e?.code === 'ENOTFOUND') return 'cannot connect to the database (host not found): check DATABASE_URL';
  if (e?.code === '3D000') return `the database named in DATABASE_URL does not exist (${e.message})`;
  if (e?.code === '28P01' || e?.code === '28000')
    return 'the database refused the credentials in DATABASE_URL';
  if (e?.code === 'EADDRINUSE') return `the port is already in use (${e.message}); set PORT to another port`;
  if (e?.code === 'EACCES') return `permission denied: ${e.message}`;
  return e?.message ?? String(err);
}
