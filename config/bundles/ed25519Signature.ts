import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** Ed25519 (RFC 8032, pure) through node:crypto. */

export function signEd25519(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return Uint8Array.from(sign(null, message, privateKey));
}

/** `publicKeyBase64`: the base64 DER SubjectPublicKeyInfo, as in the terminal config. */
export function verifyEd25519(publicKeyBase64: string, message: Uint8Array, signature: Uint8Array): boolean {
  const key = ed25519PublicKeyFromBase64(publicKeyBase64);
  if (!key || signature.length !== 64) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

export function ed25519PublicKeyFromBase64(publicKeyBase64: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The public key of `key` (a public or a private key object) as base64 SubjectPublicKeyInfo. */
export function ed25519PublicKeyToBase64(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}
