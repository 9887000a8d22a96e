/**
 * The scripted citizens of `kioskctl scenario run`: who walks up (a synthetic permit and ID
 * card that the platform simulator's seed data knows), which payment code they show, and what
 * the scenario must end in. Payment codes are synthetic; their last digit scripts the payer in
 * the platform simulator (test/platform-sim/README.md: 0-5 pays at once, 6 pays on the second
 * query, 7 never pays).
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
  paymentCode: string;
  /** What must happen for the scenario to pass. */
  expect: { outcome: 'issued' | 'refused' | 'refunded' | 'cancelled'; payment: 'delivered' | 'refunded' | 'reversed' | null };
  /** After a reversal the citizen gives up rather than paying another way. */
  cancelAfterPaymentFailure?: boolean;
}

const DEMO_CITIZEN: ScenarioCitizen = { permitNumber: 'C00000001', name: '测试小红', idNumber17: '11010119900101002' };

export const ENDORSEMENT_SCENARIOS: readonly EndorsementScenario[] = [
  { name: 'endorsement-happy', citizen: DEMO_CITIZEN, paymentCode: '134567890123456780', expect: { outcome: 'issued', payment: 'delivered' } },
  {
    name: 'endorsement-refused',
    citizen: { permitNumber: 'C80000008', name: '郑凯', idNumber17: '44010619910909008' },
    paymentCode: '134567890123456780',
    expect: { outcome: 'refused', payment: null },
  },
  {
    name: 'endorsement-issue-fails-after-payment',
    citizen: { permitNumber: 'C60000006', name: '周强', idNumber17: '44010619870808006' },
    paymentCode: '134567890123456781',
    expect: { outcome: 'refunded', payment: 'refunded' },
  },
  { name: 'endorsement-payment-unknown-then-paid', citizen: DEMO_CITIZEN, paymentCode: '134567890123456786', expect: { outcome: 'issued', payment: 'delivered' } },
  {
    name: 'endorsement-payment-unknown-then-reversed',
    citizen: DEMO_CITIZEN,
    paymentCode: '134567890123456787',
    expect: { outcome: 'cancelled', payment: 'reversed' },
    cancelAfterPaymentFailure: true,
  },
];
