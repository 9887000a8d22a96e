import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_HEADERS,
  type SignedRequestParts,
  computeSignature,
  readSignatureHeaders,
  signatureHeaders,
  stringToSign,
  verifySignature,
} from '../../../electron/platform/requestSigning.js';
import { bodyHashHex, hmacHex, nodeHasSm3, nodeSm3, pureSm3 } from '../../../electron/platform/signatureAlgorithms.js';

/**
 * Known answers come from outside our code: OpenSSL's command line (run here through
 * child_process) and the SM3 example of GB/T 32905-2016 Appendix A ("abc").
 */

function openssl(args: string[], input: string | Buffer): string {
  const output = execFileSync('openssl', ['dgst', ...args], { input }).toString('utf8').trim();
  const hex = /= ([0-9a-f]+)$/.exec(output)?.[1];
  if (!hex) throw new Error(`unexpected openssl output: ${output}`);
  return hex;
}

const SECRET = 'kiosk-terminal-secret-for-known-answer-tests';
const request: SignedRequestParts = {
  algorithm: 'hmac-sha256',
  method: 'post',
  target: '/v1/event-batches?x=1&y=%E4%B8%AD',
  timestampMs: 1_767_225_600_000,
  nonce: '3q2-7wEjRW6Xy0Bh2Gy1hQ',
  keyId: 'GZ-TH-0001',
  body: Buffer.from('{"batchId":"b-00000001","note":"中文"}', 'utf8'),
};

describe('signature algorithms against independent implementations', () => {
  it('SM3("abc") is the GB/T 32905 example digest in both implementations', () => {
    const expected = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    expect(pureSm3.digest(Buffer.from('abc')).toString('hex')).toBe(expected);
    if (nodeHasSm3()) expect(nodeSm3.digest(Buffer.from('abc')).toString('hex')).toBe(expected);
  });

  it('body hashes equal openssl dgst -sha256 and -sm3', () => {
    expect(bodyHashHex('hmac-sha256', request.body)).toBe(openssl(['-sha256'], Buffer.from(request.body)));
    expect(bodyHashHex('hmac-sm3', request.body)).toBe(openssl(['-sm3'], Buffer.from(request.body)));
    expect(bodyHashHex('hmac-sha256', new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the signature is openssl dgst -hmac over the documented string to sign', () => {
    for (const algorithm of ['hmac-sha256', 'hmac-sm3'] as const) {
      const parts = { ...request, algorithm };
      const text = stringToSign(parts);
      expect(text.split('\n')).toEqual([
        algorithm === 'hmac-sha256' ? 'KIOSK-HMAC-SHA256' : 'KIOSK-HMAC-SM3',
        'POST',
        '/v1/event-batches?x=1&y=%E4%B8%AD',
        '1767225600000',
        '3q2-7wEjRW6Xy0Bh2Gy1hQ',
        'GZ-TH-0001',
        openssl([algorithm === 'hmac-sha256' ? '-sha256' : '-sm3'], Buffer.from(request.body)),
      ]);
      const digest = algorithm === 'hmac-sha256' ? '-sha256' : '-sm3';
      expect(computeSignature(parts, Buffer.from(SECRET))).toBe(openssl([digest, '-hmac', SECRET], text));
    }
  });

  it('HMAC-SM3 with a key longer than the 64-byte block equals openssl in both implementations', () => {
    const longKey = 'k'.repeat(100) + '-long-terminal-secret';
    const message = Buffer.from('message over a long key');
    const expected = openssl(['-sm3', '-hmac', longKey], message);
    expect(pureSm3.hmac(Buffer.from(longKey), message).toString('hex')).toBe(expected);
    expect(hmacHex('hmac-sm3', Buffer.from(longKey), message)).toBe(expected);
  });

  it('the pure SM3 (used in Electron, whose BoringSSL lacks SM3) agrees with OpenSSL on any input', () => {
    if (!nodeHasSm3()) return;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 150 }), (data, key) => {
        expect(pureSm3.digest(data).equals(nodeSm3.digest(data))).toBe(true);
        expect(pureSm3.hmac(key, data).equals(nodeSm3.hmac(key, data))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('signing and verifying', () => {
  const secret = Buffer.from(SECRET);

  it('verifies its own signature from the headers, for both algorithms', () => {
    for (const algorithm of ['hmac-sha256', 'hmac-sm3'] as const) {
      const headers = signatureHeaders({ ...request, algorithm }, secret);
      const read = readSignatureHeaders(headers);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.signature).toMatchObject({ keyId: 'GZ-TH-0001', timestampMs: request.timestampMs, algorithm });
      expect(verifySignature(read.signature, { method: 'POST', target: request.target, body: request.body }, secret)).toBe(true);
    }
  });

  it('fails when any signed part changes', () => {
    const read = readSignatureHeaders(signatureHeaders(request, secret));
    if (!read.ok) throw new Error('headers unreadable');
    const good = { method: 'POST', target: request.target, body: request.body };
    const changes = [
      { ...good, method: 'GET' },
      { ...good, target: '/v1/event-batches?x=2&y=%E4%B8%AD' },
      { ...good, body: Buffer.from('{"batchId":"b-00000002","note":"中文"}') },
    ];
    for (const changed of changes) expect(verifySignature(read.signature, changed, secret)).toBe(false);
    expect(verifySignature({ ...read.signature, timestampMs: request.timestampMs + 1 }, good, secret)).toBe(false);
    expect(verifySignature({ ...read.signature, nonce: 'AAAAAAAAAAAAAAAAAAAAAA' }, good, secret)).toBe(false);
    expect(verifySignature({ ...read.signature, keyId: 'GZ-TH-0002' }, good, secret)).toBe(false);
    expect(verifySignature({ ...read.signature, algorithm: 'hmac-sm3' }, good, secret)).toBe(false);
    expect(verifySignature(read.signature, good, Buffer.from(`${SECRET}x`))).toBe(false);
  });

  it('names what is wrong with the headers', () => {
    const headers = signatureHeaders(request, secret);
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
    for (const name of [SIGNATURE_HEADERS.keyId, SIGNATURE_HEADERS.timestamp, SIGNATURE_HEADERS.nonce, SIGNATURE_HEADERS.signature]) {
      const read = readSignatureHeaders(without(name));
      expect(read.ok ? null : read.problem.code).toBe('missing-signature');
    }
    const short = readSignatureHeaders({ ...headers, [SIGNATURE_HEADERS.nonce]: 'short' });
    expect(short.ok ? null : short.problem.detail).toMatch(/16-64/);
    const md5 = readSignatureHeaders({ ...headers, [SIGNATURE_HEADERS.algorithm]: 'HMAC-MD5' });
    expect(md5.ok ? null : md5.problem.code).toBe('unsupported-algorithm');
    // Absent algorithm header means HMAC-SHA256.
    const defaulted = readSignatureHeaders(without(SIGNATURE_HEADERS.algorithm));
    expect(defaulted.ok && defaulted.signature.algorithm).toBe('hmac-sha256');
  });
});
