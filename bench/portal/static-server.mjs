/**
 * The baseline of bench:portal: a bare node:http server answering every request with the same
 * static HTML page of PAGE_BYTES bytes (the size of a typical item page), with the headers a
 * portal page carries. Prints its port once listening.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';

const size = Number(process.env.PAGE_BYTES);
const head =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>静态页面</title></head><body>';
const tail = '</body></html>';
const room = size - Buffer.byteLength(head) - Buffer.byteLength(tail);
if (!(room >= 0)) throw new Error(`PAGE_BYTES must be at least ${Buffer.byteLength(head + tail)}`);
// Chinese text (3 bytes a character) padded with spaces to the exact size.
const filler = '政'.repeat(Math.floor(room / 3)) + ' '.repeat(room % 3);
const body = Buffer.from(head + filler + tail);
const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    etag,
    'last-modified': 'Sun, 01 Nov 2026 00:00:00 GMT',
    'cache-control': 'public, max-age=60',
  });
  res.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port, bytes: body.length }));
});
