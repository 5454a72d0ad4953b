/**
 * HMAC-SM3 over a canonical encoding of an audit event (ADR 0005).
 * SM3 (GB/T 32905) is available in Node's OpenSSL as 'sm3'.
 */
import { createHmac } from 'node:crypto';

export const GENESIS_MAC = '0'.repeat(64);

export interface MacFields {
  chain: string;
  seq: number;
  agencyId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
  occurredAt: string;
  prevMac: string;
}

export function hmacSm3(key: string, message: string): string {
  return createHmac('sm3', key).update(message, 'utf8').digest('hex');
}

/** JSON array with a fixed field order: unambiguous, and any edited field changes the MAC. */
export function canonicalEvent(f: MacFields): string {
  return JSON.stringify([
    'gongkai-audit-v1',
    f.chain,
    f.seq,
    f.agencyId,
    f.actorId,
    f.actorLabel,
    f.action,
    f.targetType,
    f.targetId,
    f.beforeJson,
    f.afterJson,
    f.requestId,
    f.occurredAt,
    f.prevMac,
  ]);
}

export function eventMac(key: string, f: MacFields): string {
  return hmacSm3(key, canonicalEvent(f));
}

export function headMac(key: string, chain: string, seq: number, mac: string): string {
  return hmacSm3(key, JSON.stringify(['gongkai-audit-head-v1', chain, seq, mac]));
}

export function checkpointMac(
  key: string,
  chain: string,
  seq: number,
  mac: string,
  createdAt: string,
): string {
  return hmacSm3(key, JSON.stringify(['gongkai-audit-checkpoint-v1', chain, seq, mac, createdAt]));
}
