#!/usr/bin/env node
// Thin JS entry so `npx gongkai` works on Node 20, which cannot run .ts files:
// `npm install` builds src/ into dist/ through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('gongkai: dist/ is missing. Run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
