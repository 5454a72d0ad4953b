/**
 * Where notifications go out: a provider per channel (e-mail, SMS) behind one interface, chosen from the
 * environment (read here, not in src/config.ts):
 *
 *   SMTP_HOST, SMTP_PORT (465 → TLS, else STARTTLS), SMTP_SECURE (tls | starttls | none), SMTP_USER,
 *   SMTP_PASS, SMTP_FROM                          e-mail through an SMTP server (notify/smtp.ts)
 *   NOTIFY_EMAIL = smtp | log | off               default: smtp when SMTP_HOST is set (off if its settings are
 *                                                 wrong), else log outside production
 *   NOTIFY_SMS   = log | off                      default: log outside production (no SMS gateway is built in;
 *                                                 a deployment adds one by implementing NotificationProvider)
 *
 * The `log` provider writes one line per message — provider, channel, case id and kind — never the address
 * or the text, which carry the applicant's personal data.
 */
import type { Mode } from '../../../config.js';
import { type SmtpConfig, type SmtpSecurity, sendMail } from './smtp.js';

export type NotificationChannel = 'email' | 'sms';

export interface OutgoingMessage {
  channel: NotificationChannel;
  /** E-mail address or mobile number. */
  to: string;
  subject: string;
  text: string;
  /** For the log only. */
  caseId: string;
  kind: string;
}

export interface NotificationProvider {
  name: string;
  channel: NotificationChannel;
  send(m: OutgoingMessage): Promise<void>;
}

export type Providers = Partial<Record<NotificationChannel, NotificationProvider>>;

type LogLine = (entry: Record<string, string>) => void;

const stdoutLine: LogLine = (entry) => {
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), ...entry })}\n`);
};

/** Development and tests: logs that a message would have been sent, nothing personal. */
export function logProvider(channel: NotificationChannel, log: LogLine = stdoutLine): NotificationProvider {
  return {
    name: 'log',
    channel,
    async send(m) {
      log({ msg: 'notification sent', provider: 'log', channel, caseId: m.caseId, kind: m.kind });
    },
  };
}

export function smtpProvider(cfg: SmtpConfig): NotificationProvider {
  return {
    name: 'smtp',
    channel: 'email',
    send: (m) => sendMail(cfg, { to: m.to, subject: m.subject, text: m.text }),
  };
}

type Env = Record<string, string | undefined>;

/** The SMTP settings from the environment; null when SMTP_HOST is not set. Problems are listed in Chinese. */
export function smtpConfigFrom(env: Env): { config: SmtpConfig | null; problems: string[] } {
  const problems: string[] = [];
  const host = env.SMTP_HOST?.trim();
  if (!host) return { config: null, problems };
  const port = Number(env.SMTP_PORT || '587');
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    problems.push('SMTP_PORT 应为1到65535之间的端口号');
  const secure = (env.SMTP_SECURE || (port === 465 ? 'tls' : 'starttls')) as SmtpSecurity;
  if (!['tls', 'starttls', 'none'].includes(secure))
    problems.push('SMTP_SECURE 只能是 tls、starttls 或 none');
  const from = env.SMTP_FROM?.trim() ?? '';
  if (!/@/.test(from)) problems.push('SMTP_FROM 应为发件人电子邮箱地址');
  return {
    config: problems.length
      ? null
      : {
          host,
          port,
          security: secure,
          user: env.SMTP_USER || null,
          pass: env.SMTP_PASS || null,
          from,
          timeoutMs: 20_000,
        },
    problems,
  };
}

/** The providers for this process. */
export function providersFrom(
  env: Env,
  mode: Mode,
  log?: LogLine,
): { providers: Providers; problems: string[] } {
  const providers: Providers = {};
  const { config, problems } = smtpConfigFrom(env);
  const dev = mode !== 'production';
  // A configured but broken SMTP server leaves e-mail off rather than quietly logging.
  const email = env.NOTIFY_EMAIL || (env.SMTP_HOST?.trim() ? 'smtp' : dev ? 'log' : 'off');
  if (email === 'smtp') {
    if (config) providers.email = smtpProvider(config);
    else if (!problems.length) problems.push('NOTIFY_EMAIL=smtp 需要配置 SMTP_HOST 和 SMTP_FROM');
  } else if (email === 'log') providers.email = logProvider('email', log);
  else if (email !== 'off') problems.push('NOTIFY_EMAIL 只能是 smtp、log 或 off');
  const sms = env.NOTIFY_SMS || (dev ? 'log' : 'off');
  if (sms === 'log') providers.sms = logProvider('sms', log);
  else if (sms !== 'off') problems.push('NOTIFY_SMS 只能是 log 或 off（短信网关须另行接入）');
  return { providers, problems };
}
