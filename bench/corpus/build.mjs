/**
 * The benchmark corpus database: the demo platform (src/demo/seed.ts) plus N generated published
 * items (BENCH_ITEMS, default 200,000) on SQLite, built once and cached under data/bench/ (ignored
 * by git). The cache is keyed by the generator version and a sample of its output, the item count,
 * the seed texts and the compiled migrations, so a changed schema or generator builds a new one.
 *
 * Items go in through the product's own archive import (importPublications: validation, body
 * rendering and sanitising, checks, the published version's snapshot as publishing writes it,
 * 索引号 registration, one audit event per item), per agency in files of at most 10,000 rows, as
 * an agency moving its archive in would. Item ids are the product's random UUIDs; everything else
 * is deterministic.
 *
 * Run alone: `node bench/corpus/build.mjs` (after `npm run build`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanSeeds, readSeeds } from './clean.mjs';
import { FIRST_DATE, GENERATOR_VERSION, generateAgencyItems, LAST_DATE, shareOut } from './generate.mjs';
import { buildVocabulary } from './vocabulary.mjs';

const repo = new URL('../../', import.meta.url).pathname;
const distUrl = (p) => new URL(`../../dist/${p}`, import.meta.url).href;

export const SEED = 'gongkai-bench';
/** Share of items written in Traditional characters (as some agencies' archives are). */
export const TRADITIONAL_RATE = 0.03;
/** Rows per import file (the importer's limit is 10,000). */
const CHUNK = 10_000;

export const benchItems = () => {
  const n = Number(process.env.BENCH_ITEMS ?? 200_000);
  if (!Number.isInteger(n) || n < 100) throw new Error(`BENCH_ITEMS must be an integer ≥ 100 (got ${n})`);
  return n;
};

function requireDist() {
  if (!existsSync(new URL('../../dist/server.js', import.meta.url)))
    throw new Error('dist/ is missing: run `npm run build` first (the benchmarks use the compiled code).');
}

/**
 * What the cached database depends on: the item count, the seeds, the compiled migrations, and
 * what the generator makes of them — a sample of items is generated and hashed, so an edit of the
 * generator that changes its output builds a new corpus, and one that does not (formatting) keeps it.
 */
function cacheKey(items, seeds, vocabulary) {
  const h = createHash('sha256');
  h.update(`generator ${GENERATOR_VERSION}\nitems ${items}\n${FIRST_DATE}..${LAST_DATE}\n`);
  for (const s of seeds) h.update(`${s.name}\n${s.text}\n`);
  const migrations = path.join(repo, 'dist/db/migrations');
  for (const f of readdirSync(migrations)
    .filter((f) => f.endsWith('.js') && f !== 'index.js')
    .sort())
    h.update(`${f}\n${readFileSync(path.join(migrations, f))}\n`);
  const sample = generateAgencyItems({
    vocabulary,
    agency: {
      code: 'SAMPLE',
      name: '示例市民政局',
      kind: 'department',
      level: 'city',
      columns: SAMPLE_COLUMNS,
    },
    count: 300,
    lastDate: LAST_DATE,
    seed: SEED,
    traditionalRate: TRADITIONAL_RATE,
    formatIndexNo: (date, serial) => `${date}/${serial}`,
  });
  h.update(JSON.stringify(sample));
  return h.digest('hex').slice(0, 12);
}

const SAMPLE_COLUMNS = new Set([
  'zfxxgknb',
  'zcjd',
  'zfxxgkzd',
  'fdzdgknr/xzgfxwj',
  'fdzdgknr/shjz',
  'fdzdgknr/mszc',
]);

/** Settings shared by the build and the servers started on the corpus (test secrets: bench data only). */
export async function corpusConfig(dataDir) {
  const { loadConfig } = await import(distUrl('config.js'));
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, 'test');
}

/** Environment for `gongkai serve` on the corpus. */
export async function serveEnv(corpus, extra = {}) {
  const c = await corpusConfig(corpus.dataDir);
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATA_DIR: corpus.dataDir,
    SQLITE_FILE: path.basename(corpus.file),
    SESSION_SECRET: c.sessionSecret,
    AUDIT_HMAC_KEY: c.auditKey,
    PII_HASH_KEY: c.piiKey,
    PERSONAL_DATA_KEY: c.personalDataKey,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    ...extra,
  };
}

/**
 * The corpus for `items` items: the cached database, or a new one built now. BENCH_CORPUS names a
 * corpus folder to use as it is instead (one built earlier, e.g. before a migration was added).
 */
