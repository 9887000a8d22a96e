import { createPrivateKey } from 'node:crypto';
import { sm2 } from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { generateAdminSigningKey, signWithAdminKey, trustedKeyOf, verifyWithTrustedKey } from '../../../../config/bundles/adminSigningKey.js';
import { ed25519PublicKeyToBase64, signEd25519, verifyEd25519 } from '../../../../config/bundles/ed25519Signature.js';
import { generateSm2KeyPair, signSm2, SM2_DEFAULT_USER_ID, sm2PublicKeyFromPrivateKey, verifySm2 } from '../../../../config/bundles/sm2Signature.js';
import { GBT_EXAMPLE_CURVE, multiply, publicKeyFromHex, signatureFromBytes, SM2_CURVE, sign as referenceSign, verify as referenceVerify } from './referenceSm2.js';

const message = new TextEncoder().encode('{"config":{"hall":{"helpPhone":"12345"}},"version":7}');
const hex = (v: bigint) => v.toString(16).padStart(64, '0');

describe('Ed25519', () => {
  it('reproduces RFC 8032 test 1 (empty message) from its secret key', () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const privateKey = createPrivateKey({ key: Buffer.from(`302e020100300506032b657004220420${seed}`, 'hex'), format: 'der', type: 'pkcs8' });
    const signature = signEd25519(privateKey, new Uint8Array());
    expect(Buffer.from(signature).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    const publicKey = ed25519PublicKeyToBase64(privateKey);
    expect(Buffer.from(publicKey, 'base64').subarray(12).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(verifyEd25519(publicKey, new Uint8Array(), signature)).toBe(true);
  });

  it('verifies its own signature and nothing else', () => {
    const key = generateAdminSigningKey('ed25519', 'admin');
    const signature = signWithAdminKey(key, message);
    expect(verifyWithTrustedKey(trustedKeyOf(key), message, signature)).toBe(true);
    const changed = Uint8Array.from(message);
    changed[5] = changed[5]! ^ 1;
    expect(verifyWithTrustedKey(trustedKeyOf(key), changed, signature)).toBe(false);
    expect(verifyWithTrustedKey(trustedKeyOf(generateAdminSigningKey('ed25519', 'admin')), message, signature)).toBe(false);
  });

  it('refuses a signature in loose base64 that Node would otherwise decode', () => {
    const key = generateAdminSigningKey('ed25519', 'admin');
    const signature = signWithAdminKey(key, message);
    expect(verifyWithTrustedKey(trustedKeyOf(key), message, `${signature.slice(0, 10)}\n${signature.slice(10)}`)).toBe(false);
    expect(verifyWithTrustedKey(trustedKeyOf(key), message, signature.replace(/=+$/, ''))).toBe(false);
  });
});

describe('the independent SM2 reference used to check sm-crypto', () => {
  // GB/T 32918.2-2016 Annex A worked example (example Fp-256 curve), as in Botan's sm2_sig.vec.
  const d = 0x128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263n;
  const k = 0x6cb28d99385c175c94f94e934817663fc176d925dd72b727260dbaae1fb2f96fn;
  const example = new TextEncoder().encode('message digest');

  it('reproduces the standard worked example signature', () => {
    const { r, s } = referenceSign(GBT_EXAMPLE_CURVE, d, k, 'ALICE123@YAHOO.COM', example);
    expect(hex(r) + hex(s)).toBe(
      '40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d16fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7',
    );
    const publicKey = multiply(GBT_EXAMPLE_CURVE, d)!;
    expect(referenceVerify(GBT_EXAMPLE_CURVE, publicKey, 'ALICE123@YAHOO.COM', example, r, s)).toBe(true);
    expect(referenceVerify(GBT_EXAMPLE_CURVE, publicKey, 'ALICE123@YAHOO.COM', new TextEncoder().encode('message digesT'), r, s)).toBe(false);
  });
});

describe('SM2 through sm-crypto', () => {
  it('matches the reference on the SM2 curve with a fixed nonce (known answer)', () => {
    const d = 0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n;
    const k = 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n;
    const publicKeyHex = sm2PublicKeyFromPrivateKey(hex(d));
    const expected = referenceSign(SM2_CURVE, d, k, SM2_DEFAULT_USER_ID, message);
    // sm-crypto takes its nonce from pointPool; its BigInteger class comes from a point it made.
    const BigInteger = sm2.getPoint().k.constructor as new (text: string, radix: number) => any;
    const kG = multiply(SM2_CURVE, k)!;
    const signatureHex = sm2.doSignature(Array.from(message), hex(d), {
      hash: true,
      publicKey: publicKeyHex,
      userId: SM2_DEFAULT_USER_ID,
      pointPool: [{ privateKey: hex(k), publicKey: '', k: new BigInteger(hex(k), 16), x1: new BigInteger(hex(kG.x), 16) }],
    });
    expect(signatureHex).toBe(hex(expected.r) + hex(expected.s));
    expect(verifySm2(publicKeyHex, message, Uint8Array.from(Buffer.from(signatureHex, 'hex')))).toBe(true);
  });

  it('makes key pairs whose public key is d·G by the reference arithmetic', () => {
    const pair = generateSm2KeyPair();
    const point = multiply(SM2_CURVE, BigInt(`0x${pair.privateKeyHex}`))!;
    expect(pair.publicKeyHex).toBe(`04${hex(point.x)}${hex(point.y)}`);
  });

  it('signs with the default user id so an independent verifier accepts it, and with fresh nonces', () => {
    const pair = generateSm2KeyPair();
    const first = signSm2(pair, message);
    const second = signSm2(pair, message);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
    for (const signature of [first, second]) {
      const { r, s } = signatureFromBytes(signature);
      expect(referenceVerify(SM2_CURVE, publicKeyFromHex(pair.publicKeyHex), SM2_DEFAULT_USER_ID, message, r, s)).toBe(true);
      expect(referenceVerify(SM2_CURVE, publicKeyFromHex(pair.publicKeyHex), 'ALICE123@YAHOO.COM', message, r, s)).toBe(false);
    }
  });

  it('verifies a signature made by the reference implementation, and refuses changed ones', () => {
    const d = 0x1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff001n;
    const publicKeyHex = sm2PublicKeyFromPrivateKey(hex(d));
    const { r, s } = referenceSign(SM2_CURVE, d, 0x77n ** 30n % SM2_CURVE.n, SM2_DEFAULT_USER_ID, message);
    const signature = Uint8Array.from(Buffer.from(hex(r) + hex(s), 'hex'));
    expect(verifySm2(publicKeyHex, message, signature)).toBe(true);
    const flipped = Uint8Array.from(signature);
    flipped[63] = flipped[63]! ^ 0x01;
    expect(verifySm2(publicKeyHex, message, flipped)).toBe(false);
    expect(verifySm2(publicKeyHex, message.subarray(1), signature)).toBe(false);
    expect(verifySm2(generateSm2KeyPair().publicKeyHex, message, signature)).toBe(false);
    expect(verifySm2(publicKeyHex, message, signature.subarray(0, 63))).toBe(false);
  });
});

describe('a signature from one algorithm or key never verifies under another', () => {
  const ed = generateAdminSigningKey('ed25519', 'same-id');
  const gm = generateAdminSigningKey('sm2', 'same-id');
  const edSignature = signWithAdminKey(ed, message);
  const gmSignature = signWithAdminKey(gm, message);

  it('each verifies under its own key', () => {
    expect(verifyWithTrustedKey(trustedKeyOf(ed), message, edSignature)).toBe(true);
    expect(verifyWithTrustedKey(trustedKeyOf(gm), message, gmSignature)).toBe(true);
  });

  it('an Ed25519 signature fails under the SM2 key and the reverse', () => {
    expect(verifyWithTrustedKey(trustedKeyOf(gm), message, edSignature)).toBe(false);
    expect(verifyWithTrustedKey(trustedKeyOf(ed), message, gmSignature)).toBe(false);
  });

  it('a signature fails under another key of the same algorithm', () => {
    expect(verifyWithTrustedKey(trustedKeyOf(generateAdminSigningKey('sm2', 'same-id')), message, gmSignature)).toBe(false);
    expect(verifyWithTrustedKey(trustedKeyOf(generateAdminSigningKey('ed25519', 'same-id')), message, edSignature)).toBe(false);
  });
});
