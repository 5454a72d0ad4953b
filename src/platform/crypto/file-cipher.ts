/**
 * Files encrypted at rest with SM4 (GB/T 32907), authenticated with HMAC-SM3 (GB/T 32905): the binary
 * sibling of the personal-data envelopes (personal-data.ts), for files that carry an applicant's personal
 * data (docs/adr/0013-application-files-encrypted.md).
 *
 *   file       = header ‖ ciphertext ‖ tag
 *   header     = "GKSF" ‖ 0x01 (version) ‖ kid (8 ASCII hex digits) ‖ iv (16 random bytes)      29 bytes
 *   ciphertext = SM4-CBC(encKey, iv, PKCS#7(plaintext))                       a multiple of 16, at least 16
 *   tag        = HMAC-SM3(macKey, label ‖ aad ‖ header ‖ ciphertext ‖ u64be(ciphertext length))  32 bytes
 *                (label and aad length-prefixed; the ciphertext's length last, so the MAC can be computed
 *                while the ciphertext streams)
 *
 * The keys come from the same master key as the envelopes (`PERSONAL_DATA_KEY`) through HMAC-SM3 with their
 * own labels, so a file key is never an envelope key; the key id is the envelopes' (one id per master key
 * for operators), so after a rotation the previous keys stay configured for reading and `open` picks the
 * key the header names. `aad` binds a file to its row (e.g. the attachment's id): a file copied in place of
 * another's fails authentication.
 *
 * One CBC stream and one MAC, processed in 64 KiB slices: sealing writes slice by slice (the plaintext and
 * one slice in memory, never a second full copy); opening decrypts slice by slice into one buffer the size
 * of the ciphertext, checks the tag before the last block's padding is looked at, and only then hands the
 * plaintext out: a damaged or altered file gives FileCipherError and never partial bytes (the buffer is
 * wiped). Nothing here logs or puts a plaintext into an error message.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { open as openFile } from 'node:fs/promises';
import { hmac, keyIdOf } from './personal-data.js';

/** "GKSF" (gongkai sealed file). */
export const FILE_MAGIC = Buffer.from('GKSF', 'ascii');
const VERSION = 1;
const KID_LENGTH = 8;
const IV_LENGTH = 16;
export const FILE_HEADER_LENGTH = FILE_MAGIC.length + 1 + KID_LENGTH + IV_LENGTH;
const TAG_LENGTH = 32;
const BLOCK = 16;
const SLICE = 64 * 1024;
const KEY_HEX = /^[0-9a-fA-F]{32}$/;
const MAC_LABEL = 'gongkai/sealed-file/v1';

/** Thrown when a sealed file cannot be opened: wrong key, wrong row, altered or truncated data. No plaintext. */
export class FileCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileCipherError';
  }
}

interface FileKeys {
  kid: string;
  enc: Buffer;
  mac: Buffer;
}

function deriveKeys(hex: string): FileKeys {
  if (!KEY_HEX.test(hex)) throw new RangeError('a personal-data key is 32 hexadecimal digits');
  const master = Buffer.from(hex, 'hex');
  return {
    // The same id as the personal-data envelopes of this master key.
    kid: keyIdOf(master),
    enc: hmac(master, 'gongkai/sealed-file/sm4-cbc/v1').subarray(0, 16),
    mac: hmac(master, 'gongkai/sealed-file/hmac-sm3/v1'),
  };
}

/** The MAC's running state: label and aad first, then header and ciphertext as they pass, the length last. */
function startMac(k: FileKeys, aad: string, header: Uint8Array) {
  const h = createHmac('sm3', k.mac);
  for (const p of [Buffer.from(MAC_LABEL, 'utf8'), Buffer.from(aad, 'utf8')]) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(p.length);
    h.update(len).update(p);
  }
  h.update(header);
  let n = 0;
  return {
    update(ct: Uint8Array) {
      n += ct.length;
      h.update(ct);
    },
    digest(): Buffer {
      const len = Buffer.alloc(8);
      len.writeBigUInt64BE(BigInt(n));
      return h.update(len).digest();
    },
  };
}

export interface SealedHeader {
  version: number;
  keyId: string;
}

/** Whether the bytes start like a sealed file (magic and version): a file without it is a legacy clear one. */
export function isSealedFile(head: Uint8Array): boolean {
  return (
    head.length >= FILE_MAGIC.length + 1 &&
    Buffer.from(head.subarray(0, FILE_MAGIC.length)).equals(FILE_MAGIC) &&
    head[FILE_MAGIC.length] === VERSION
  );
}

/** The header of a sealed file (without opening it), or null when the bytes are not one. */
export function sealedHeaderOf(head: Uint8Array): SealedHeader | null {
  if (head.length < FILE_HEADER_LENGTH || !isSealedFile(head)) return null;
  const kid = Buffer.from(head.subarray(FILE_MAGIC.length + 1, FILE_MAGIC.length + 1 + KID_LENGTH)).toString(
    'latin1',
  );
  return /^[0-9a-f]{8}$/.test(kid) ? { version: VERSION, keyId: kid } : null;
}

/** The size on disk of `plainLength` bytes sealed. */
export function sealedSize(plainLength: number): number {
  return FILE_HEADER_LENGTH + (Math.floor(plainLength / BLOCK) + 1) * BLOCK + TAG_LENGTH;
}

export class FileCipher {
  readonly #current: FileKeys;
  readonly #byKid = new Map<string, FileKeys>();

