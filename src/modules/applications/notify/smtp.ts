/**
 * A small SMTP client on node:net / node:tls for the applicant notifications (ADR 0012): one message per
 * connection — EHLO, STARTTLS when asked for (or TLS from the first byte on port 465), AUTH PLAIN when a user
 * is configured, MAIL FROM / RCPT TO / DATA, QUIT. The message is UTF-8 text/plain, base64 encoded (so no
 * line of it starts with a dot), the subject RFC 2047 encoded.
 *
 * Errors carry the SMTP reply code only, never the server's text: a server's refusal often repeats the
 * recipient's address, which must not reach logs or the notification's status.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

export type SmtpSecurity = 'tls' | 'starttls' | 'none';

export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  pass: string | null;
  /** The sender, e.g. 政府信息公开平台 <noreply@example.gov.cn> or a bare address. */
  from: string;
  /** Milliseconds for the connection and each reply. */
  timeoutMs: number;
  /** Accept a certificate the system does not trust (test servers only). */
  allowUntrusted?: boolean;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** A failed delivery attempt: the stage and the server's reply code (0: no reply — connection, timeout). */
export class SmtpError extends Error {
  constructor(
    readonly stage: string,
    readonly replyCode: number,
  ) {
    super(`SMTP ${stage} failed${replyCode ? ` (${replyCode})` : ''}`);
    this.name = 'SmtpError';
  }
  /** 5xx: the server refuses for good; retrying will not help. */
  get permanent(): boolean {
    return this.replyCode >= 500 && this.replyCode < 600;
  }
}

/** =?UTF-8?B?…?= words of at most 36 bytes of text each (with a header name, lines stay within 78 characters; RFC 2047, RFC 5322). */
export function encodeHeaderWord(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  const words: string[] = [];
  let chunk = '';
  for (const ch of s) {
    if (Buffer.byteLength(chunk + ch) > 36) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

/** The address part of `Name <addr>` or a bare address. */
export function addressOf(s: string): string {
  const m = /<([^<>]+)>\s*$/.exec(s);
  return (m ? m[1]! : s).trim();
}

function formatFrom(from: string): string {
  const m = /^(.*?)\s*<([^<>]+)>\s*$/.exec(from);
  if (!m?.[1]) return addressOf(from);
  return `${encodeHeaderWord(m[1].replace(/^"|"$/g, ''))} <${m[2]}>`;
}

export function buildMessage(from: string, m: MailMessage, date: Date, domain: string): string {
  const body = Buffer.from(m.text.replace(/\r?\n/g, '\r\n')).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${formatFrom(from)}`,
    `To: ${addressOf(m.to)}`,
    `Subject: ${encodeHeaderWord(m.subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

/** Reads SMTP replies (multi-line "250-…" continued by "250 …") off a socket. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private waiting: ((r: { code: number; lines: string[] }) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;
  private error: Error | null = null;

  constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  attach(socket: net.Socket): void {
    this.socket = socket;
    socket.on('data', (d: Buffer) => this.onData(d.toString('latin1')));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  private fail(e: Error): void {
    this.error ??= e;
    const f = this.failed;
    this.waiting = null;
    this.failed = null;
    f?.(e);
  }

  private onData(d: string): void {
    this.buffer += d;
    let i = this.buffer.indexOf('\n');
    while (i >= 0) {
      const line = this.buffer.slice(0, i).replace(/\r$/, '');
      this.buffer = this.buffer.slice(i + 1);
      this.lines.push(line);
      if (/^\d{3}(?: |$)/.test(line)) {
        const done = this.lines;
        this.lines = [];
        const w = this.waiting;
        this.waiting = null;
        this.failed = null;
        w?.({ code: Number(line.slice(0, 3)), lines: done });
      }
      i = this.buffer.indexOf('\n');
    }
  }

  next(timeoutMs: number): Promise<{ code: number; lines: string[] }> {
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error('timeout')), timeoutMs);
      this.waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.failed = (e) => {
        clearTimeout(timer);
        reject(e);
      };
    });
  }

  /** Stops listening (before the socket is upgraded to TLS). */
  detach(): void {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
  }
}

function connect(cfg: SmtpConfig): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const opts = { host: cfg.host, port: cfg.port };
    const socket =
      cfg.security === 'tls'
        ? tls.connect({
            ...opts,
            servername: cfg.host,
            rejectUnauthorized: !cfg.allowUntrusted,
          })
        : net.connect(opts);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpError('connect', 0));
    }, cfg.timeoutMs);
    socket.once(cfg.security === 'tls' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      reject(new SmtpError('connect', 0));
    });
  });
}

/** Sends one message; throws SmtpError. */
export async function sendMail(cfg: SmtpConfig, m: MailMessage, now = new Date()): Promise<void> {
  // An address may not smuggle in commands or headers.
  for (const a of [addressOf(m.to), addressOf(cfg.from)])
    if (!a || /[\s<>]/.test(a)) throw new SmtpError('address', 0);
  let socket = await connect(cfg);
  const reader = new ReplyReader(socket);
  const domain = addressOf(cfg.from).split('@')[1] || 'localhost';
  const expect = async (stage: string, ok: (code: number) => boolean) => {
    let r: { code: number; lines: string[] };
    try {
      r = await reader.next(cfg.timeoutMs);
    } catch {
      throw new SmtpError(stage, 0);
    }
    if (!ok(r.code)) throw new SmtpError(stage, r.code);
    return r;
  };
  const command = async (stage: string, line: string, ok: (code: number) => boolean) => {
    socket.write(`${line}\r\n`);
    return expect(stage, ok);
  };
  const is2 = (c: number) => c >= 200 && c < 300;
  try {
    await expect('greeting', (c) => c === 220);
    let ehlo = await command('EHLO', `EHLO ${domain}`, is2);
    if (cfg.security === 'starttls') {
      if (!ehlo.lines.some((l) => /^250[ -]STARTTLS\b/i.test(l))) throw new SmtpError('STARTTLS', 0);
      await command('STARTTLS', 'STARTTLS', (c) => c === 220);
      reader.detach();
      socket = await new Promise<net.Socket>((resolve, reject) => {
        const s = tls.connect({
          socket,
          servername: cfg.host,
          rejectUnauthorized: !cfg.allowUntrusted,
        });
        s.once('secureConnect', () => resolve(s));
        s.once('error', () => reject(new SmtpError('STARTTLS', 0)));
      });
      reader.attach(socket);
      ehlo = await command('EHLO', `EHLO ${domain}`, is2);
    }
    if (cfg.user) {
      const token = Buffer.from(`\0${cfg.user}\0${cfg.pass ?? ''}`).toString('base64');
      await command('AUTH', `AUTH PLAIN ${token}`, (c) => c === 235);
    }
    await command('MAIL FROM', `MAIL FROM:<${addressOf(cfg.from)}>`, is2);
    await command('RCPT TO', `RCPT TO:<${addressOf(m.to)}>`, is2);
    await command('DATA', 'DATA', (c) => c === 354);
    await command('message', `${buildMessage(cfg.from, m, now, domain)}\r\n.`, is2);
    // The message is accepted; a failing QUIT changes nothing.
    await command('QUIT', 'QUIT', () => true).catch(() => {});
  } finally {
    socket.end();
    socket.destroy();
  }
}
