/**
 * One typed, validated configuration, read once from the environment.
 * Every key is documented in `.env.example`. `loadConfig` never throws for a
 * single bad key: it collects every problem so the operator fixes them at once.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** production: `serve`; demo: `npm start`; test: the suites; tool: CLI commands that may run without secrets. */
export type Mode = 'production' | 'demo' | 'test' | 'tool';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** `postgres://…` selects PostgreSQL; absent means the embedded SQLite file. */
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile: string;
  /** Signs nothing by itself; used to derive cookie-independent tokens. */
  sessionSecret: string;
  /** Key of the HMAC-SM3 audit chain. Never stored in the database. */
  auditKey: string;
  /** Key for hashing personal data kept in the audit trail. */
  piiKey: string;
  /** SM4 master key (32 hex digits) encrypting applicants' personal data at rest; '' when not configured (tool mode). */
  personalDataKey: string;
  /** Earlier personal-data keys, kept only to read data sealed before a rotation. */
  personalDataPreviousKeys: string[];
  /** Append-only file of audit chain checkpoints, outside the database. */
  auditCheckpointFile: string;
  /** 'auto' = Secure when the request arrived over HTTPS (honouring trustProxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  platformName: string;
  /**
   * The site's public address (https://gk.example.gov.cn, no trailing slash), for the absolute links
   * feeds, the sitemap, robots.txt and the open API carry, used while the site settings' 网站地址 is
   * empty. With neither, links are built from the request's Host.
   */
  publicBaseUrl: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const SECRET_KEYS = ['SESSION_SECRET', 'AUDIT_HMAC_KEY', 'PII_HASH_KEY'] as const;
const MIN_SECRET_LENGTH = 32;

function int(env: Env, key: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function oneOf<T extends string>(
  env: Env,
  key: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    problems.push(`${key} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
  return raw as T;
}

function validatePublicBaseUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {}
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search ||
    url.hash ||
    url.username
  ) {
    problems.push(`PUBLIC_BASE_URL must be an http(s) address without query or fragment (got "${raw}")`);
    return null;
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function validateDatabaseUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)');
    return null;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    problems.push(`DATABASE_URL must start with postgres:// (got "${url.protocol}//")`);
    return null;
  }
  if (!url.pathname || url.pathname === '/') {
    problems.push('DATABASE_URL names no database (expected postgres://user@host:port/database)');
  }
  return raw;
}

/** Demo mode keeps generated secrets in ./data so restarts keep sessions and the audit chain valid. */
function demoSecrets(dataDir: string): Record<(typeof SECRET_KEYS)[number], string> {
  const file = path.join(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = Object.fromEntries(SECRET_KEYS.map((k) => [k, randomBytes(32).toString('hex')])) as Record<
    (typeof SECRET_KEYS)[number],
    string
  >;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/**
 * PERSONAL_DATA_KEY is an SM4 key (16 bytes, 32 hex digits), not a passphrase. Demo mode adds one to
 * demo-secrets.json (also to a file written before the key existed); tools only read it from there.
 */
const PERSONAL_DATA_KEY = /^[0-9a-fA-F]{32}$/;

function demoPersonalDataKey(dataDir: string, create: boolean): string {
  const file = path.join(dataDir, 'demo-secrets.json');
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (secrets.PERSONAL_DATA_KEY || !create) return secrets.PERSONAL_DATA_KEY ?? '';
  secrets.PERSONAL_DATA_KEY = randomBytes(16).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets.PERSONAL_DATA_KEY;
}

function personalDataKeys(env: Env, mode: Mode, dataDir: string, problems: string[]) {
  let key = env.PERSONAL_DATA_KEY ?? '';
  if (!key && mode === 'test') key = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
  if (!key && (mode === 'demo' || mode === 'tool')) key = demoPersonalDataKey(dataDir, mode === 'demo');
  if (!key && mode !== 'tool') problems.push('PERSONAL_DATA_KEY is required (32 hexadecimal digits)');
  else if (key && !PERSONAL_DATA_KEY.test(key))
    problems.push(
      'PERSONAL_DATA_KEY must be 32 hexadecimal digits (an SM4 key, e.g. `openssl rand -hex 16`)',
    );
  const previous = (env.PERSONAL_DATA_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (previous.some((k) => !PERSONAL_DATA_KEY.test(k)))
    problems.push('PERSONAL_DATA_PREVIOUS_KEYS must be a comma-separated list of 32-hex-digit keys');
  return { personalDataKey: key, personalDataPreviousKeys: previous };
}

export function loadConfig(env: Env, mode: Mode): Config {
  const problems: string[] = [];
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const secrets: Record<string, string> = {};
  if (mode === 'demo') Object.assign(secrets, demoSecrets(dataDir));
  if (mode === 'test')
    for (const k of SECRET_KEYS) secrets[k] = `test-${k.toLowerCase()}-0123456789abcdef0123456789`;
  // CLI tools on a demo install reuse the demo's secrets (never creating them).
  if (mode === 'tool' && existsSync(path.join(dataDir, 'demo-secrets.json')))
    Object.assign(secrets, demoSecrets(dataDir));
  for (const key of SECRET_KEYS) {
    const v = env[key];
    if (v !== undefined && v !== '') secrets[key] = v;
    if (!secrets[key]) {
      if (mode !== 'tool') problems.push(`${key} is required (at least ${MIN_SECRET_LENGTH} characters)`);
    } else if (secrets[key].length < MIN_SECRET_LENGTH)
      problems.push(`${key} must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  if (secrets.AUDIT_HMAC_KEY && secrets.AUDIT_HMAC_KEY === secrets.PII_HASH_KEY)
    problems.push('AUDIT_HMAC_KEY and PII_HASH_KEY must differ');

  const config: Config = {
    mode,
    host: env.HOST || '0.0.0.0',
    port: int(env, 'PORT', 3000, 1, 65535, problems),
    databaseUrl: validateDatabaseUrl(env.DATABASE_URL, problems),
    dataDir,
    sqliteFile: path.join(dataDir, env.SQLITE_FILE || 'gongkai.sqlite'),
    sessionSecret: secrets.SESSION_SECRET ?? '',
    auditKey: secrets.AUDIT_HMAC_KEY ?? '',
    piiKey: secrets.PII_HASH_KEY ?? '',
    ...personalDataKeys(env, mode, dataDir, problems),
    auditCheckpointFile: path.resolve(
      env.AUDIT_CHECKPOINT_FILE || path.join(dataDir, 'audit-checkpoints.log'),
    ),
    cookieSecure: oneOf(env, 'COOKIE_SECURE', ['auto', 'always', 'never'] as const, 'auto', problems),
    trustProxy: oneOf(env, 'TRUST_PROXY', ['true', 'false'] as const, 'false', problems) === 'true',
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 120, 5, 7 * 24 * 60, problems),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100, problems),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60, problems),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const,
      mode === 'test' ? 'silent' : mode === 'demo' ? 'warn' : 'info',
      problems,
    ),
    platformName: env.PLATFORM_NAME || '政府信息公开平台',
    publicBaseUrl: validatePublicBaseUrl(env.PUBLIC_BASE_URL, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
