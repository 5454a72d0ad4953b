/**
 * The load generator of bench:applications, in its own process: N applicants at once, each fetching a new
 * form (GET /api/v1/applications/form: CSRF cookie and token, idempotency key) and then submitting the full
 * form with a PDF of PDF_BYTES bytes (distinct content each) as multipart/form-data. Every PDF is built
 * before the clock starts. A 503 (the server's "try again", with Retry-After) or a lost connection is
 * retried with the same form — same idempotency key, same content — as a person would resubmit, up to
 * MAX_ATTEMPTS times; a submission's latency runs from its first attempt to its acknowledgement.
 * Prints one JSON line: wall time, throughput, latencies, retried answers and errors by kind, and the
 * acknowledged tracking numbers and SHA-256 per submission (for the checks).
 *
 * Env: BASE_URL, AGENCY (code), N (default 1000), PDF_BYTES (default 200 KB).
 */
import { createHash, randomBytes } from 'node:crypto';

const BASE = process.env.BASE_URL;
const AGENCY = process.env.AGENCY;
const N = Number(process.env.N ?? 1000);
const PDF_BYTES = Number(process.env.PDF_BYTES ?? 200 * 1024);

// Node's fetch: unlimited connections per origin (one per applicant in flight), 300 s header/body timeouts.

/** A well-formed one-page PDF whose content stream carries `bytes` of filler (random per file). */
export function pdfOf(i, bytes) {
  const filler = randomBytes(Math.max(0, bytes - 700))
    .toString('hex')
    .slice(0, Math.max(0, bytes - 700));
  const text = `BT /F1 12 Tf 72 720 Td (Bench application ${i}) Tj ET\n% ${filler}\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, k) => {
    offsets.push(Buffer.byteLength(out));
    out += `${k + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A distinct, valid 公民身份号码 per applicant (GB 11643 check character): distinct applicants, as in life. */
export function idNumberOf(i) {
  const body = `110105${1960 + (i % 40)}${String((i % 12) + 1).padStart(2, '0')}${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, d, k) => n + Number(d) * w[k], 0);
  return body + '10X98765432'[sum % 11];
}

function formOf(i, key, csrf, pdf) {
  const fd = new FormData();
  const fields = [
    ['_csrf', csrf],
    ['agency', AGENCY],
    ['idempotencyKey', key],
    ['applicantKind', 'person'],
    ['name', `压测申请人${i}`],
    ['idKind', 'residentIdCard'],
    ['idNumber', idNumberOf(i)],
    ['phone', `139${String(10_000_000 + i).slice(-8)}`],
    ['email', `bench${i}@example.cn`],
    ['address', '示例市中山路100号'],
    ['postalCode', '100032'],
    ['infoTitle', `压测文件${i}`],
    ['infoDocNo', `示民发〔2025〕${i}号`],
    ['infoDescription', `请提供2025年第${i}号文件及其附件（压测）。`],
    ['infoPurpose', '了解政策'],
    ['informationForms', 'paper'],
    ['informationForms', 'email'],
    ['deliveryMethods', 'post'],
    ['deliveryMethods', 'email'],
    ['privacyConsent', 'on'],
    ['declaration', 'on'],
  ];
  for (const [k, v] of fields) fd.append(k, v);
  fd.append('identity', new Blob([pdf], { type: 'application/pdf' }), `身份证明${i}.pdf`);
  return fd;
}

const MAX_ATTEMPTS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const retried = {};
const retry = (kind) => {
  retried[kind] = (retried[kind] ?? 0) + 1;
};

const pdfs = Array.from({ length: N }, (_, i) => pdfOf(i, PDF_BYTES));
const errors = {};
const latencies = [];
const acknowledged = [];
const fail = (kind) => {
  errors[kind] = (errors[kind] ?? 0) + 1;
};

const t0 = performance.now();
await Promise.all(
  pdfs.map(async (pdf, i) => {
    try {
      const form = await fetch(`${BASE}/api/v1/applications/form`);
      if (!form.ok) return fail(`form ${form.status}`);
      const { csrfToken, idempotencyKey } = await form.json();
      const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0];
      const s = performance.now();
      let res = null;
      let body = '';
      for (let attempt = 1; ; attempt++) {
        try {
          res = await fetch(`${BASE}/api/v1/applications`, {
            method: 'POST',
            headers: { cookie },
            body: formOf(i, idempotencyKey, csrfToken, pdf),
          });
          body = await res.text();
          if (res.status !== 503 || attempt >= MAX_ATTEMPTS) break;
          retry(`503 ${JSON.parse(body).error?.message ?? ''}`);
          await sleep(Number(res.headers.get('retry-after') ?? 5) * 1000 * (0.5 + Math.random()));
        } catch (e) {
          if (attempt >= MAX_ATTEMPTS) throw e;
          retry(`network ${e.cause?.code ?? e.message}`);
          await sleep(1000 * (0.5 + Math.random()));
        }
      }
      if (res.status !== 201 && res.status !== 200) return fail(`submit ${res.status} ${body.slice(0, 120)}`);
      latencies.push(performance.now() - s);
      const json = JSON.parse(body);
      acknowledged.push({
        trackingNo: json.trackingNo,
        sha256: json.attachments?.[0]?.sha256,
        expected: createHash('sha256').update(pdf).digest('hex'),
      });
    } catch (e) {
      fail(`network ${e.cause?.code ?? e.message}`);
    }
  }),
);
const wall = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? null;
console.log(
  JSON.stringify({
    n: N,
    pdfBytes: pdfs[0].length,
    wallSeconds: wall,
    throughput: acknowledged.length / wall,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: latencies.at(-1) ?? null,
    retried,
    errors,
    acknowledged,
  }),
);
