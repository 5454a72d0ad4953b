// Builds src/ into dist/ on `npm install`, so `npx gongkai` and `npm start` work on Node 20
// (which cannot run .ts files). Skipped when TypeScript is absent (production install with --omit=dev
// of an already-built package).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url);
if (!existsSync(tsc)) {
  console.log('prepare: typescript not installed, skipping build');
} else {
  execFileSync(process.execPath, [tsc.pathname, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
