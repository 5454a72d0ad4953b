import { it } from 'vitest';
import { dialects, freshDb } from './db.js';
it('bench', async () => {
  for (const d of dialects) {
    const h0 = await freshDb(d); await h0.close();
    const N = 20; let open = 0, close = 0;
    for (let i = 0; i < N; i++) {
      const t0 = performance.now(); const h = await freshDb(d); const t1 = performance.now();
      await h.db.selectFrom('calendar_years').selectAll().execute();
      const t2 = performance.now(); await h.close(); close += performance.now() - t2; open += t1 - t0;
    }
    console.log(JSON.stringify([(globalThis as any).T, (globalThis as any).F]), `BENCH ${d}: freshDb ${(open / N).toFixed(1)} ms, close ${(close / N).toFixed(1)} ms`);
  }
}, 120000);
