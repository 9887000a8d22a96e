import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEcrRequest, encodeEcrRequest, validateEcrRequest, type EcrRequest } from '../../../../../drivers/payment/ecr/ecrRequest.js';
import { decodeEcrResponse, encodeEcrResponse, type EcrResponse } from '../../../../../drivers/payment/ecr/ecrResponse.js';
import { ECR_TAG, ECR_TYPE_CODE } from '../../../../../drivers/payment/ecr/ecrTags.js';
import { decodeEcrTlv, encodeEcrTlv } from '../../../../../drivers/payment/ecr/ecrTlv.js';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const reference = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-'), minLength: 1, maxLength: 32 });
const amountFen = fc.integer({ min: 1, max: 999_999_999_999 });
const type = fc.constantFrom(...(Object.keys(ECR_TYPE_CODE) as (keyof typeof ECR_TYPE_CODE)[]));

const requestArb: fc.Arbitrary<EcrRequest> = fc.oneof(
  fc.record({ type: fc.constant('sale' as const), reference, amountFen }),
  fc.record({ type: fc.constant('void' as const), reference, amountFen, originalVoucherNo: digits(6) }),
  fc.record({ type: fc.constant('refund' as const), reference, amountFen, originalReferenceNo: digits(12), originalDate: digits(8) }),
  fc.record({ type: fc.constant('query-last' as const), reference }),
  fc.record({ type: fc.constant('settlement' as const), reference }),
);

const responseArb: fc.Arbitrary<EcrResponse> = fc.record({
  answeredType: type,
  answeredReference: reference,
  record: fc.option(
    fc.record(
      {
        type,
        reference,
        responseCode: fc.constantFrom('00', '51', 'CC', '25'),
        amountFen,
        voucherNo: digits(6),
        referenceNo: digits(12),
        batchNo: digits(6),
        maskedPan: fc.constant('622848******0001'),
        count: fc.nat({ max: 9999 }),
        responseText: fc.constantFrom('交易成功', '余额不足', 'ok'),
      },
      { requiredKeys: ['type', 'reference', 'responseCode'] },
    ),
    { nil: null },
  ),
});

describe('ECR TLV', () => {
  it('uses BER short and long length forms', () => {
    expect([...encodeEcrTlv([{ tag: 0xdf07, value: Uint8Array.of(0x30, 0x30) }])]).toEqual([0xdf, 0x07, 0x02, 0x30, 0x30]);
    expect([...encodeEcrTlv([{ tag: 0xdf0b, value: new Uint8Array(200) }]).subarray(0, 4)]).toEqual([0xdf, 0x0b, 0x81, 200]);
    expect([...encodeEcrTlv([{ tag: 0xdf0b, value: new Uint8Array(300) }]).subarray(0, 5)]).toEqual([0xdf, 0x0b, 0x82, 0x01, 0x2c]);
  });

  it('any bytes decode to fields or a typed error, never a throw (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        const result = decodeEcrTlv(bytes);
        if (!result.ok) expect(['truncated-field', 'bad-tag', 'bad-length-form']).toContain(result.error.code);
        expect(() => decodeEcrResponse(bytes)).not.toThrow();
        expect(() => decodeEcrRequest(bytes)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('ECR messages', () => {
  it('a sale carries type 00, the reference and the amount as 12 digits in fen', () => {
    const tlv = decodeEcrTlv(encodeEcrRequest({ type: 'sale', reference: 'att-1', amountFen: 1500 }));
    expect(tlv.ok && tlv.fields.map((f) => [f.tag, String.fromCharCode(...f.value)])).toEqual([
      [ECR_TAG.transactionType, '00'],
      [ECR_TAG.reference, 'att-1'],
      [ECR_TAG.amountFen, '000000001500'],
    ]);
  });

  it('requests round-trip (property)', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        expect(decodeEcrRequest(encodeEcrRequest(request))).toEqual(request);
      }),
    );
  });

  it('responses round-trip, including GBK text (property)', () => {
    fc.assert(
      fc.property(responseArb, (response) => {
        expect(decodeEcrResponse(encodeEcrResponse(response))).toEqual({ ok: true, response });
      }),
    );
  });

  it('rejects requests the terminal must never see', () => {
    expect(validateEcrRequest({ type: 'sale', reference: 'has space', amountFen: 1 })).toMatch(/reference/);
    expect(validateEcrRequest({ type: 'sale', reference: 'a', amountFen: 0 })).toMatch(/amountFen/);
    expect(validateEcrRequest({ type: 'sale', reference: 'a', amountFen: 1.5 })).toMatch(/amountFen/);
    expect(validateEcrRequest({ type: 'void', reference: 'a', amountFen: 1, originalVoucherNo: '12345' })).toMatch(/6 digits/);
  });
});
