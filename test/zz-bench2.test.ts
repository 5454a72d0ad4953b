import { it } from 'vitest';
import { createPostgresTemplate, dropRunDatabases } from './db.js';
it('bench baseline', async () => {
  const url = process.env.TEST_DATABASE_URL!;
  let t = 0; const N = 8;
  for (let i = 0; i < N; i++) { const t0 = performance.now(); await createPostgresTemplate(url, `bench${i}`); t += performance.now() - t0; await dropRunDatabases(url, `bench${i}`); }
  console.log(`BENCH template0+migrate: ${(t / N).toFixed(1)} ms`);
}, 120000);
