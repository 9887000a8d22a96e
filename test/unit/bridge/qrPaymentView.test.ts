import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../electron/bridge/bridgeContract.js';
import { endorsementViewSchema } from '../../../electron/bridge/endorsementFlowView.js';
import { paymentChoiceSchema, showQrScreenSchema } from '../../../electron/bridge/paymentChoiceView.js';
import { propertyViewSchema } from '../../../electron/bridge/propertyFlowView.js';

/** The QR payment in the bridge contract: the method, the cancel intent and the show-qr screen, the same in both flows. */

const SCREEN = { screen: 'show-qr', content: 'https://pay.platform.example/qr/PO0000000042', expiresAt: '2026-11-23T10:05:00.000Z', canCancelPayment: true };
const PAYING = { step: 'show-qr', phase: 'paying', canCancel: false, timeoutMs: null, fault: null, caseNumber: 'CJ2026000042', amountFen: 1500 };

describe('QR payment in the bridge contract', () => {
  it('takes the QR code as a way to pay, and a cancel of the payment with nothing else in it', () => {
    expect(intentSchema.safeParse({ type: 'flow.pay', method: 'qr' }).success).toBe(true);
    expect(intentSchema.safeParse({ type: 'flow.pay', method: 'cash' }).success).toBe(false);
    expect(intentSchema.safeParse({ type: 'flow.cancelPayment' }).success).toBe(true);
    expect(intentSchema.safeParse({ type: 'flow.cancelPayment', paymentId: 'pay-1' }).success).toBe(false);
    expect(paymentChoiceSchema.safeParse({ items: [], methods: ['qr', 'bank-card'], withheld: [{ method: 'qr', reason: 'over-limit', limitFen: 500_000 }] }).success).toBe(true);
  });

  it('has the same show-qr screen in both flows, the amount in the common part', () => {
    expect(endorsementViewSchema.parse({ ...SCREEN, ...PAYING, holder: null })).toMatchObject(SCREEN);
    expect(propertyViewSchema.parse({ ...SCREEN, ...PAYING, propertyCase: null, parties: [], currentPartyId: null })).toMatchObject(SCREEN);
    expect(endorsementViewSchema.parse({ screen: 'busy', activity: 'cancelling-payment', ...PAYING, holder: null })).toMatchObject({ activity: 'cancelling-payment' });
  });

  it('carries only an https link and an ISO expiry: nothing else, and nothing about the citizen', () => {
    expect(showQrScreenSchema.safeParse(SCREEN).success).toBe(true);
    for (const content of ['http://pay.example/qr/1', 'weixin://wxpay/bizpayurl?pr=1', 'https://pay.example/qr 1', `https://pay.example/${'a'.repeat(500)}`]) {
      expect(showQrScreenSchema.safeParse({ ...SCREEN, content }).success, content).toBe(false);
    }
    expect(showQrScreenSchema.safeParse({ ...SCREEN, expiresAt: 'in five minutes' }).success).toBe(false);
    expect(showQrScreenSchema.safeParse({ ...SCREEN, payerName: '林小雨' }).success).toBe(false);
  });
});
