import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ALGORITHM_HEADER_VALUE,
  type SignatureAlgorithm,
  algorithmFromHeader,
  bodyHashHex,
  hmacHex,
} from './signatureAlgorithms.js';

/**
 * Request signatures between the terminal and the platform (described in the OpenAPI
 * document): an HMAC over the algorithm name, method, request target, timestamp, nonce, key
 * id and body hash. Pure functions; freshness and replay checks are in replayGuard.ts.
 */

export const SIGNATURE_HEADERS = {
  keyId: 'x-kiosk-key-id',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  algorithm: 'x-kiosk-signature-algorithm',
  signature: 'x-kiosk-signature',
} as const;

export interface SignedRequestParts {
  algorithm: SignatureAlgorithm;
  method: string;
  /** The request target exactly as sent: path and query, e.g. /v1/payment-orders?from=… */
  target: string;
  timestampMs: number;
  nonce: string;
  keyId: string;
  body: Uint8Array;
}

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** 128 random bits, base64url (22 characters). */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function stringToSign(parts: SignedRequestParts): string {
  return [
    `KIOSK-${ALGORITHM_HEADER_VALUE[parts.algorithm]}`,
    parts.method.toUpperCase(),
    parts.target,
    String(parts.timestampMs),
    parts.nonce,
    parts.keyId,
    bodyHashHex(parts.algorithm, parts.body),
  ].join('\n');
}

export function computeSignature(parts: SignedRequestParts, secret: Uint8Array): string {
  return hmacHex(parts.algorithm, secret, Buffer.from(stringToSign(parts), 'utf8'));
}

/** The five signature headers of a request. */
export function signatureHeaders(parts: SignedRequestParts, secret: Uint8Array): Record<string, string> {
  return {
    [SIGNATURE_HEADERS.keyId]: parts.keyId,
    [SIGNATURE_HEADERS.timestamp]: String(parts.timestampMs),
    [SIGNATURE_HEADERS.nonce]: parts.nonce,
    [SIGNATURE_HEADERS.algorithm]: ALGORITHM_HEADER_VALUE[parts.algorithm],
    [SIGNATURE_HEADERS.signature]: computeSignature(parts, secret),
  };
}

export interface ReceivedSignature {
  keyId: string;
  timestampMs: number;
  nonce: string;
  algorithm: SignatureAlgorithm;
  signatureHex: string;
}

export type SignatureHeaderProblem =
  | { code: 'missing-signature'; detail: string }
  | { code: 'unsupported-algorithm'; detail: string };

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

function single(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
}

/** Reads the signature headers (node:http lower-cases names); a problem names what is wrong. */
export function readSignatureHeaders(headers: HeaderBag): { ok: true; signature: ReceivedSignature } | { ok: false; problem: SignatureHeaderProblem } {
  const keyId = single(headers, SIGNATURE_HEADERS.keyId);
  const timestamp = single(headers, SIGNATURE_HEADERS.timestamp);
  const nonce = single(headers, SIGNATURE_HEADERS.nonce);
  const algorithmName = single(headers, SIGNATURE_HEADERS.algorithm) ?? ALGORITHM_HEADER_VALUE['hmac-sha256'];
  const signatureHex = single(headers, SIGNATURE_HEADERS.signature);
  const missing = (detail: string) => ({ ok: false as const, problem: { code: 'missing-signature' as const, detail } });
  if (!keyId || !KEY_ID_PATTERN.test(keyId)) return missing(`${SIGNATURE_HEADERS.keyId} is missing or malformed`);
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return missing(`${SIGNATURE_HEADERS.timestamp} must be Unix milliseconds`);
  if (!nonce || !NONCE_PATTERN.test(nonce)) return missing(`${SIGNATURE_HEADERS.nonce} must be 16-64 characters of A-Z a-z 0-9 _ -`);
  if (!signatureHex || !/^[0-9a-f]{64}$/.test(signatureHex)) return missing(`${SIGNATURE_HEADERS.signature} must be 64 lower-case hex digits`);
  const algorithm = algorithmFromHeader(algorithmName);
  if (!algorithm) {
    return { ok: false, problem: { code: 'unsupported-algorithm', detail: `${algorithmName} is not HMAC-SHA256 or HMAC-SM3` } };
  }
  return { ok: true, signature: { keyId, timestampMs: Number(timestamp), nonce, algorithm, signatureHex } };
}

/** True when the received signature is the HMAC of this request under the secret (constant time). */
export function verifySignature(
  received: ReceivedSignature,
  request: { method: string; target: string; body: Uint8Array },
  secret: Uint8Array,
): boolean {
  const expected = computeSignature(
    {
      algorithm: received.algorithm,
      method: request.method,
      target: request.target,
      timestampMs: received.timestampMs,
      nonce: received.nonce,
      keyId: received.keyId,
      body: request.body,
    },
    secret,
  );
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(received.signatureHex, 'hex'));
}
