import { createHash } from 'node:crypto';

/**
 * An independent SM2 signature implementation for tests only: GB/T 32918.2 written out with
 * BigInt arithmetic and node:crypto's SM3 (OpenSSL), sharing no code with sm-crypto. Slow and
 * not constant-time; it exists to check sm-crypto's answers.
 */

export interface Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}

/** The recommended curve of GB/T 32918.5 (sm2p256v1), the one sm-crypto uses. */
export const SM2_CURVE: Curve = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/** The example Fp-256 curve of GB/T 32918.2 Annex A, used by its worked signature example. */
export const GBT_EXAMPLE_CURVE: Curve = {
  p: 0x8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3n,
  a: 0x787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498n,
  b: 0x63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249an,
  n: 0x8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7n,
  gx: 0x421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43dn,
  gy: 0x0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2n,
};

export type Point = { x: bigint; y: bigint } | null;

const mod = (v: bigint, m: bigint) => ((v % m) + m) % m;

function inverse(v: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(v, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

function add(c: Curve, P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  if (P.x === Q.x && mod(P.y + Q.y, c.p) === 0n) return null;
  const lambda =
    P.x === Q.x && P.y === Q.y
      ? mod((3n * P.x * P.x + c.a) * inverse(2n * P.y, c.p), c.p)
      : mod((Q.y - P.y) * inverse(Q.x - P.x, c.p), c.p);
  const x = mod(lambda * lambda - P.x - Q.x, c.p);
  return { x, y: mod(lambda * (P.x - x) - P.y, c.p) };
}

export function multiply(c: Curve, k: bigint, P: Point = { x: c.gx, y: c.gy }): Point {
  let result: Point = null;
  let addend = P;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(c, result, addend);
    addend = add(c, addend, addend);
  }
  return result;
}

const be32 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
const sm3 = (data: Buffer) => createHash('sm3').update(data).digest();

/** e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
export function messageDigest(c: Curve, publicKey: { x: bigint; y: bigint }, userId: string, message: Uint8Array): bigint {
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
  const z = sm3(Buffer.concat([entl, id, be32(c.a), be32(c.b), be32(c.gx), be32(c.gy), be32(publicKey.x), be32(publicKey.y)]));
  return BigInt(`0x${sm3(Buffer.concat([z, Buffer.from(message)])).toString('hex')}`);
}

export function sign(c: Curve, d: bigint, k: bigint, userId: string, message: Uint8Array): { r: bigint; s: bigint } {
  const publicKey = multiply(c, d)!;
  const e = messageDigest(c, publicKey, userId, message);
  const x1 = multiply(c, k)!.x;
  const r = mod(e + x1, c.n);
  const s = mod(inverse(1n + d, c.n) * (k - r * d), c.n);
  return { r, s };
}

export function verify(c: Curve, publicKey: { x: bigint; y: bigint }, userId: string, message: Uint8Array, r: bigint, s: bigint): boolean {
  if (r < 1n || r >= c.n || s < 1n || s >= c.n) return false;
  const t = mod(r + s, c.n);
  if (t === 0n) return false;
  const point = add(c, multiply(c, s), multiply(c, t, publicKey));
  if (!point) return false;
  return mod(messageDigest(c, publicKey, userId, message) + point.x, c.n) === r;
}

export function publicKeyFromHex(hex: string): { x: bigint; y: bigint } {
  return { x: BigInt(`0x${hex.slice(2, 66)}`), y: BigInt(`0x${hex.slice(66, 130)}`) };
}

export function signatureFromBytes(bytes: Uint8Array): { r: bigint; s: bigint } {
  const hex = Buffer.from(bytes).toString('hex');
  return { r: BigInt(`0x${hex.slice(0, 64)}`), s: BigInt(`0x${hex.slice(64, 128)}`) };
}
