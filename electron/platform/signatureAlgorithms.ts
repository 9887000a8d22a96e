import { createHash, createHmac, getHashes } from 'node:crypto';
// Default import: sm-crypto is CommonJS without named exports Node's ESM loader can see.
import smCrypto from 'sm-crypto';

/**
 * The two request-signature algorithms: HMAC-SHA256 with a SHA-256 body hash, and HMAC-SM3
 * (GB/T 32905 hash, RFC 2104 construction) with an SM3 body hash for deployments that must
 * use national algorithms.
 *
 * SM3 comes from node:crypto when its OpenSSL has it (plain Node does); Electron's Node uses
 * BoringSSL, which has no SM3, so there the pure implementation from sm-crypto is used. Both
 * are checked against `openssl dgst -sm3` in the unit tests.
 */

export type SignatureAlgorithm = 'hmac-sha256' | 'hmac-sm3';
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['hmac-sha256', 'hmac-sm3'];

/** The X-Kiosk-Signature-Algorithm header value of each algorithm. */
export const ALGORITHM_HEADER_VALUE: Readonly<Record<SignatureAlgorithm, string>> = {
  'hmac-sha256': 'HMAC-SHA256',
  'hmac-sm3': 'HMAC-SM3',
};

export function algorithmFromHeader(value: string): SignatureAlgorithm | null {
  const upper = value.trim().toUpperCase();
  for (const algorithm of SIGNATURE_ALGORITHMS) if (ALGORITHM_HEADER_VALUE[algorithm] === upper) return algorithm;
  return null;
}

export interface Sm3Implementation {
  digest(data: Uint8Array): Buffer;
  hmac(key: Uint8Array, data: Uint8Array): Buffer;
}

const SM3_BLOCK_BYTES = 64;

function pureSm3Digest(data: Uint8Array): Buffer {
  return Buffer.from(smCrypto.sm3(data), 'hex');
}

/** RFC 2104 over the pure SM3 (sm-crypto's own HMAC mishandles keys longer than a block). */
function pureSm3Hmac(key: Uint8Array, data: Uint8Array): Buffer {
  const shortKey = key.length > SM3_BLOCK_BYTES ? pureSm3Digest(key) : Buffer.from(key);
  const block = Buffer.alloc(SM3_BLOCK_BYTES);
  shortKey.copy(block);
  const inner = Buffer.alloc(SM3_BLOCK_BYTES);
  const outer = Buffer.alloc(SM3_BLOCK_BYTES);
  for (let i = 0; i < SM3_BLOCK_BYTES; i++) {
    inner[i] = (block[i] ?? 0) ^ 0x36;
    outer[i] = (block[i] ?? 0) ^ 0x5c;
  }
  const innerHash = pureSm3Digest(Buffer.concat([inner, data]));
  return pureSm3Digest(Buffer.concat([outer, innerHash]));
}

export const pureSm3: Sm3Implementation = { digest: pureSm3Digest, hmac: pureSm3Hmac };

export const nodeSm3: Sm3Implementation = {
  digest: (data) => createHash('sm3').update(data).digest(),
  hmac: (key, data) => createHmac('sm3', key).update(data).digest(),
};

export function nodeHasSm3(): boolean {
  return getHashes().includes('sm3');
}

const sm3 = nodeHasSm3() ? nodeSm3 : pureSm3;

/** Hex hash of a request body: SHA-256 or SM3 to match the algorithm. */
export function bodyHashHex(algorithm: SignatureAlgorithm, body: Uint8Array): string {
  return algorithm === 'hmac-sm3' ? sm3.digest(body).toString('hex') : createHash('sha256').update(body).digest('hex');
}

export function hmacHex(algorithm: SignatureAlgorithm, key: Uint8Array, message: Uint8Array): string {
  return algorithm === 'hmac-sm3'
    ? sm3.hmac(key, message).toString('hex')
    : createHmac('sha256', key).update(message).digest('hex');
}
