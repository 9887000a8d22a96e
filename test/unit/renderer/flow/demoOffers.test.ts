import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../../electron/bridge/bridgeContract.js';
import { demoOfferFor } from '../../../../renderer/src/flow/demoOffers.js';
import type { FlowOnScreen } from '../../../../renderer/src/flow/flowViewTypes.js';
import { endorsementFlow, flowView, foundCase, MORTGAGE_PARTIES, propertyFlow, propertyView, RATE_LEVELS } from './sampleFlowViews.js';

const SIMULATED = [
  { deviceId: 'id-reader', kind: 'id-card-reader' },
  { deviceId: 'permit-reader', kind: 'permit-reader' },
  { deviceId: 'code-scanner', kind: 'payment-code-scanner' },
];

const permitScreen = endorsementFlow(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 }));
const idCardScreen = endorsementFlow(flowView({ screen: 'insert-id-card', attempt: 1, maxAttempts: 3 }));
const scanScreen = endorsementFlow(flowView({ screen: 'scan-code' }, { phase: 'paying', canCancel: false }));
const propertyIdCard = (currentPartyId: string) => propertyFlow(propertyView({ screen: 'insert-id-card', attempt: 1, maxAttempts: 3 }, foundCase(currentPartyId)));

describe('demo offers', () => {
  it('plays the citizen at the device each waiting screen needs', () => {
    expect(demoOfferFor(permitScreen, SIMULATED)).toEqual({
      deviceId: 'permit-reader',
      action: { action: 'permit.present', document: 'hk-macau-permit' },
      label: 'flow.demo.permit',
    });
    expect(demoOfferFor(idCardScreen, SIMULATED)?.action).toEqual({ action: 'idcard.place-card', persona: 'permit-holder' });
    expect(demoOfferFor(scanScreen, SIMULATED)).toMatchObject({ deviceId: 'code-scanner', action: { action: 'scanner.present-code', wallet: 'wechat' } });
  });

  it('places the card of the property party whose turn it is', () => {
    expect(demoOfferFor(propertyIdCard('S1'), SIMULATED)).toEqual({
      deviceId: 'id-reader',
      action: { action: 'idcard.place-card', persona: 'property-seller' },
      label: 'flow.demo.idCard',
    });
    expect(demoOfferFor(propertyIdCard('B1'), SIMULATED)?.action).toEqual({ action: 'idcard.place-card', persona: 'property-buyer' });
    expect(demoOfferFor(propertyIdCard('B2'), SIMULATED)?.action).toEqual({ action: 'idcard.place-card', persona: 'property-co-owner' });
    const paying = propertyFlow(propertyView({ screen: 'scan-code' }, { ...foundCase(null), phase: 'paying', canCancel: false }));
    expect(demoOfferFor(paying, SIMULATED)?.action).toEqual({ action: 'scanner.present-code', wallet: 'wechat' });
  });

  it('offers no card for a role the simulator has no person for, nor when no party is current', () => {
    const lender = propertyFlow(propertyView({ screen: 'insert-id-card', attempt: 1, maxAttempts: 3 }, { ...foundCase('M1'), parties: [...MORTGAGE_PARTIES] }));
    expect(demoOfferFor(lender, SIMULATED)).toBeNull();
    expect(demoOfferFor(propertyIdCard('nobody'), SIMULATED)).toBeNull();
  });

  it('offers nothing on a terminal with real devices', () => {
    expect(demoOfferFor(permitScreen, [])).toBeNull();
    expect(demoOfferFor(scanScreen, [{ deviceId: 'id-reader', kind: 'id-card-reader' }])).toBeNull();
    expect(demoOfferFor(propertyIdCard('S1'), [])).toBeNull();
  });

  it('offers nothing on screens that wait for no device', () => {
    const quiet: FlowOnScreen[] = [
      endorsementFlow(flowView({ screen: 'busy', activity: 'starting' })),
      endorsementFlow(flowView({ screen: 'capture-face', attemptsLeft: 3, staffPathOffered: true })),
      endorsementFlow(flowView({ screen: 'staff-verify' })),
      endorsementFlow(flowView({ screen: 'choose-endorsement', choices: [], refused: [] })),
      endorsementFlow(flowView({ screen: 'rate', outcome: 'issued', receipt: null, levels: [...RATE_LEVELS], badReasons: [] })),
      propertyFlow(propertyView({ screen: 'find-case', attempt: 1, maxAttempts: 3 })),
      propertyFlow(propertyView({ screen: 'sign' }, foundCase('S1'))),
      propertyFlow(propertyView({ screen: 'capture-face', attemptsLeft: 3, staffPathOffered: true }, foundCase('S1'))),
    ];
    for (const flow of quiet) expect(demoOfferFor(flow, SIMULATED), flow.view.screen).toBeNull();
  });

  it('builds intents the bridge accepts', () => {
    for (const flow of [permitScreen, idCardScreen, scanScreen, propertyIdCard('S1'), propertyIdCard('B1'), propertyIdCard('B2')]) {
      const offer = demoOfferFor(flow, SIMULATED)!;
      expect(intentSchema.safeParse({ type: 'demo.simulate', deviceId: offer.deviceId, action: offer.action }).success, flow.view.screen).toBe(true);
    }
  });
});
