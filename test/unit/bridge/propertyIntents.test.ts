import { describe, expect, it } from 'vitest';
import { bridgeMessageLimit, intentSchema, MAX_BRIDGE_MESSAGE_BYTES, MAX_BRIDGE_PHOTO_MESSAGE_BYTES } from '../../../electron/bridge/bridgeContract.js';

const PNG_BASE64 = 'iVBORw0KGgo' + 'A'.repeat(200);

describe('real-estate transfer intents', () => {
  it('accepts a contract filing number or case number in the platform format only', () => {
    expect(intentSchema.safeParse({ type: 'flow.findCase', by: 'contract-filing-number', number: 'WQ2026000123' }).success).toBe(true);
    expect(intentSchema.safeParse({ type: 'flow.findCase', by: 'case-number', number: 'BDC2026000101' }).success).toBe(true);
    for (const number of ['wq2026000123', 'WQ12', "WQ2026' OR 1=1", '-WQ2026000123', 'X'.repeat(41)]) {
      expect(intentSchema.safeParse({ type: 'flow.findCase', by: 'case-number', number }).success, number).toBe(false);
    }
  });

  it('takes a signature as a PNG with [x, y, ms] strokes, within bounds', () => {
    const ok = { type: 'flow.signatureCaptured', imagePngBase64: PNG_BASE64, strokes: [[[10, 20, 0], [15, 22, 16]]] };
    expect(intentSchema.safeParse(ok).success).toBe(true);
    expect(intentSchema.safeParse({ ...ok, strokes: [] }).success).toBe(false);
    expect(intentSchema.safeParse({ ...ok, strokes: [[[10, 20]]] }).success).toBe(false);
    expect(intentSchema.safeParse({ ...ok, strokes: [[[-1, 20, 0]]] }).success).toBe(false);
    expect(intentSchema.safeParse({ ...ok, strokes: [[[1, 2, 0.5]]] }).success).toBe(false);
    expect(intentSchema.safeParse({ ...ok, imagePngBase64: 'not base64!'.repeat(20) }).success).toBe(false);
  });

  it('bounds extra certificates and names the delivery methods', () => {
    expect(intentSchema.safeParse({ type: 'flow.confirmFees', extraCertificates: 2 }).success).toBe(true);
    expect(intentSchema.safeParse({ type: 'flow.confirmFees', extraCertificates: 11 }).success).toBe(false);
    expect(intentSchema.safeParse({ type: 'flow.chooseDelivery', method: 'print-at-terminal' }).success).toBe(true);
    expect(intentSchema.safeParse({ type: 'flow.chooseDelivery', method: 'courier' }).success).toBe(false);
  });

  it('lets only the picture intents (face, signature) past the ordinary size limit', () => {
    expect(bridgeMessageLimit({ kind: 'intent', id: 1, intent: { type: 'flow.signatureCaptured' } })).toBe(MAX_BRIDGE_PHOTO_MESSAGE_BYTES);
    expect(bridgeMessageLimit({ kind: 'intent', id: 1, intent: { type: 'flow.faceCaptured' } })).toBe(MAX_BRIDGE_PHOTO_MESSAGE_BYTES);
    expect(bridgeMessageLimit({ kind: 'intent', id: 1, intent: { type: 'flow.confirmCase' } })).toBe(MAX_BRIDGE_MESSAGE_BYTES);
    expect(bridgeMessageLimit({ kind: 'query', id: 1, intent: { type: 'flow.faceCaptured' } })).toBe(MAX_BRIDGE_MESSAGE_BYTES);
    expect(bridgeMessageLimit('flow.faceCaptured')).toBe(MAX_BRIDGE_MESSAGE_BYTES);
  });
});