  /** `current` seals; `previous` keys (any order) only open. */
  constructor(current: string, previous: readonly string[] = []) {
    this.#current = deriveKeys(current);
    for (const k of [current, ...previous]) {
      const set = deriveKeys(k);
      if (!this.#byKid.has(set.kid)) this.#byKid.set(set.kid, set);
    }
  }

  /** The id of the key new files are sealed with. */
  get keyId(): string {
    return this.#current.kid;
  }

  /** Whether `kid` names a configured key. */
  hasKey(kid: string): boolean {
    return this.#byKid.has(kid);
  }

  /** The sealed file as successive slices: header, ciphertext slices, tag. */
  *#sealSlices(plaintext: Uint8Array, aad: string): Generator<Buffer> {
    const k = this.#current;
    const iv = randomBytes(IV_LENGTH);
    const header = Buffer.concat([FILE_MAGIC, Buffer.from([VERSION]), Buffer.from(k.kid, 'latin1'), iv]);
    const mac = startMac(k, aad, header);
    const c = createCipheriv('sm4-cbc', k.enc, iv);
    yield header;
    for (let at = 0; at < plaintext.length; at += SLICE) {
      const ct = c.update(plaintext.subarray(at, at + SLICE));
      if (ct.length === 0) continue;
      mac.update(ct);
      yield ct;
    }
    const last = c.final();
    mac.update(last);
    yield last;
    yield mac.digest();
  }

  /** Seals `plaintext` for the row named by `aad`, in memory. */
  seal(plaintext: Uint8Array, aad: string): Buffer {
    return Buffer.concat([...this.#sealSlices(plaintext, aad)]);
  }

  /**
   * Seals `plaintext` into a new file at `file` (created exclusively, mode 0640: it must not exist), slice by
   * slice; with `fsync` the file is synced before it is closed. A failure removes nothing: the caller owns
   * the (temporary) name.
   */
  async sealToFile(file: string, plaintext: Uint8Array, aad: string, opts: { fsync?: boolean } = {}) {
    const h = await openFile(file, 'wx', 0o640);
    try {
      for (const slice of this.#sealSlices(plaintext, aad)) await h.write(slice);
      if (opts.fsync) await h.sync();
    } finally {
      await h.close();
    }
  }

  #opening(header: Uint8Array, aad: string, ctLength: number) {
    const h = sealedHeaderOf(header);
    if (!h) throw new FileCipherError('not a sealed file');
    const k = this.#byKid.get(h.keyId);
    if (!k) throw new FileCipherError(`file key ${h.keyId} is not configured`);
    if (ctLength < BLOCK || ctLength % BLOCK !== 0) throw new FileCipherError('malformed sealed file');
    const iv = header.subarray(FILE_HEADER_LENGTH - IV_LENGTH, FILE_HEADER_LENGTH);
    const mac = startMac(k, aad, header.subarray(0, FILE_HEADER_LENGTH));
    const d = createDecipheriv('sm4-cbc', k.enc, iv);
    const out = Buffer.allocUnsafe(ctLength);
    let written = 0;
    const fail = (message: string): never => {
      out.fill(0);
      throw new FileCipherError(message);
    };
    return {
      update(ct: Uint8Array) {
        mac.update(ct);
        // Decrypted into our buffer, never handed out before the tag is checked; the padding of the last
        // block is only looked at (final) after the check, so a padding error cannot tell anything.
        written += d.update(ct).copy(out, written);
      },
      finish(tag: Uint8Array): Buffer {
        if (tag.length !== TAG_LENGTH || !timingSafeEqual(mac.digest(), tag))
          return fail('sealed file failed authentication');
        try {
          written += d.final().copy(out, written);
        } catch {
          return fail('sealed file could not be decrypted');
        }
        return out.subarray(0, written);
      },
    };
  }

  /** Opens a sealed file's bytes for `aad`; FileCipherError when the key is unknown or anything was altered. */
  open(sealed: Uint8Array, aad: string): Buffer {
    const ctLength = sealed.length - FILE_HEADER_LENGTH - TAG_LENGTH;
    if (ctLength < BLOCK) throw new FileCipherError('malformed sealed file');
    const o = this.#opening(sealed.subarray(0, FILE_HEADER_LENGTH), aad, ctLength);
    for (let at = FILE_HEADER_LENGTH; at < FILE_HEADER_LENGTH + ctLength; at += SLICE)
      o.update(sealed.subarray(at, Math.min(at + SLICE, FILE_HEADER_LENGTH + ctLength)));
    return o.finish(sealed.subarray(FILE_HEADER_LENGTH + ctLength));
  }

  /**
   * Opens the sealed file at `file` for `aad`, reading it slice by slice through one handle (a file renamed
   * over it meanwhile does not mix in). ENOENT and other I/O errors pass through; FileCipherError as `open`.
   */
  async openFile(file: string, aad: string): Promise<Buffer> {
    const h = await openFile(file, 'r');
    try {
      const size = (await h.stat()).size;
      const ctLength = size - FILE_HEADER_LENGTH - TAG_LENGTH;
      if (ctLength < BLOCK) throw new FileCipherError('malformed sealed file');
      const readExactly = async (length: number, position: number): Promise<Buffer> => {
        const b = Buffer.alloc(length);
        let got = 0;
        while (got < length) {
          const { bytesRead } = await h.read(b, got, length - got, position + got);
          if (bytesRead === 0) throw new FileCipherError('sealed file is truncated');
          got += bytesRead;
        }
        return b;
      };
      const o = this.#opening(await readExactly(FILE_HEADER_LENGTH, 0), aad, ctLength);
      const end = FILE_HEADER_LENGTH + ctLength;
      for (let at = FILE_HEADER_LENGTH; at < end; at += SLICE)
        o.update(await readExactly(Math.min(SLICE, end - at), at));
      return o.finish(await readExactly(TAG_LENGTH, end));
    } finally {
      await h.close();
    }
  }
}
