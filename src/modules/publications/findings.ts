/**
 * The automatic checks of one publication: its body text and each attachment's extracted text are
 * scanned with the agency's sensitive words and official contacts (checks module). Each finding gets
 * a stable key — its kind and a keyed hash of the clear value — so a written override survives a
 * re-scan and covers the same value wherever it appears in the publication. The clear value itself
 * is never stored or shown: only the masked `display`.
 */
import { createHmac } from 'node:crypto';
import { type Finding, scanText } from '../checks/findings.js';

export type FindingSource = { type: 'body' } | { type: 'attachment'; attachmentId: string; fileName: string };

export interface FindingOverride {
  findingKey: string;
  kind: string;
  reason: string;
  actorLabel: string;
  at: string;
}

export interface PublicationFinding {
  key: string;
  kind: Finding['kind'];
  severity: Finding['severity'];
  message: string;
  display: string;
  start: number;
  end: number;
  source: FindingSource;
  override: FindingOverride | null;
}

export interface CheckSettings {
  sensitiveWords: string[];
  officialContacts: string[];
  /** YYYY-MM-DD from the services' clock: birth dates after it are not ID numbers. */
  today: string;
}

/** kind:hash — the hash is HMAC-SHA-256 under the PII key, so an ID number cannot be guessed back from it. */
export function findingKey(piiKey: string, kind: string, clearValue: string): string {
  const h = createHmac('sha256', piiKey).update(`${kind}:${clearValue}`).digest('hex');
  return `${kind}:${h.slice(0, 24)}`;
}

export function scanSource(
  text: string,
  source: FindingSource,
  settings: CheckSettings,
  piiKey: string,
  overrides: ReadonlyMap<string, FindingOverride>,
): PublicationFinding[] {
  return scanText(text, settings).map((f) => {
    const key = findingKey(piiKey, f.kind, text.slice(f.start, f.end));
    return {
      key,
      kind: f.kind,
      severity: f.severity,
      message: f.message,
      display: f.display,
      start: f.start,
      end: f.end,
      source,
      override: overrides.get(key) ?? null,
    };
  });
}

export interface ScanInput {
  bodyText: string;
  attachments: { id: string; fileName: string; text: string }[];
  settings: CheckSettings;
  piiKey: string;
  overrides: FindingOverride[];
}

/** Every finding of the body and the attachments, overrides applied. */
export function scanPublication(input: ScanInput): PublicationFinding[] {
  const overrides = new Map(input.overrides.map((o) => [o.findingKey, o]));
  const { settings, piiKey } = input;
  return [
    ...scanSource(input.bodyText, { type: 'body' }, settings, piiKey, overrides),
    ...input.attachments.flatMap((a) =>
      scanSource(
        a.text,
        { type: 'attachment', attachmentId: a.id, fileName: a.fileName },
        settings,
        piiKey,
        overrides,
      ),
    ),
  ];
}

/** Blocking findings neither fixed nor overridden: they stop submission and publication. */
export function unresolvedBlocking(findings: PublicationFinding[]): PublicationFinding[] {
  return findings.filter((f) => f.severity === 'blocking' && f.override === null);
}

export function sourceLabel(s: FindingSource): string {
  return s.type === 'body' ? '正文' : `附件“${s.fileName}”`;
}

/** What an attachment row stores of its findings: never the clear value. */
export function storedFindings(findings: PublicationFinding[]): string {
  return JSON.stringify(
    findings.map(({ key, kind, severity, message, display, start, end }) => ({
      key,
      kind,
      severity,
      message,
      display,
      start,
      end,
    })),
  );
}
