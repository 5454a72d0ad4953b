/**
 * The load generator of bench:portal, run in its own process: autocannon against BASE_URL with
 * CONNECTIONS connections for DURATION seconds, each request for a path drawn uniformly at random
 * from PATHS_FILE (one path a line). Prints one line of JSON with the results, including how many
 * answers said `X-Cache: hit` (memory), `hit-store` (the page store) or `miss` (case ignored).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const { BASE_URL, PATHS_FILE, CONNECTIONS, DURATION } = process.env;
const paths = readFileSync(PATHS_FILE, 'utf8').split('\n').filter(Boolean);
if (paths.length === 0) throw new Error(`no paths in ${PATHS_FILE}`);

const cache = { hit: 0, miss: 0, store: 0 };
const result = await autocannon({
  url: BASE_URL,
  connections: Number(CONNECTIONS),
  duration: Number(DURATION),
  requests: [
    {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }),
      onResponse: (_status, _body, _context, headers) => {
        const v = String(headers['x-cache'] ?? headers['X-Cache'] ?? '').toUpperCase();
        if (v.startsWith('HIT')) cache.hit++;
        if (v === 'HIT-STORE') cache.store++;
        else if (v.startsWith('MISS')) cache.miss++;
      },
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    duration: result.duration,
    latency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average },
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerSecond: result.throughput.average,
    cache,
  })}\n`,
);
