import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { AdminSigningKey } from './adminSigningKey.js';
import { ed25519PublicKeyToBase64 } from './ed25519Signature.js';
import {
  adminKeyAlgorithmSchema,
  adminKeyIdSchema,
  trustedAdminKeySchema,
  type TrustedAdminKey,
} from './remoteConfigSettingsSchema.js';
import { isValidSm2PrivateKey, isValidSm2PublicKey, sm2PublicKeyFromPrivateKey } from './sm2Signature.js';

/**
 * The admin key files written by `kioskctl config keygen` (format documented in README.md):
 * UTF-8 text; lines starting with "#" and blank lines are comments; `name: value` header lines
 * say `algorithm` and `key-id`; then either a PEM block (Ed25519: PKCS#8 "PRIVATE KEY" in
 * PREFIX.key, SubjectPublicKeyInfo "PUBLIC KEY" in PREFIX.pub) or, for SM2, hex header lines
 * `private-key` (64 hex digits, PREFIX.key only) and `public-key` ("04" + 128 hex digits).
 */

export type KeyFileRead<T> = { ok: true; key: T } | { ok: false; problem: string };

export function formatPrivateKeyFile(key: AdminSigningKey): string {
  const head = [
    '# Kiosk remote-admin SIGNING key. Secret: keep it off terminals and out of version control (mode 0600).',
    `# Public half: the .pub file next to it. Sign bundles with: kioskctl config sign FILE --key THIS_FILE --out SIGNED`,
    `algorithm: ${key.algorithm}`,
    `key-id: ${key.keyId}`,
  ];
  const body =
    key.algorithm === 'ed25519'
      ? [key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString().trimEnd()]
      : [`private-key: ${key.privateKeyHex}`, `public-key: ${key.publicKey}`];
  return [...head, ...body, ''].join('\n');
}

export function formatPublicKeyFile(key: TrustedAdminKey): string {
  const head = [
    '# Kiosk remote-admin public key. Terminals that should accept bundles signed with it list it',
    '# in their own config file, under remoteConfig.trustedAdminKeys:',
    `#   ${JSON.stringify(key)}`,
    `algorithm: ${key.algorithm}`,
    `key-id: ${key.keyId}`,
  ];
  const body =
    key.algorithm === 'ed25519'
      ? ['-----BEGIN PUBLIC KEY-----', key.publicKey, '-----END PUBLIC KEY-----']
      : [`public-key: ${key.publicKey}`];
  return [...head, ...body, ''].join('\n');
}

