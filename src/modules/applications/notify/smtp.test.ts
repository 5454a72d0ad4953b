/**
 * The SMTP client against a scripted server on a local port (no network beyond 127.0.0.1): the dialogue,
 * AUTH PLAIN, the message (UTF-8 subject and body decoded back), a refusal as an error carrying only the
 * reply code, a server that never answers, and the provider settings read from the environment.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { providersFrom, smtpConfigFrom } from './providers.js';
import { encodeHeaderWord, SmtpError, sendMail } from './smtp.js';

interface Script {
  /** Reply to a command line; undefined: the default 250. */
  reply?: (line: string) => string | undefined;
  greet?: boolean;
}

const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function fakeServer(script: Script = {}) {
  const commands: string[] = [];
  let data = '';
  const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    if (script.greet !== false) sock.write('220 fake ESMTP\r\n');
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i = buf.indexOf('\r\n');
      while (i >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            sock.write('250 queued\r\n');
          } else data += `${line}\r\n`;
        } else {
          commands.push(line);
          const custom = script.reply?.(line);
          if (custom) sock.write(custom);
          else if (line.startsWith('EHLO')) sock.write('250-fake\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
          else if (line.startsWith('AUTH')) sock.write('235 ok\r\n');
          else if (line === 'DATA') {
            inData = true;
            sock.write('354 go\r\n');
          } else if (line === 'QUIT') {
            sock.write('221 bye\r\n');
            sock.end();
          } else sock.write('250 ok\r\n');
        }
        i = buf.indexOf('\r\n');
      }
    });
    sock.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { port, commands, data: () => data };
}

const cfg = (port: number, over: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port,
  security: 'none' as const,
  user: 'robot',
  pass: 's3cret',
  from: '政府信息公开平台 <noreply@example.gov.cn>',
  timeoutMs: 2000,
  ...over,
});

function decodeHeader(v: string): string {
  return v
    .replace(/\r\n /g, '')
    .replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_m, b: string) => Buffer.from(b, 'base64').toString('utf8'));
}

