/**
 * Personal data encrypted at rest with SM4 (GB/T 32907), authenticated with HMAC-SM3 (GB/T 32905):
 * encrypt-then-MAC, through Node's OpenSSL ('sm4-cbc', 'sm3').
 *
 *   envelope  = "sm4e1" "." kid "." base64url(iv) "." base64url(ciphertext) "." base64url(tag)
 *   ciphertext = SM4-CBC(encKey, iv, PKCS#7(plaintext)), iv random (16 bytes) per envelope
 *   tag       = HMAC-SM3(macKey, "sm4e1" ‖ kid ‖ aad ‖ iv ‖ ciphertext), lengths prefixed (32 bytes)
 *
 * The master key is 16 bytes (`PERSONAL_DATA_KEY`, 32 hex digits). The encryption, MAC and blind-index keys
 * are derived from it with HMAC-SM3 and distinct labels, so one secret serves the three purposes without
 * reusing a key across them. `kid` names the master key (8 hex digits of a keyed hash of a fixed label):
 * after a rotation the previous keys stay configured for reading, and `open` picks the key the envelope
 * names. `aad` binds an envelope to its row (e.g. the case id): an envelope copied onto another row fails.
 *
 * Blind indexes are keyed hashes (HMAC-SM3 with the index key) of normalised values, so rows can be matched
 * on "same applicant" without decrypting; without the key they reveal nothing but equality. They are
 * computed with the current key only: after a rotation they must be recomputed with the data
 * (applications/rekey.ts).
 *
 * Nothing here logs or puts a plaintext into an error message.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const VERSION = 'sm4e1';
const KEY_HEX = /^[0-9a-fA-F]{32}$/;

/** Thrown when an envelope cannot be opened: wrong key, altered or truncated data, wrong row. No plaintext. */
export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** One SM4 block (ECB, no padding): for the standard's known-answer test. */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  if (key.length !== 16 || block.length !== 16) throw new RangeError('SM4 key and block are 16 bytes');
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

export function isPersonalDataKey(hex: string): boolean {
  return KEY_HEX.test(hex);
}

/** HMAC-SM3 over length-prefixed parts (shared with the sealed files, file-cipher.ts). */
export function hmac(key: Uint8Array, ...parts: (string | Uint8Array)[]): Buffer {
  const h = createHmac('sm3', key);
  // Each part is length-prefixed, so ("ab", "c") and ("a", "bc") never give the same MAC.
  for (const p of parts) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    h.update(len);
    h.update(b);
  }
  return h.digest();
}

/** The id of a master key, named in envelopes and sealed files (8 hex digits of a keyed hash). */
export function keyIdOf(master: Uint8Array): string {
  return hmac(master, 'gongkai/personal-data/key-id').toString('hex').slice(0, 8);
}

interface KeySet {
  kid: string;
  enc: Buffer;
  mac: Buffer;
  index: Buffer;
}

function deriveKeys(hex: string): KeySet {
  if (!isPersonalDataKey(hex)) throw new RangeError('a personal-data key is 32 hexadecimal digits');
  const master = Buffer.from(hex, 'hex');
  return {
    kid: keyIdOf(master),
    enc: hmac(master, 'gongkai/personal-data/sm4-cbc/v1').subarray(0, 16),
    mac: hmac(master, 'gongkai/personal-data/hmac-sm3/v1'),
    index: hmac(master, 'gongkai/personal-data/blind-index/v1'),
  };
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');

function fromB64(s: string | undefined): Buffer | null {
  if (s === undefined || !/^[A-Za-z0-9_-]*$/.test(s)) return null;
  return Buffer.from(s, 'base64url');
}

export class PersonalDataCipher {
  readonly #current: KeySet;
  readonly #byKid = new Map<string, KeySet>();

  /** `current` encrypts and indexes; `previous` keys (older first or not, any order) only decrypt. */
  constructor(current: string, previous: readonly string[] = []) {
    this.#current = deriveKeys(current);
    for (const k of [current, ...previous]) {
      const set = deriveKeys(k);
      if (!this.#byKid.has(set.kid)) this.#byKid.set(set.kid, set);
    }
    // Known-answer test of the cipher OpenSSL gives us (GB/T 32907-2016 Appendix A, example 1).
    const v = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    if (sm4EncryptBlock(v, v).toString('hex') !== '681edf34d206965e86b3e94f536e4246')
      throw new Error('SM4 self-test failed: this OpenSSL build does not compute SM4 correctly');
  }

  /** The id of the current key, stored beside each envelope. */
  get keyId(): string {
    return this.#current.kid;
  }

  /** Encrypts `plaintext` (UTF-8) for the row named by `aad`. */
  seal(plaintext: string, aad: string): string {
    const k = this.#current;
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-cbc', k.enc, iv);
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    const tag = hmac(k.mac, VERSION, k.kid, aad, iv, ct);
    return [VERSION, k.kid, b64(iv), b64(ct), b64(tag)].join('.');
  }

  /** The key id an envelope was sealed with (without opening it), or null when it is not an envelope. */
  static keyIdOf(envelope: string): string | null {
    const parts = envelope.split('.');
    return parts.length === 5 && parts[0] === VERSION ? parts[1]! : null;
  }

  /** Decrypts an envelope sealed for `aad`; EnvelopeError when the key is unknown or anything was altered. */
  open(envelope: string, aad: string): string {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new EnvelopeError('not a personal-data envelope');
    const kid = parts[1]!;
    const k = this.#byKid.get(kid);
    if (!k) throw new EnvelopeError(`personal-data key ${kid} is not configured`);
    const iv = fromB64(parts[2]);
    const ct = fromB64(parts[3]);
    const tag = fromB64(parts[4]);
    if (iv?.length !== 16 || !ct || ct.length === 0 || ct.length % 16 !== 0 || !tag || tag.length !== 32)
      throw new EnvelopeError('malformed personal-data envelope');
    const expected = hmac(k.mac, VERSION, kid, aad, iv, ct);
    if (!timingSafeEqual(expected, tag))
      throw new EnvelopeError('personal-data envelope failed authentication');
    try {
      const d = createDecipheriv('sm4-cbc', k.enc, iv);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    } catch {
      throw new EnvelopeError('personal-data envelope could not be decrypted');
    }
  }

  /** A keyed hash (HMAC-SM3, hex) of an already normalised value, for equality matching. */
  blindIndex(purpose: string, value: string): string {
    return hmac(this.#current.index, 'blind-index', purpose, value).toString('hex');
  }

  /**
   * A keyed hash for secrets compared on presentation (query codes), with the key id it was made with:
   * stored as "kid:hex", it stays checkable after a rotation while the old key is still configured.
   * Null when `kid` names a key that is not configured.
   */
  keyedDigest(purpose: string, value: string, kid: string = this.#current.kid): Buffer | null {
    const k = this.#byKid.get(kid);
    return k ? hmac(k.index, 'digest', purpose, value) : null;
  }

  /** Whether `kid` names a configured key. */
  hasKey(kid: string): boolean {
    return this.#byKid.has(kid);
  }
}

/** Constant-time comparison of two hex digests of any length (false when the lengths differ). */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    // Still spend the comparison, so the time does not tell the length.
    timingSafeEqual(Buffer.from(a), Buffer.from(a));
    return false;
  }
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** SM3 of bytes, hex: for content fingerprints that are not secrets. */
export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}
