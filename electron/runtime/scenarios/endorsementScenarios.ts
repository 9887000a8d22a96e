import { computeIdNumberCheckDigit } from '../../../drivers/idcard/idNumberCheckDigit.js';
import { syntheticResidentCard } from '../../../drivers/idcard/simulator/simulatedCard.js';
import { generatePermitLineMrz } from '../../../drivers/permit/mrz/generateMrz.js';
import { flowScreen, syntheticPhoto, type ScenarioSession } from './scenarioSession.js';

/**
 * The scripted citizens of `kioskctl scenario run`: who walks up (a synthetic permit and ID
 * card that the platform simulator's seed data knows), how they pay (a payment code they show,
 * or the QR code the terminal shows, which the simulator's phone pays), and what the scenario
 * must end in. Payment codes are synthetic; their last digit scripts the payer in the platform
 * simulator (test/platform-sim/README.md: 0-5 pays at once, 6 pays on the second query, 7
 * never pays).
 */
export interface ScenarioCitizen {
  permitNumber: string;
  name: string;
  /** The first 17 digits; the check digit is computed (GB 11643), birth date and sex are read from them. */
  idNumber17: string;
}

export interface EndorsementScenario {
  name: string;
  citizen: ScenarioCitizen;
  /** How the citizen pays: a payment code shown at the scanner, or the QR code on the screen (the simulated phone pays it). */
  pays: { by: 'payment-code'; code: string } | { by: 'qr' };
  /** What must happen for the scenario to pass. */
  expect: { outcome: 'issued' | 'refused' | 'refunded' | 'cancelled'; payment: 'delivered' | 'refunded' | 'reversed' | null };
  /** After a reversal the citizen gives up rather than paying another way. */
  cancelAfterPaymentFailure?: boolean;
}

const DEMO_CITIZEN: ScenarioCitizen = { permitNumber: 'C00000001', name: '测试小红', idNumber17: '11010119900101002' };

export const ENDORSEMENT_SCENARIOS: readonly EndorsementScenario[] = [
  { name: 'endorsement-happy', citizen: DEMO_CITIZEN, pays: { by: 'payment-code', code: '134567890123456780' }, expect: { outcome: 'issued', payment: 'delivered' } },
  {
    name: 'endorsement-refused',
    citizen: { permitNumber: 'C80000008', name: '郑凯', idNumber17: '44010619910909008' },
    pays: { by: 'payment-code', code: '134567890123456780' },
    expect: { outcome: 'refused', payment: null },
  },
  {
    name: 'endorsement-issue-fails-after-payment',
    citizen: { permitNumber: 'C60000006', name: '周强', idNumber17: '44010619870808006' },
    pays: { by: 'payment-code', code: '134567890123456781' },
    expect: { outcome: 'refunded', payment: 'refunded' },
  },
  { name: 'endorsement-qr-happy', citizen: DEMO_CITIZEN, pays: { by: 'qr' }, expect: { outcome: 'issued', payment: 'delivered' } },
  { name: 'endorsement-payment-unknown-then-paid', citizen: DEMO_CITIZEN, pays: { by: 'payment-code', code: '134567890123456786' }, expect: { outcome: 'issued', payment: 'delivered' } },
  {
    name: 'endorsement-payment-unknown-then-reversed',
    citizen: DEMO_CITIZEN,
    pays: { by: 'payment-code', code: '134567890123456787' },
    expect: { outcome: 'cancelled', payment: 'reversed' },
    cancelAfterPaymentFailure: true,
  },
];

/** Drives the citizen from the service's first screen to the result's doorstep (rating or result). */
export async function driveEndorsement(scenario: EndorsementScenario, session: ScenarioSession): Promise<void> {
  const { citizen } = scenario;
  const idNumber = citizen.idNumber17 + (computeIdNumberCheckDigit(citizen.idNumber17) ?? '0');
  const birth = citizen.idNumber17.slice(6, 14);
  await session.at('insert-permit');
  await session.sims.permitReaders
    .get('permit-reader')!
    .presentDocument(generatePermitLineMrz({ documentCode: 'CS', documentNumber: citizen.permitNumber, birthDate: birth.slice(2), expiryDate: '340615' }));
  await session.at('insert-id-card');
  session.sims.idCardReaders
    .get('id-reader')!
    .placeCard(syntheticResidentCard({ name: citizen.name, idNumber, birthDate: birth, sex: Number(citizen.idNumber17.at(-1)) % 2 === 1 ? '1' : '2' }));
  await session.at('capture-face');
  await session.intent({ type: 'flow.faceCaptured', format: 'jpeg', dataBase64: syntheticPhoto() });
  let s = await session.onResultOr('choose-endorsement');
  if (s.screen.name !== 'flow' || s.screen.flow.kind !== 'exit-entry-endorsement' || s.screen.flow.view.screen !== 'choose-endorsement') return;
  const choice = s.screen.flow.view.choices[0]!;
  await session.intent({ type: 'flow.choose', kind: choice.kind, destination: choice.destination, optionCode: choice.options[0]!.optionCode });
  s = await session.onResultOr('choose-payment');
  if (flowScreen(s) !== 'choose-payment') return;
  if (scenario.pays.by === 'qr') {
    await session.intent({ type: 'flow.pay', method: 'qr' });
    // The code on the screen (checked against the bridge schema with every snapshot); the simulator's phone pays it.
    await session.at('show-qr');
  } else {
    await session.intent({ type: 'flow.pay', method: 'payment-code' });
    await session.at('scan-code');
    await session.showPaymentCode(scenario.pays.code);
  }
  // Paid → rating; not charged → back to choosing how to pay, with the reason shown.
  s = await session.until(
    'the payment to settle',
    (x) => x.screen.name === 'flow' && (['rate', 'result'].includes(x.screen.flow.view.screen) || (x.screen.flow.view.screen === 'choose-payment' && x.screen.flow.view.fault !== null)),
  );
  if (flowScreen(s) === 'choose-payment' && scenario.cancelAfterPaymentFailure) await session.intent({ type: 'flow.cancel' });
}
