import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ed25519PublicKeyToBase64, signEd25519, verifyEd25519 } from './ed25519Signature.js';
import type { AdminKeyAlgorithm, TrustedAdminKey } from './remoteConfigSettingsSchema.js';
import { generateSm2KeyPair, signSm2, verifySm2 } from './sm2Signature.js';

/** A remote admin's private key, as read from PREFIX.key. */
export type AdminSigningKey =
  | { algorithm: 'ed25519'; keyId: string; publicKey: string; privateKey: KeyObject }
  | { algorithm: 'sm2'; keyId: string; publicKey: string; privateKeyHex: string };

export function generateAdminSigningKey(algorithm: AdminKeyAlgorithm, keyId?: string): AdminSigningKey {
  if (algorithm === 'ed25519') {
    const pair = generateKeyPairSync('ed25519');
    const publicKey = ed25519PublicKeyToBase64(pair.publicKey);
    return { algorithm, keyId: keyId ?? defaultKeyId(algorithm, publicKey), publicKey, privateKey: pair.privateKey };
  }
  const pair = generateSm2KeyPair();
  return {
    algorithm,
    keyId: keyId ?? defaultKeyId(algorithm, pair.publicKeyHex),
    publicKey: pair.publicKeyHex,
    privateKeyHex: pair.privateKeyHex,
  };
}

/** A key id that names the key unambiguously when the admin gives none: algorithm + fingerprint. */
export function defaultKeyId(algorithm: AdminKeyAlgorithm, publicKey: string): string {
  return `${algorithm}-${createHash('sha256').update(publicKey.toLowerCase()).digest('hex').slice(0, 12)}`;
}

/** The public half, in the form the terminal config's remoteConfig.trustedAdminKeys takes. */
export function trustedKeyOf(key: AdminSigningKey): TrustedAdminKey {
  return { keyId: key.keyId, algorithm: key.algorithm, publicKey: key.publicKey } as TrustedAdminKey;
}

/** Signs the canonical bytes; the signature is base64 (64 bytes for both algorithms). */
export function signWithAdminKey(key: AdminSigningKey, message: Uint8Array): string {
  const signature =
    key.algorithm === 'ed25519'
      ? signEd25519(key.privateKey, message)
      : signSm2({ privateKeyHex: key.privateKeyHex, publicKeyHex: key.publicKey }, message);
  return Buffer.from(signature).toString('base64');
}

export function verifyWithTrustedKey(key: TrustedAdminKey, message: Uint8Array, signatureBase64: string): boolean {
  const signature = strictBase64(signatureBase64);
  if (!signature) return false;
  return key.algorithm === 'ed25519'
    ? verifyEd25519(key.publicKey, message, signature)
    : verifySm2(key.publicKey, message, signature);
}

/** Node's decoder skips junk characters; a signature must be exactly what was written. */
function strictBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? Uint8Array.from(bytes) : null;
}
