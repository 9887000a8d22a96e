import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../../electron/bridge/bridgeContract.js';
import { demoOfferFor } from '../../../../renderer/src/flow/demoOffers.js';

const SIMULATED = [
  { deviceId: 'id-reader', kind: 'id-card-reader' },
  { deviceId: 'permit-reader', kind: 'permit-reader' },
  { deviceId: 'code-scanner', kind: 'payment-code-scanner' },
];

describe('demo offers', () => {
  it('plays the citizen at the device each waiting screen needs', () => {
    expect(demoOfferFor('insert-permit', SIMULATED)).toEqual({
      deviceId: 'permit-reader',
      action: { action: 'permit.present', document: 'hk-macau-permit' },
      label: 'flow.demo.permit',
    });
    expect(demoOfferFor('insert-id-card', SIMULATED)?.action).toEqual({ action: 'idcard.place-card', persona: 'permit-holder' });
    expect(demoOfferFor('scan-code', SIMULATED)).toMatchObject({ deviceId: 'code-scanner', action: { action: 'scanner.present-code', wallet: 'wechat' } });
  });

  it('offers nothing on a terminal with real devices', () => {
    expect(demoOfferFor('insert-permit', [])).toBeNull();
    expect(demoOfferFor('scan-code', [{ deviceId: 'id-reader', kind: 'id-card-reader' }])).toBeNull();
  });

  it('offers nothing on screens that wait for no device', () => {
    for (const screen of ['busy', 'capture-face', 'staff-verify', 'choose-endorsement', 'choose-payment', 'rate', 'result'] as const) {
      expect(demoOfferFor(screen, SIMULATED), screen).toBeNull();
    }
  });

  it('builds intents the bridge accepts', () => {
    for (const screen of ['insert-permit', 'insert-id-card', 'scan-code'] as const) {
      const offer = demoOfferFor(screen, SIMULATED)!;
      expect(intentSchema.safeParse({ type: 'demo.simulate', deviceId: offer.deviceId, action: offer.action }).success, screen).toBe(true);
    }
  });
});
