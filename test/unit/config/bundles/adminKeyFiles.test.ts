import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatPrivateKeyFile, formatPublicKeyFile, parsePrivateKeyFile, parsePublicKeyFile } from '../../../../config/bundles/adminKeyFiles.js';
import { generateAdminSigningKey, signWithAdminKey, trustedKeyOf, verifyWithTrustedKey } from '../../../../config/bundles/adminSigningKey.js';

const message = new TextEncoder().encode('bundle payload');

/** Always changes the text: a fixed replacement would be a no-op whenever the key already held it. */
function damageFirstPemLine(text: string): string {
  return text.replace(/\n([A-Za-z0-9+/]{10})/, (_, chars: string) => `\n${chars === 'AAAAAAAAAA' ? 'BBBBBBBBBB' : 'AAAAAAAAAA'}`);
}

function damageFirstHexDigit(text: string): string {
  return text.replace(/public-key: 04(.)/, (_, digit: string) => `public-key: 04${digit === 'f' ? '0' : 'f'}`);
}

describe.each(['ed25519', 'sm2'] as const)('%s key files', (algorithm) => {
  const key = generateAdminSigningKey(algorithm, 'admin-2026');
  const keyText = formatPrivateKeyFile(key);
  const pubText = formatPublicKeyFile(trustedKeyOf(key));

  it('read back to a key that signs what the public file verifies', () => {
    const privateKey = parsePrivateKeyFile(keyText);
    const publicKey = parsePublicKeyFile(pubText);
    if (!privateKey.ok || !publicKey.ok) throw new Error(`unreadable: ${JSON.stringify([privateKey, publicKey])}`);
    expect(publicKey.key).toEqual(trustedKeyOf(key));
    expect(privateKey.key).toMatchObject({ algorithm, keyId: 'admin-2026', publicKey: key.publicKey });
    expect(verifyWithTrustedKey(publicKey.key, message, signWithAdminKey(privateKey.key, message))).toBe(true);
  });

  it('say which algorithm they hold, and the public file carries the config entry', () => {
    expect(keyText).toMatch(new RegExp(`^algorithm: ${algorithm}$`, 'm'));
    expect(pubText).toMatch(new RegExp(`^algorithm: ${algorithm}$`, 'm'));
    expect(pubText).toContain(JSON.stringify(trustedKeyOf(key)));
    expect(pubText).not.toMatch(/PRIVATE|private-key/);
  });

  it('are refused when swapped: a .pub given as key, a .key given as public key', () => {
    expect(parsePrivateKeyFile(pubText)).toMatchObject({ ok: false, problem: expect.stringContaining('.pub file') });
    expect(parsePublicKeyFile(keyText)).toMatchObject({ ok: false, problem: expect.stringContaining('holds a private key') });
  });

  it('are refused with a damaged key line, an unknown line or no algorithm', () => {
    const damaged = algorithm === 'ed25519' ? damageFirstPemLine(keyText) : damageFirstHexDigit(keyText);
    expect(damaged).not.toBe(keyText);
    expect(parsePrivateKeyFile(damaged).ok).toBe(false);
    expect(parsePrivateKeyFile(`owner: someone\n${keyText}`)).toMatchObject({ ok: false, problem: expect.stringContaining('unknown line "owner:"') });
    expect(parsePublicKeyFile(pubText.replace(/^algorithm: .*$/m, ''))).toMatchObject({ ok: false, problem: 'has no "algorithm:" line' });
    expect(parsePublicKeyFile(pubText.replace(/^algorithm: .*$/m, 'algorithm: rsa'))).toMatchObject({ ok: false, problem: expect.stringContaining('ed25519 or sm2') });
    expect(parsePublicKeyFile('')).toMatchObject({ ok: false });
  });
});

describe('key files with mismatched contents', () => {
  it('an SM2 .key whose public-key line belongs to another key is refused', () => {
    const one = generateAdminSigningKey('sm2', 'a');
    const other = generateAdminSigningKey('sm2', 'a');
    const pieced = formatPrivateKeyFile(one).replace(one.publicKey, other.publicKey);
    expect(parsePrivateKeyFile(pieced)).toMatchObject({ ok: false, problem: expect.stringContaining('does not belong') });
  });

  it('a PEM block holding another kind of key than the file says is refused', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = p256.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(parsePublicKeyFile(`algorithm: ed25519\nkey-id: x\n${pem}`)).toMatchObject({ ok: false, problem: expect.stringContaining('ec key') });
  });

  it('an SM2 public key that is not on the curve is refused', () => {
    expect(parsePublicKeyFile(`algorithm: sm2\nkey-id: x\npublic-key: 04${'11'.repeat(64)}\n`)).toMatchObject({ ok: false, problem: expect.stringContaining('SM2 curve') });
  });
});
