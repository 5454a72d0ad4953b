import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestsEqual, EnvelopeError, PersonalDataCipher, sm4EncryptBlock } from './personal-data.js';

const KEY = '00112233445566778899aabbccddeeff';
const OTHER = 'ffeeddccbbaa99887766554433221100';
const hex = (s: string) => Buffer.from(s, 'hex');

describe('SM4 (GB/T 32907-2016 Appendix A)', () => {
  it('example 1: one block', () => {
    const k = hex('0123456789abcdeffedcba9876543210');
    expect(sm4EncryptBlock(k, k).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('example 2: the same block encrypted 1,000,000 times', () => {
    const k = hex('0123456789abcdeffedcba9876543210');
    // ECB without padding, feeding each output back in: one cipher object, one block at a time.
    const c = createCipheriv('sm4-ecb', k, null);
    c.setAutoPadding(false);
    let block: Buffer = k;
    for (let i = 0; i < 1_000_000; i++) block = c.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('CBC with a zero IV on one block equals the block cipher (the mode the envelopes use)', () => {
    const k = hex('0123456789abcdeffedcba9876543210');
    const c = createCipheriv('sm4-cbc', k, Buffer.alloc(16));
    c.setAutoPadding(false);
    expect(Buffer.concat([c.update(k), c.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(KEY);
  const text = JSON.stringify({ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' });

  it('round-trips, and the envelope contains none of the plaintext', () => {
    const env = cipher.seal(text, 'case-1');
    expect(cipher.open(env, 'case-1')).toBe(text);
    for (const s of ['张三', '11010519491231002X', '13800138000', Buffer.from('张三').toString('base64')])
      expect(env).not.toContain(s);
    expect(env.startsWith(`sm4e1.${cipher.keyId}.`)).toBe(true);
    expect(PersonalDataCipher.keyIdOf(env)).toBe(cipher.keyId);
  });

  it('uses a fresh IV: the same plaintext seals differently each time', () => {
    expect(cipher.seal(text, 'a')).not.toBe(cipher.seal(text, 'a'));
  });

  it('refuses an envelope bound to another row, altered, truncated, or under an unknown key', () => {
    const env = cipher.seal(text, 'case-1');
    expect(() => cipher.open(env, 'case-2')).toThrow(EnvelopeError);
    const parts = env.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0]! ^= 1;
    const flipped = [...parts.slice(0, 3), ct.toString('base64url'), parts[4]].join('.');
    expect(() => cipher.open(flipped, 'case-1')).toThrow('failed authentication');
    expect(() => cipher.open(parts.slice(0, 4).join('.'), 'case-1')).toThrow(EnvelopeError);
    expect(() => new PersonalDataCipher(OTHER).open(env, 'case-1')).toThrow('is not configured');
    // The error never carries the plaintext.
    try {
      cipher.open(flipped, 'case-1');
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('张三');
    }
  });

  it('reads envelopes of a previous key after a rotation, and seals with the new one', () => {
    const old = cipher.seal(text, 'x');
    const rotated = new PersonalDataCipher(OTHER, [KEY]);
    expect(rotated.open(old, 'x')).toBe(text);
    expect(PersonalDataCipher.keyIdOf(rotated.seal(text, 'x'))).toBe(rotated.keyId);
    expect(rotated.keyId).not.toBe(cipher.keyId);
  });

  it('blind indexes: equal for equal values, keyed (another key gives another index), per purpose', () => {
    const a = cipher.blindIndex('id', 'residentIdCard:11010519491231002X');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex('id', 'residentIdCard:11010519491231002X')).toBe(a);
    expect(cipher.blindIndex('contact', 'residentIdCard:11010519491231002X')).not.toBe(a);
    expect(new PersonalDataCipher(OTHER).blindIndex('id', 'residentIdCard:11010519491231002X')).not.toBe(a);
  });

  it('keyed digests are checkable with the key id they were made with', () => {
    const d = cipher.keyedDigest('query-code', 'ABCD')!;
    const rotated = new PersonalDataCipher(OTHER, [KEY]);
    expect(digestsEqual(rotated.keyedDigest('query-code', 'ABCD', cipher.keyId)!, d)).toBe(true);
    expect(digestsEqual(rotated.keyedDigest('query-code', 'ABCD')!, d)).toBe(false);
    expect(rotated.keyedDigest('query-code', 'ABCD', 'deadbeef')).toBeNull();
    expect(digestsEqual(d, d.subarray(1))).toBe(false);
  });

  it('refuses a malformed key', () => {
    expect(() => new PersonalDataCipher('0123')).toThrow('32 hexadecimal digits');
  });
});
