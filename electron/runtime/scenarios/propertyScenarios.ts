import type { ScenarioSession } from './scenarioSession.js';
import { flowScreen, syntheticPhoto } from './scenarioSession.js';

/**
 * The scripted parties of a real-estate transfer (不动产转移登记) for `kioskctl scenario run`:
 * the platform simulator's demo case (contract filing number WQ2026000123), whose seller,
 * buyer and co-owner are the simulated ID-card reader's property personas. Each party places
 * their synthetic card, shows a synthetic face photo and signs with a synthetic PNG.
 */

type Persona = 'property-seller' | 'property-buyer' | 'property-co-owner';

export interface PropertyScenario {
  name: string;
  contractFilingNumber: string;
  /** Who comes to the terminal, by platform party id, in the platform's order. */
  parties: Array<{ partyId: string; persona: Persona }>;
  /** After these parties have signed, the next one is not there. */
  absentAfter?: number;
  extraCertificates: number;
  paymentCode: string;
  delivery: 'electronic' | 'print-at-terminal' | 'window';
  expect: { outcome: 'accepted' | 'parties-missing'; payment: 'delivered' | null };
}

const DEMO_PARTIES: PropertyScenario['parties'] = [
  { partyId: 'S1', persona: 'property-seller' },
  { partyId: 'B1', persona: 'property-buyer' },
  { partyId: 'B2', persona: 'property-co-owner' },
];

export const PROPERTY_SCENARIOS: readonly PropertyScenario[] = [
  {
    name: 'property-transfer-happy',
    contractFilingNumber: 'WQ2026000123',
    parties: DEMO_PARTIES,
    extraCertificates: 1,
    paymentCode: '134567890123456780',
    delivery: 'print-at-terminal',
    expect: { outcome: 'accepted', payment: 'delivered' },
  },
  {
    name: 'property-transfer-party-missing',
    contractFilingNumber: 'WQ2026000123',
    parties: DEMO_PARTIES,
    absentAfter: 1,
    extraCertificates: 0,
    paymentCode: '134567890123456780',
    delivery: 'window',
    expect: { outcome: 'parties-missing', payment: null },
  },
];

/** A synthetic signature: the PNG signature bytes around filler, and one stroke of [x, y, ms] points. */
export function syntheticSignature(): { imagePngBase64: string; strokes: Array<Array<[number, number, number]>> } {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(600, 5)]);
  return {
    imagePngBase64: png.toString('base64'),
    strokes: [
      [
        [20, 40, 0],
        [60, 52, 40],
        [110, 48, 95],
        [160, 60, 150],
      ],
    ],
  };
}

/** Drives the parties from the service's first screen to the result's doorstep (rating or result). */
export async function driveProperty(scenario: PropertyScenario, session: ScenarioSession): Promise<void> {
  const reader = 'id-reader';
  await session.at('find-case');
  await session.intent({ type: 'flow.findCase', by: 'contract-filing-number', number: scenario.contractFilingNumber });
  await session.at('review-case');
  await session.intent({ type: 'flow.confirmCase' });

  for (const [index, party] of scenario.parties.entries()) {
    await session.until(`${party.partyId} at the card reader`, (s) => s.screen.name === 'flow' && flowScreen(s) === 'insert-id-card' && 'currentPartyId' in s.screen.flow.view && s.screen.flow.view.currentPartyId === party.partyId);
    if (scenario.absentAfter === index) {
      await session.intent({ type: 'flow.partyAbsent' });
      return;
    }
    await session.intent({ type: 'demo.simulate', deviceId: reader, action: { action: 'idcard.place-card', persona: party.persona } });
    await session.at('capture-face');
    // The party takes the card back: a card left lying on the reader is not taken for the next party's.
    await session.intent({ type: 'demo.simulate', deviceId: reader, action: { action: 'idcard.remove-card' } });
    await session.intent({ type: 'flow.faceCaptured', format: 'jpeg', dataBase64: syntheticPhoto() });
    await session.at('sign');
    await session.intent({ type: 'flow.signatureCaptured', ...syntheticSignature() });
  }

  await session.at('review-fees');
  await session.intent({ type: 'flow.confirmFees', extraCertificates: scenario.extraCertificates });
  await session.at('choose-payment');
  await session.intent({ type: 'flow.pay', method: 'payment-code' });
  await session.at('scan-code');
  await session.showPaymentCode(scenario.paymentCode);
  const s = await session.until('the delivery choice, the rating or a result', (x) => ['choose-delivery', 'rate', 'result'].includes(flowScreen(x) ?? ''));
  if (flowScreen(s) === 'choose-delivery') await session.intent({ type: 'flow.chooseDelivery', method: scenario.delivery });
}
