// PKCS#12 keystores (`.p12`, `.pfx`, Java's PKCS12 keystores) recognised by
// their ASN.1 structure (RFC 7292), never by a file name: a SEQUENCE holding
// version 3 and a PKCS#7 `data` or `signedData` ContentInfo.

/** PKCS#7 content types are 1.2.840.113549.1.7.n: `data` is n = 1, `signedData` n = 2. */
const PKCS7_OID_PREFIX = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07];

interface Length { length: number; next: number }

/** A DER length at `at` (or BER's indefinite length, -1), and where the content starts. */
function readLength(bytes: Uint8Array, at: number): Length | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return { length: first, next: at + 1 };
  if (first === 0x80) return { length: -1, next: at + 1 };
  const count = first & 0x7f;
  if (count > 4 || at + count >= bytes.length) return undefined;
  let length = 0;
  for (let i = 1; i <= count; i += 1) length = length * 256 + bytes[at + i];
  return { length, next: at + 1 + count };
}

/**
 * Whether `bytes` open like a PFX: `SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data|signedData, … } … }`.
 * With `whole`, the outer length must also end exactly at the last byte (a file
 * read in full); a decoded prefix of a base64 blob is judged on its header only.
 */
export function isPkcs12(bytes: Uint8Array, whole = false): boolean {
  if (bytes[0] !== 0x30) return false;
  const outer = readLength(bytes, 1);
  if (!outer) return false;
  if (whole && outer.length >= 0 && outer.next + outer.length !== bytes.length) return false;
  let at = outer.next;
  if (bytes[at] !== 0x02 || bytes[at + 1] !== 0x01 || bytes[at + 2] !== 0x03) return false;
  at += 3;
  if (bytes[at] !== 0x30) return false;
  const info = readLength(bytes, at + 1);
  if (!info) return false;
  at = info.next;
  for (let i = 0; i < PKCS7_OID_PREFIX.length; i += 1) if (bytes[at + i] !== PKCS7_OID_PREFIX[i]) return false;
  return bytes[at + 10] === 1 || bytes[at + 10] === 2;
}

/** A DER element: tag, definite length, content. */
function element(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

/**
 * A structurally valid PFX around `filler` (random bytes standing for the
 * encrypted safe contents): test samples only, never key material.
 */
export function samplePkcs12(filler: Buffer, version = 3): Buffer {
  const data = element(0x30, Buffer.concat([
    Buffer.from([...PKCS7_OID_PREFIX, 0x01]),
    element(0xa0, element(0x04, filler)),
  ]));
  // MacData: DigestInfo { sha1, digest }, salt, iterations (2048).
  const sha1 = Buffer.from([0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00]);
  const digestInfo = element(0x30, Buffer.concat([sha1, element(0x04, filler.subarray(0, 20))]));
  const mac = element(0x30, Buffer.concat([digestInfo, element(0x04, filler.subarray(20, 28)), Buffer.from([0x02, 0x02, 0x08, 0x00])]));
  return element(0x30, Buffer.concat([Buffer.from([0x02, 0x01, version]), data, mac]));
}
