import { randomBytes } from 'node:crypto';
import { sm2, type KeyPairPoint } from 'sm-crypto';

/**
 * SM2 signatures (GB/T 32918.2, with SM3 and the Z value of GB/T 32918.2 / GM/T 0009) through
 * sm-crypto. Node's built-in "SM2" EC curve does ECDSA over that curve, which is not SM2, so
 * it is not used here.
 *
 * Randomness: sm-crypto draws keys and per-signature nonces from jsbn's SecureRandom, which
 * outside a browser falls back to Math.random. A predictable nonce reveals the private key
 * from one signature, so both the private key and every nonce here come from node:crypto.
 */

/** The default signer id of GM/T 0009 (the "1234567812345678" every SM2 toolkit uses). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** What sm-crypto exports beyond its published types. */
const sm2Internal = sm2 as typeof sm2 & {
  generateKeyPairHex(seedHex: string, radix: number): { privateKey: string; publicKey: string };
  getPublicKeyFromPrivateKey(privateKeyHex: string): string;
  verifyPublicKey(publicKeyHex: string): boolean;
};

export interface Sm2KeyPair {
  /** 64 hex digits. */
  privateKeyHex: string;
  /** Uncompressed point: "04" + x + y, 130 hex digits. */
  publicKeyHex: string;
}

const SM2_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/** A key pair from node:crypto randomness: d = 1 + (384 random bits mod (n - 1)), bias below 2^-128. */
export function generateSm2KeyPair(): Sm2KeyPair {
  const pair = sm2Internal.generateKeyPairHex(randomBytes(48).toString('hex'), 16);
  return { privateKeyHex: pair.privateKey.toLowerCase(), publicKeyHex: pair.publicKey.toLowerCase() };
}

export function sm2PublicKeyFromPrivateKey(privateKeyHex: string): string {
  return sm2Internal.getPublicKeyFromPrivateKey(privateKeyHex).toLowerCase();
}

export function isValidSm2PrivateKey(privateKeyHex: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(privateKeyHex)) return false;
  const d = BigInt(`0x${privateKeyHex}`);
  // d = n - 1 is excluded by the standard: (1 + d) has no inverse mod n.
  return d >= 1n && d < SM2_ORDER - 1n;
}

export function isValidSm2PublicKey(publicKeyHex: string): boolean {
  if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHex)) return false;
  try {
    return sm2Internal.verifyPublicKey(publicKeyHex.toLowerCase());
  } catch {
    return false;
  }
}

/** Signs the bytes; returns r ‖ s, 32 bytes each, big-endian (64 bytes). */
export function signSm2(key: Sm2KeyPair, message: Uint8Array): Uint8Array {
  const hex = sm2.doSignature(Array.from(message), key.privateKeyHex, {
    hash: true,
    der: false,
    publicKey: key.publicKeyHex,
    userId: SM2_DEFAULT_USER_ID,
    // Two nonces: sm-crypto draws another only if r = 0 or r + k = n (odds about 2^-255).
    pointPool: [secureNoncePoint(), secureNoncePoint()],
  });
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function verifySm2(publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64 || !isValidSm2PublicKey(publicKeyHex)) return false;
  try {
    return sm2.doVerifySignature(Array.from(message), Buffer.from(signature).toString('hex'), publicKeyHex.toLowerCase(), {
      hash: true,
      der: false,
      userId: SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
}

type BigIntegerClass = new (text: string, radix: number) => KeyPairPoint['k'];
let bigIntegerClass: BigIntegerClass | null = null;

/**
 * A nonce k with its point kG, in the shape sm-crypto's pointPool takes. jsbn's BigInteger
 * class is taken from a point sm-crypto made itself, so it is the very class sm-crypto computes
 * with (that point's own weak nonce is thrown away).
 */
function secureNoncePoint(): KeyPairPoint {
  bigIntegerClass ??= sm2.getPoint().k.constructor as unknown as BigIntegerClass;
  const pair = sm2Internal.generateKeyPairHex(randomBytes(48).toString('hex'), 16);
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    k: new bigIntegerClass(pair.privateKey, 16),
    x1: new bigIntegerClass(pair.publicKey.slice(2, 66), 16),
  };
}
