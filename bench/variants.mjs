#!/usr/bin/env node
/**
 * `npm run build && node bench/variants.mjs` — what the 繁體 variant costs: loading the OpenCC
 * tables and building the converter (once per process), then converting each portal page type
 * (traditionalHtml on the page's bytes) and the whole response of the standard page against its
 * /ft twin (app.inject, no network). On SQLite with the demo data and a few published items; the
 * item has a long body (BENCH_BODY_CHARS, default 6000 characters). Prints mean and p95 in ms.
 *
 * Uses the compiled code in dist/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;

// Loading the OpenCC tables (import) and building the converter (on the first conversion), alone.
const t0 = performance.now();
const { traditionalHtml } = await import(dist('modules/portal/variants.js'));
const t1 = performance.now();
traditionalHtml('<p>发布</p>');
const t2 = performance.now();

const { loadConfig } = await import(dist('config.js'));
const { connect } = await import(dist('db/connect.js'));
const { migrateToLatest } = await import(dist('db/migrate.js'));
const { createServices } = await import(dist('services.js'));
const { seedDemo } = await import(dist('demo/seed.js'));
const { buildApp } = await import(dist('app.js'));
const F = await import(dist('modules/publications/publications.fixtures.js'));
const { createPublication } = await import(dist('modules/publications/commands/create-publication.js'));
const { submitPublication } = await import(dist('modules/publications/commands/submit-publication.js'));
const { approvePublication } = await import(dist('modules/publications/commands/approve-step.js'));
const { publishNow } = await import(dist('modules/publications/commands/publish-now.js'));
const { findNodeBySlugPath } = await import(dist('modules/catalog/catalog.repository.js'));

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BODY_CHARS = Number(process.env.BENCH_BODY_CHARS ?? 6000);

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `mean ${mean.toFixed(2)}  p95 ${s[Math.min(s.length - 1, Math.floor(0.95 * s.length))].toFixed(2)}`;
}

const PARAGRAPH =
  '为进一步规范城乡居民最低生活保障工作，根据《社会救助暂行办法》和有关规定，结合本市实际，现就有关事项通知如下。各区县民政部门要严格审核确认，发布结果，接受群众监督。\n\n';

const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-variants-'));
const handle = connect({ databaseUrl: null, sqliteFile: path.join(dir, 'bench.sqlite') });
try {
  await migrateToLatest(handle.db);
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }, 'test');
  const { services } = createServices(config, { handle });
  await seedDemo(services);
  const agencies = Object.fromEntries(
    (await handle.db.selectFrom('agencies').select(['id', 'name', 'code']).execute()).map((r) => [r.name, r]),
  );
  const t = { services, agencies: Object.fromEntries(Object.entries(agencies).map(([k, v]) => [k, v.id])) };
  const ctx = {
    editor: await F.ctxOf(t, 'mz.editor'),
    reviewer: await F.ctxOf(t, 'mz.reviewer'),
    secrecy: await F.ctxOf(t, 'mz.secrecy'),
    signer: await F.ctxOf(t, 'mz.signer'),
  };
  const columnPath = ['fdzdgknr', 'xzgfxwj'];
  const columnId = (await findNodeBySlugPath(handle.db, agencies[F.MZ].id, columnPath)).id;
  let itemId = '';
  for (let i = 0; i < 25; i++) {
    const body = i === 0 ? PARAGRAPH.repeat(Math.ceil(BODY_CHARS / PARAGRAPH.length)) : PARAGRAPH;
    const input = F.completeInput(columnId, {
      title: `关于第${i}批最低生活保障工作的通知`,
      body,
      genre: 'normativeDocument',
      validity: 'effective',
      docNoNumber: i + 1,
    });
    const p = await createPublication(ctx.editor, agencies[F.MZ].id, input);
    await submitPublication(ctx.editor, p.id);
    await approvePublication(ctx.reviewer, p.id);
    await approvePublication(ctx.secrecy, p.id);
    await publishNow(ctx.signer, p.id);
    if (i === 0) itemId = p.id;
  }
  const app = await buildApp(services);
  await app.ready();
  const base = `/gk/${agencies[F.MZ].code}`;
  const pages = [
    ['home', '/'],
    ['section home', base],
    ['column (20 items)', `${base}/${columnPath.join('/')}`],
    ['item (long body)', `${base}/items/${itemId}`],
    ['失效文件', `${base}/invalid`],
    ['404', `${base}/no-such-column`],
  ];

  console.log(`bench:variants — node ${process.version}, ${RUNS} runs per page`);
  console.log(
    `  once per process: import variants.js with the OpenCC tables ${(t1 - t0).toFixed(0)} ms, build the cn→tw converter on first use ${(t2 - t1).toFixed(0)} ms`,
  );
  for (const [name, url] of pages) {
    const html = (await app.inject({ url })).body;
    for (let i = 0; i < 20; i++) traditionalHtml(html); // warm up
    const convert = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      traditionalHtml(html);
      convert.push(performance.now() - s);
    }
    const response = { standard: [], ft: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const [k, u] of [
        ['standard', url],
        ['ft', `/ft${url}`],
      ]) {
        const s = performance.now();
        await app.inject({ url: u });
        response[k].push(performance.now() - s);
      }
    }
    console.log(
      `  ${name.padEnd(18)} ${(Buffer.byteLength(html) / 1024).toFixed(1).padStart(5)} KB  convert ms ${stats(convert)}   response ms: standard ${stats(response.standard)} | /ft ${stats(response.ft)}`,
    );
  }
  console.log(`  process RSS: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
  await app.close();
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
