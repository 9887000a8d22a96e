/**
 * The body of an ECR frame: a sequence of TLV fields with two-byte `DFxx` tags (research §3.7:
 * DF07 response code, DF1E masked card number, DF1F masked expiry, DF45 merchant name).
 *
 * Choice where the research is silent: lengths use the BER form (one byte below 0x80, then
 * 0x81 LL or 0x82 LLLL), the usual form for DFxx tags in EMV-style messages.
 */
export interface EcrField {
  /** Two-byte tag, e.g. 0xdf07. */
  tag: number;
  value: Uint8Array;
}

export type EcrTlvResult = { ok: true; fields: EcrField[] } | { ok: false; error: { code: 'truncated-field' | 'bad-tag' | 'bad-length-form'; offset: number } };

export function encodeEcrTlv(fields: readonly EcrField[]): Uint8Array {
  const out: number[] = [];
  for (const { tag, value } of fields) {
    out.push((tag >> 8) & 0xff, tag & 0xff);
    const n = value.length;
    if (n < 0x80) out.push(n);
    else if (n <= 0xff) out.push(0x81, n);
    else out.push(0x82, n >> 8, n & 0xff);
    out.push(...value);
  }
  return Uint8Array.from(out);
}

export function decodeEcrTlv(body: Uint8Array): EcrTlvResult {
  const fields: EcrField[] = [];
  let at = 0;
  while (at < body.length) {
    const start = at;
    if (body.length - at < 3) return { ok: false, error: { code: 'truncated-field', offset: start } };
    const tag = (body[at]! << 8) | body[at + 1]!;
    if (body[at] !== 0xdf) return { ok: false, error: { code: 'bad-tag', offset: start } };
    at += 2;
    let length = body[at++]!;
    if (length === 0x81 || length === 0x82) {
      const size = length - 0x80;
      if (body.length - at < size) return { ok: false, error: { code: 'truncated-field', offset: start } };
      length = size === 1 ? body[at]! : (body[at]! << 8) | body[at + 1]!;
      at += size;
    } else if (length >= 0x80) {
      return { ok: false, error: { code: 'bad-length-form', offset: start } };
    }
    if (body.length - at < length) return { ok: false, error: { code: 'truncated-field', offset: start } };
    fields.push({ tag, value: body.slice(at, at + length) });
    at += length;
  }
  return { ok: true, fields };
}