export function parsePrivateKeyFile(text: string): KeyFileRead<AdminSigningKey> {
  const parsed = parseKeyFileText(text);
  if (!parsed.ok) return parsed;
  const { headers, pem } = parsed;
  const common = readCommonHeaders(headers, ['algorithm', 'key-id', 'private-key', 'public-key']);
  if (!common.ok) return common;
  const { algorithm, keyId } = common;
  if (algorithm === 'ed25519') {
    if (headers.has('private-key') || headers.has('public-key')) {
      return fail('an ed25519 key file holds its key as a PEM block, not as private-key/public-key lines');
    }
    if (!pem) return fail('no "-----BEGIN PRIVATE KEY-----" block');
    if (pem.label !== 'PRIVATE KEY') {
      return fail(`holds a "${pem.label}" block, not "PRIVATE KEY"${pem.label === 'PUBLIC KEY' ? ': this is a .pub file, give the .key file' : ''}`);
    }
    try {
      const privateKey = createPrivateKey(pem.text);
      if (privateKey.asymmetricKeyType !== 'ed25519') {
        return fail(`the PEM block holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key, but the file says ed25519`);
      }
      return { ok: true, key: { algorithm, keyId, privateKey, publicKey: ed25519PublicKeyToBase64(privateKey) } };
    } catch (error) {
      return fail(`the PEM block is not a readable private key (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (pem) return fail('an sm2 key file holds hex lines (private-key, public-key), not a PEM block');
  const privateKeyHex = headers.get('private-key');
  if (privateKeyHex === undefined) {
    return headers.has('public-key') ? fail('has no private-key line: this is a .pub file, give the .key file') : fail('has no private-key line');
  }
  if (!isValidSm2PrivateKey(privateKeyHex)) return fail('private-key must be 64 hex digits, a number from 1 to n-2 of the SM2 curve');
  const publicKey = sm2PublicKeyFromPrivateKey(privateKeyHex.toLowerCase());
  const stated = headers.get('public-key');
  if (stated !== undefined && stated.toLowerCase() !== publicKey) {
    return fail('public-key does not belong to private-key: the file is damaged or pieced together from two keys');
  }
  return { ok: true, key: { algorithm, keyId, publicKey, privateKeyHex: privateKeyHex.toLowerCase() } };
}

export function parsePublicKeyFile(text: string): KeyFileRead<TrustedAdminKey> {
  const parsed = parseKeyFileText(text);
  if (!parsed.ok) return parsed;
  const { headers, pem } = parsed;
  if (headers.has('private-key') || pem?.label === 'PRIVATE KEY') {
    return fail('holds a private key: give the .pub file (never copy the .key file anywhere it is not needed)');
  }
  const common = readCommonHeaders(headers, ['algorithm', 'key-id', 'public-key']);
  if (!common.ok) return common;
  const { algorithm, keyId } = common;
  let publicKey: string;
  if (algorithm === 'ed25519') {
    if (!pem || pem.label !== 'PUBLIC KEY') return fail('no "-----BEGIN PUBLIC KEY-----" block');
    try {
      const key = createPublicKey(pem.text);
      if (key.asymmetricKeyType !== 'ed25519') {
        return fail(`the PEM block holds a ${key.asymmetricKeyType ?? 'unknown'} key, but the file says ed25519`);
      }
      publicKey = ed25519PublicKeyToBase64(key);
    } catch (error) {
      return fail(`the PEM block is not a readable public key (${error instanceof Error ? error.message : String(error)})`);
    }
  } else {
    if (pem) return fail('an sm2 key file holds a public-key line, not a PEM block');
    const stated = headers.get('public-key');
    if (stated === undefined) return fail('has no public-key line');
    if (!isValidSm2PublicKey(stated)) return fail('public-key is not "04" + 128 hex digits of a point on the SM2 curve');
    publicKey = stated.toLowerCase();
  }
  const checked = trustedAdminKeySchema.safeParse({ keyId, algorithm, publicKey });
  if (!checked.success) return fail(`not a usable public key (${checked.error.issues[0]?.message ?? 'invalid'})`);
  return { ok: true, key: checked.data };
}

interface KeyFileText {
  ok: true;
  headers: Map<string, string>;
  pem: { label: string; text: string } | null;
}

function parseKeyFileText(text: string): KeyFileText | { ok: false; problem: string } {
  const headers = new Map<string, string>();
  let pem: { label: string; lines: string[] } | null = null;
  let pemDone = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const where = `line ${index + 1}`;
    if (pem && !pemDone) {
      pem.lines.push(line);
      if (line.startsWith('-----END ')) {
        if (line !== `-----END ${pem.label}-----`) return fail(`${where}: "${line}" does not close "-----BEGIN ${pem.label}-----"`);
        pemDone = true;
      }
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const begin = /^-----BEGIN ([A-Z0-9 ]+)-----$/.exec(line);
    if (begin) {
      if (pem) return fail(`${where}: a second PEM block; a key file holds one key`);
      pem = { label: begin[1]!, lines: [line] };
      continue;
    }
    if (pem) return fail(`${where}: text after the PEM block`);
    const header = /^([a-z][a-z-]*):\s*(\S+)$/.exec(line);
    if (!header) return fail(`${where}: expected "name: value", a PEM block or a # comment`);
    if (headers.has(header[1]!)) return fail(`${where}: "${header[1]}" is given twice`);
    headers.set(header[1]!, header[2]!);
  }
  if (pem && !pemDone) return fail(`the "-----BEGIN ${pem.label}-----" block has no END line`);
  if (headers.size === 0 && !pem) return fail('is empty: not a key file made by kioskctl config keygen');
  return { ok: true, headers, pem: pem ? { label: pem.label, text: `${pem.lines.join('\n')}\n` } : null };
}

function readCommonHeaders(
  headers: Map<string, string>,
  allowed: string[],
): { ok: true; algorithm: 'ed25519' | 'sm2'; keyId: string } | { ok: false; problem: string } {
  for (const name of headers.keys()) {
    if (!allowed.includes(name)) return fail(`unknown line "${name}:" (expected ${allowed.join(', ')})`);
  }
  const algorithm = adminKeyAlgorithmSchema.safeParse(headers.get('algorithm'));
  if (!algorithm.success) {
    return fail(headers.has('algorithm') ? `algorithm must be ed25519 or sm2, not "${headers.get('algorithm')}"` : 'has no "algorithm:" line');
  }
  const keyId = adminKeyIdSchema.safeParse(headers.get('key-id'));
  if (!keyId.success) return fail(headers.has('key-id') ? `key-id ${keyId.error.issues[0]?.message ?? 'is invalid'}` : 'has no "key-id:" line');
  return { ok: true, algorithm: algorithm.data, keyId: keyId.data };
}

function fail(problem: string): { ok: false; problem: string } {
  return { ok: false, problem };
}
