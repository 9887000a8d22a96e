import { describe, expect, it } from 'vitest';
import { propertyViewSchema } from '../../../../../electron/bridge/propertyFlowView.js';
import type { PropertyContext } from '../../../../../electron/runtime/flows/property/propertyContext.js';
import { propertyOptions } from '../../../../../electron/runtime/flows/property/propertyOptions.js';
import { PROPERTY_STEPS } from '../../../../../electron/runtime/flows/property/propertySteps.js';
import { propertyView } from '../../../../../electron/runtime/flows/property/propertyView.js';
import { POST_NEEDS_A_COUNTER } from '../../../../../electron/runtime/flows/property/propertyWork.js';
import { sampleFees } from './propertyHarness.js';

const options = propertyOptions(sampleFees());

/** A case half-way through: the seller verified and signed, the buyer at the camera, fees chosen, an offer of delivery. */
const busy: PropertyContext = {
  caseRef: 'prop-1',
  propertyCase: {
    caseNumber: 'BDC2026000102',
    contractFilingNumber: 'WQ2026000456',
    registrationType: 'transfer-with-mortgage',
    property: { unitNumber: '440106002003GB00002F00020003', address: '广州市天河区示例路2号3栋203房', areaSquareMeters: 120.2, use: 'housing', useDescription: { 'zh-CN': '住宅', en: 'Housing' } },
    parties: [
      { partyId: 'S1', role: 'seller', nameMasked: '黄*', idNumberMasked: '440106********0213', required: true, share: null },
      { partyId: 'B1', role: 'buyer', nameMasked: '梁*', idNumberMasked: '440106********0224', required: true, share: null },
      { partyId: 'M1', role: 'mortgagee', nameMasked: '示**行', idNumberMasked: '914401********CD1X', required: false, share: null },
    ],
    taxes: [{ taxId: 'T-102-1', name: { 'zh-CN': '契税', en: 'Deed tax' }, amountFen: 1_803_000, status: 'paid' }],
    mortgage: { lender: '示例银行广州分行', electronicCertificate: true },
  },
  currentPartyId: 'B1',
  progress: { S1: { idCardRecord: 'pii-1', verificationId: 'pv-1', signatureRecord: 'pii-2' }, B1: { idCardRecord: 'pii-3' } },
  faceAttempts: 1,
  extraCertificates: 0,
  payable: { amountFen: 8_000, items: [{ code: 'registration-housing', label: { 'zh-CN': '住宅登记费（每件）', en: 'Registration fee, housing (per case)' }, unitFen: 8_000, count: 1, amountFen: 8_000 }] },
  deliveryOffer: {
    options: [
      { method: 'electronic', available: true, reason: null },
      { method: 'print-at-terminal', available: false, reason: { code: 'print-not-allowed', message: { 'zh-CN': '此业务不能在自助终端打印证书', en: 'Not printable here' } } },
      { method: 'window', available: true, reason: null },
      { method: 'post', available: false, reason: POST_NEEDS_A_COUNTER },
    ],
    mortgageProof: 'electronic-to-lender',
  },
  acceptance: { acceptanceNumber: 'SL20260000002', expectedCompletionDate: '2026-11-28' },
  delivery: { method: 'electronic', status: 'arranged', certificates: [{ kind: 'ownership', certificateNumber: 'C-1', electronic: true, printLines: null }] },
  outcome: 'accepted',
  receipt: 'printed',
  lastFault: { step: 'compare-face', code: 'face-no-match', detail: null },
};

describe('propertyView', () => {
  it.each(PROPERTY_STEPS)('draws %s as the bridge contract says, from an empty and from a full context', (step) => {
    expect(() => propertyViewSchema.parse(propertyView({}, step, options))).not.toThrow();
    const drawn = propertyViewSchema.parse(propertyView(busy, step, options));
    expect(drawn.step).toBe(step);
  });

  it('names the current party on the identify and sign screens only, and shows each party’s progress', () => {
    expect(propertyView(busy, 'capture-face', options)).toMatchObject({ screen: 'capture-face', currentPartyId: 'B1', attemptsLeft: 2, fault: { code: 'face-no-match' } });
    expect(propertyView(busy, 'review-fees', options).currentPartyId).toBeNull();
    expect(propertyView(busy, 'sign', options).parties).toEqual([
      expect.objectContaining({ partyId: 'S1', verified: true, signed: true }),
      expect.objectContaining({ partyId: 'B1', verified: false, signed: false }),
      expect.objectContaining({ partyId: 'M1', required: false, verified: false, signed: false }),
    ]);
  });

  it('offers cancel before payment only', () => {
    expect(propertyView(busy, 'review-fees', options).canCancel).toBe(true);
    expect(propertyView(busy, 'charge', options)).toMatchObject({ screen: 'busy', activity: 'paying', canCancel: false, phase: 'paying' });
    expect(propertyView(busy, 'choose-delivery', options)).toMatchObject({ canCancel: false, phase: 'after-payment' });
    expect(propertyView(busy, 'parties-missing', options).canCancel).toBe(false);
  });

  it('shows the delivery choice with the lender’s electronic proof and why post is not offered here', () => {
    const drawn = propertyView(busy, 'choose-delivery', options);
    expect(drawn).toMatchObject({ screen: 'choose-delivery', mortgageProof: 'electronic-to-lender' });
    if (drawn.screen !== 'choose-delivery') throw new Error('not the delivery screen');
    expect(drawn.options.find((o) => o.method === 'post')?.reason?.message['zh-CN']).toContain('邮寄地址');
  });

  it('shows the fees with the extra-certificate limit from the owners and the unit price from config', () => {
    expect(propertyView({ ...busy, extraCertificates: undefined }, 'review-fees', options)).toMatchObject({
      screen: 'review-fees',
      fees: [{ code: 'registration-housing', count: 1 }],
      // One buyer only (the lender is not an owner): no certificate beyond the first.
      extraCertificates: { chosen: 0, max: 0, unitFen: options.fees.extraCertificate.amountFen },
    });
  });

  it('reads an accepted case in the result, and an unknown step as busy', () => {
    expect(propertyView(busy, 'done', options)).toMatchObject({
      screen: 'result',
      outcome: 'accepted',
      acceptanceNumber: 'SL20260000002',
      delivery: { method: 'electronic', certificates: [{ kind: 'ownership', electronic: true, printed: false }] },
    });
    expect(propertyView(busy, 'a-step-of-a-newer-version', options)).toMatchObject({ screen: 'busy', activity: 'starting', canCancel: false });
  });
});