describe('SMTP client', () => {
  it('speaks the dialogue and sends a UTF-8 message', async () => {
    const s = await fakeServer();
    await sendMail(cfg(s.port), {
      to: 'someone@example.cn',
      subject: '【示例市民政局】政府信息公开申请已作出答复，请查收答复书并注意救济期限',
      text: '您好：\n\n.以点开头的一行\n申请编号：YSQ-2026-000001',
    });
    expect(s.commands).toEqual([
      'EHLO example.gov.cn',
      `AUTH PLAIN ${Buffer.from('\0robot\0s3cret').toString('base64')}`,
      'MAIL FROM:<noreply@example.gov.cn>',
      'RCPT TO:<someone@example.cn>',
      'DATA',
      'QUIT',
    ]);
    const raw = s.data();
    const [head, body] = raw.split('\r\n\r\n');
    const subject = /^Subject: (.*(?:\r\n .*)*)/m.exec(head!)![1]!;
    expect(decodeHeader(subject)).toBe(
      '【示例市民政局】政府信息公开申请已作出答复，请查收答复书并注意救济期限',
    );
    expect(head).toContain('Content-Transfer-Encoding: base64');
    expect(decodeHeader(/^From: (.*)/m.exec(head!)![1]!)).toBe('政府信息公开平台 <noreply@example.gov.cn>');
    for (const line of head!.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(Buffer.from(body!.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(
      '您好：\r\n\r\n.以点开头的一行\r\n申请编号：YSQ-2026-000001',
    );
  });

  it('a refused recipient is an error with the reply code only, permanent for 5xx', async () => {
    const s = await fakeServer({
      reply: (l) => (l.startsWith('RCPT') ? '550 5.1.1 <someone@example.cn>: no such user\r\n' : undefined),
    });
    const err = await sendMail(cfg(s.port), { to: 'someone@example.cn', subject: 's', text: 't' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SmtpError);
    expect((err as SmtpError).replyCode).toBe(550);
    expect((err as SmtpError).permanent).toBe(true);
    expect((err as SmtpError).message).not.toContain('someone');
    const t = await fakeServer({ reply: (l) => (l.startsWith('MAIL') ? '451 try later\r\n' : undefined) });
    const e2 = (await sendMail(cfg(t.port), { to: 'a@b.cn', subject: 's', text: 't' }).catch(
      (e) => e,
    )) as SmtpError;
    expect([e2.stage, e2.replyCode, e2.permanent]).toEqual(['MAIL FROM', 451, false]);
  });

  it('STARTTLS required but not offered, a silent server, a refused connection, a bad address: errors', async () => {
    const s = await fakeServer();
    const e1 = (await sendMail(cfg(s.port, { security: 'starttls' }), {
      to: 'a@b.cn',
      subject: 's',
      text: 't',
    }).catch((e) => e)) as SmtpError;
    expect(e1.stage).toBe('STARTTLS');
    const silent = await fakeServer({ greet: false });
    const e2 = (await sendMail(cfg(silent.port, { timeoutMs: 200 }), {
      to: 'a@b.cn',
      subject: 's',
      text: 't',
    }).catch((e) => e)) as SmtpError;
    expect([e2.stage, e2.replyCode]).toEqual(['greeting', 0]);
    const closed = await fakeServer();
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 20));
    const e3 = (await sendMail(cfg(closed.port), { to: 'a@b.cn', subject: 's', text: 't' }).catch(
      (e) => e,
    )) as SmtpError;
    expect(e3.stage).toBe('connect');
    const e4 = (await sendMail(cfg(s.port), {
      to: 'a@b.cn>\r\nRCPT TO:<x@y.cn',
      subject: 's',
      text: 't',
    }).catch((e) => e)) as SmtpError;
    expect(e4.stage).toBe('address');
  });

  it('encodes only non-ASCII header text, in words under the line limit', () => {
    expect(encodeHeaderWord('Hello')).toBe('Hello');
    const w = encodeHeaderWord('政府信息公开'.repeat(10));
    for (const line of w.split('\r\n ')) expect(line.length).toBeLessThanOrEqual(76);
  });
});

describe('notification providers from the environment', () => {
  it('SMTP when configured; log outside production; off in production without SMTP', () => {
    const smtp = providersFrom(
      { SMTP_HOST: 'mail.example.cn', SMTP_FROM: 'noreply@example.cn' },
      'production',
    );
    expect([smtp.providers.email?.name, smtp.providers.sms, smtp.problems]).toEqual(['smtp', undefined, []]);
    expect(smtpConfigFrom({ SMTP_HOST: 'h', SMTP_PORT: '465', SMTP_FROM: 'a@b.cn' }).config?.security).toBe(
      'tls',
    );
    expect(smtpConfigFrom({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.cn' }).config?.security).toBe('starttls');
    const dev = providersFrom({}, 'demo');
    expect([dev.providers.email?.name, dev.providers.sms?.name]).toEqual(['log', 'log']);
    const prod = providersFrom({}, 'production');
    expect(prod.providers).toEqual({});
    const broken = providersFrom({ SMTP_HOST: 'h' }, 'demo');
    expect([broken.providers.email, broken.problems]).toEqual([
      undefined,
      ['SMTP_FROM 应为发件人电子邮箱地址'],
    ]);
    const bad = providersFrom({ SMTP_HOST: 'h', SMTP_PORT: 'x', NOTIFY_SMS: 'aliyun' }, 'production');
    expect(bad.problems).toEqual([
      'SMTP_PORT 应为1到65535之间的端口号',
      'SMTP_FROM 应为发件人电子邮箱地址',
      'NOTIFY_SMS 只能是 log 或 off（短信网关须另行接入）',
    ]);
  });
});