export async function ensureCorpus(items = benchItems(), log = (s) => console.log(s)) {
  requireDist();
  if (process.env.BENCH_CORPUS) {
    const dataDir = path.resolve(process.env.BENCH_CORPUS);
    const file = path.join(dataDir, 'gongkai.sqlite');
    const meta = JSON.parse(readFileSync(path.join(dataDir, 'corpus.json'), 'utf8'));
    log(`corpus: ${meta.items} items in ${dataDir} (BENCH_CORPUS, used as it is; built ${meta.builtAt})`);
    return { dataDir, file, meta };
  }
  const seeds = readSeeds();
  const cleaned = cleanSeeds(seeds);
  const vocabulary = buildVocabulary(cleaned);
  const key = cacheKey(items, seeds, vocabulary);
  const dataDir = path.join(repo, 'data/bench', `corpus-${items}-${key}`);
  const file = path.join(dataDir, 'gongkai.sqlite');
  const metaFile = path.join(dataDir, 'corpus.json');
  if (existsSync(metaFile) && existsSync(file)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    log(
      `corpus: ${meta.items} items, cached in ${path.relative(repo, dataDir)} (built in ${meta.buildSeconds} s)`,
    );
    return { dataDir, file, meta };
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(`corpus: building ${items} items into ${path.relative(repo, dataDir)} …`);
  const meta = await build({ items, dataDir, file, cleaned, vocabulary }, log);
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return { dataDir, file, meta };
}

async function build({ items, dataDir, file, cleaned, vocabulary }, log) {
  const t0 = performance.now();
  const { connect } = await import(distUrl('db/connect.js'));
  const { migrateToLatest } = await import(distUrl('db/migrate.js'));
  const { createServices } = await import(distUrl('services.js'));
  const { seedDemo } = await import(distUrl('demo/seed.js'));
  const { systemActor } = await import(distUrl('modules/accounts/commands/context.js'));
  const { importPublications } = await import(distUrl('modules/publications/import/import-publications.js'));
  const { getDisclosureSettings, effectiveIndexNoPattern } = await import(
    distUrl('modules/catalog/settings.repository.js')
  ).then(async (m) => ({ ...m, ...(await import(distUrl('modules/catalog/settings.js'))) }));
  const { formatIndexNo } = await import(distUrl('modules/catalog/index-no.js'));
  const { chinaToday } = await import(distUrl('platform/legal-date.js'));

  log(
    `  seeds cleaned: ${cleaned.sentences.length} sentences, ${cleaned.headings.length} headings; ` +
      `vocabulary: ${vocabulary.shapes.length} sentence shapes, ${vocabulary.nouns.n.length + vocabulary.nouns.vn.length} nouns, ${vocabulary.phrases.length} noun phrases`,
  );

  const handle = connect({ databaseUrl: null, sqliteFile: file });
  try {
    await migrateToLatest(handle.db);
    const config = await corpusConfig(dataDir);
    const { services } = createServices(config, { handle });
    await seedDemo(services);
    const today = chinaToday(services.clock.now());
    const lastDate = [today, LAST_DATE].sort()[0]; // the earlier of the two
    const agencies = await handle.db
      .selectFrom('agencies')
      .select(['id', 'code', 'name', 'kind', 'level'])
      .orderBy('code')
      .execute();
    const counts = shareOut(agencies, items);
    let done = 0;
    let generateMs = 0;
    let importMs = 0;
    let traditional = 0;
    for (const [k, agency] of agencies.entries()) {
      const columns = await handle.db
        .selectFrom('catalog_nodes')
        .select('slug_path')
        .where('agency_id', '=', agency.id)
        .where('kind', '=', 'column')
        .where('status', '=', 'active')
        .execute();
      const pattern = effectiveIndexNoPattern(await getDisclosureSettings(handle.db, agency.id));
      const g0 = performance.now();
      const rows = generateAgencyItems({
        vocabulary,
        agency: { ...agency, columns: new Set(columns.map((c) => c.slug_path)) },
        count: counts[k],
        lastDate,
        seed: SEED,
        traditionalRate: TRADITIONAL_RATE,
        formatIndexNo: (date, serial) =>
          formatIndexNo(pattern, {
            code: agency.code,
            year: Number(date.slice(0, 4)),
            month: Number(date.slice(5, 7)),
            serial,
          }),
      });
      generateMs += performance.now() - g0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK).map(({ traditional: t, ...row }) => {
          if (t) traditional++;
          return row;
        });
        const i0 = performance.now();
        const result = await importPublications(
          { services, actor: systemActor(), principal: null },
          {
            agencyId: agency.id,
            file: {
              name: `corpus-${agency.code}-${i / CHUNK + 1}.json`,
              bytes: Buffer.from(JSON.stringify(chunk)),
            },
            attachments: null,
            dryRun: false,
            allowFindings: null,
          },
        );
        importMs += performance.now() - i0;
        if (!result.ok) {
          const shown = result.problems
            .slice(0, 10)
            .map((p) => `    ${p.where} ${p.field ?? ''} ${p.message}`);
          throw new Error(
            `import of generated items refused (${result.problems.length} problems):\n${shown.join('\n')}`,
          );
        }
        done += chunk.length;
        log(`  ${agency.name}: ${Math.min(i + CHUNK, rows.length)}/${rows.length}  (total ${done}/${items})`);
      }
    }
    const { sql } = await import('kysely');
    await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
    const buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
    log(
      `corpus built: ${done} items in ${buildSeconds} s (generation ${(generateMs / 1000).toFixed(1)} s, ` +
        `import ${(importMs / 1000).toFixed(1)} s = ${Math.round(done / (importMs / 1000))} items/s); ` +
        `${traditional} in Traditional characters`,
    );
    return {
      generatorVersion: GENERATOR_VERSION,
      items: done,
      traditional,
      agencies: agencies.length,
      firstDate: FIRST_DATE,
      lastDate,
      buildSeconds,
      builtAt: new Date().toISOString(),
    };
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureCorpus();
