import { describe, expect, it } from 'vitest';
import type { PaymentState } from '../../../../../electron/runtime/payments/paymentState.js';
import type { ChargeOutcome, RefundOutcome } from '../../../../../electron/runtime/payments/paymentProvider.js';
import {
  driveToPayment,
  failedIssueAnswer,
  flowOf,
  issuedAnswer,
  ok,
  openHarness,
  payByCode,
  send,
  START,
  unknown,
  until,
  untilFinished,
  untilStep,
  World,
  type Harness,
  type ProviderScript,
} from './endorsementHarness.js';

/**
 * Crash tests: the runtime dies at a point of the payment path, a new runtime opens the same
 * database file and resumes every flow. Whatever the point, the case ends exactly once in
 * delivered, reversed, refunded or handed to staff, the citizen is charged once, and at most
 * one receipt comes out of the printer.
 */

type Step = 'charge' | 'settle-payment' | 'issue' | 'refund' | 'hand-off' | 'print-receipt';

interface CrashCase {
  name: string;
  /** The step the runtime dies in. */
  step: Step;
  /** 'entered': right after the transition into the step, before its work starts; 'mid-work': while its device or network call is out. */
  moment: 'entered' | 'mid-work';
  arrange?: (world: World) => void;
  /** The payment-code provider's script (it pays at once otherwise). */
  code?: ProviderScript;
  /** Run payment recovery (as the runtime does at start-up) before resuming the flows. */
  recoverFirst?: boolean;
  /** How long the restart takes (default 10 s: within the provider's 45 s confirmation window). */
  restartAfterMs?: number;
  expected: { step: 'done' | 'done-refunded' | 'staff-handoff' | 'cancelled'; payment: PaymentState; receipts: 0 | 1 };
}

const never = <T>() => new Promise<T>(() => {});

/** The provider takes the money, and the answer never gets back (the runtime is gone). */
function chargeAnswerLost(world: World): void {
  const original = world.codeProvider.charge.bind(world.codeProvider);
  world.codeProvider.charge = async (request): Promise<ChargeOutcome> => {
    world.codeProvider.charge = original;
    await original(request);
    return never();
  };
}

function refundAnswerLost(world: World): void {
  const original = world.codeProvider.refund.bind(world.codeProvider);
  world.codeProvider.refund = async (request): Promise<RefundOutcome> => {
    world.codeProvider.refund = original;
    await original(request);
    return never();
  };
}

const CASES: CrashCase[] = [
  { name: 'charge, entered: nothing sent yet; the citizen pays again after the restart', step: 'charge', moment: 'entered', expected: { step: 'done', payment: 'delivered', receipts: 1 } },
  {
    name: 'charge, mid-work: the money was taken, the answer lost; the restart queries and delivers',
    step: 'charge',
    moment: 'mid-work',
    code: { query: [{ kind: 'paid', providerReference: 'WX4200000009', payerHint: '13**********6789' }] },
    arrange: chargeAnswerLost,
    expected: { step: 'done', payment: 'delivered', receipts: 1 },
  },
  {
    name: 'charge, mid-work, with start-up payment recovery before the flows resume',
    step: 'charge',
    moment: 'mid-work',
    recoverFirst: true,
    code: { query: [{ kind: 'paid', providerReference: 'WX4200000010' }] },
    arrange: chargeAnswerLost,
    expected: { step: 'done', payment: 'delivered', receipts: 1 },
  },
  {
    name: 'charge, mid-work, restart after the 45 s window: the reversal comes too late, the query finds it paid',
    step: 'charge',
    moment: 'mid-work',
    restartAfterMs: 60_000,
    code: { reverse: [{ kind: 'too-late' }], query: [{ kind: 'paid', providerReference: 'WX4200000012' }] },
    arrange: chargeAnswerLost,
    expected: { step: 'done', payment: 'delivered', receipts: 1 },
  },
  {
    name: 'charge, mid-work: the provider never settles; reversed after the restart, nothing kept',
    step: 'charge',
    moment: 'mid-work',
    code: { query: [{ kind: 'waiting' }], reverse: [{ kind: 'reversed' }] },
    arrange: chargeAnswerLost,
    expected: { step: 'cancelled', payment: 'reversed', receipts: 0 },
  },
  {
    name: 'settle-payment, entered: a second crash while recovering the payment',
    step: 'settle-payment',
    moment: 'entered',
    code: { query: [{ kind: 'paid', providerReference: 'WX4200000011' }] },
    arrange: chargeAnswerLost,
    expected: { step: 'done', payment: 'delivered', receipts: 1 },
  },
  { name: 'issue, entered', step: 'issue', moment: 'entered', expected: { step: 'done', payment: 'delivered', receipts: 1 } },
  {
    name: 'issue, mid-work: the platform issued, the answer was lost; the same key gets the same endorsement',
    step: 'issue',
    moment: 'mid-work',
    arrange: (world) => {
      world.platform.issuance = [{ hang: true, commit: issuedAnswer() }];
    },
    expected: { step: 'done', payment: 'delivered', receipts: 1 },
  },
  {
    name: 'refund, entered (issuing failed)',
    step: 'refund',
    moment: 'entered',
    arrange: (world) => {
      world.platform.issuance = [ok(failedIssueAnswer())];
    },
    expected: { step: 'done-refunded', payment: 'refunded', receipts: 1 },
  },
  {
    name: 'refund, mid-work: the refund was sent, the answer lost; the same refund key refunds once',
    step: 'refund',
    moment: 'mid-work',
    arrange: (world) => {
      world.platform.issuance = [ok(failedIssueAnswer())];
      refundAnswerLost(world);
    },
    expected: { step: 'done-refunded', payment: 'refunded', receipts: 1 },
  },
  {
    name: 'hand-off, entered (issuing result unclear)',
    step: 'hand-off',
    moment: 'entered',
    arrange: (world) => {
      world.platform.issuance = [unknown];
    },
    expected: { step: 'staff-handoff', payment: 'handed-to-staff', receipts: 1 },
  },
  { name: 'print-receipt, entered', step: 'print-receipt', moment: 'entered', expected: { step: 'done', payment: 'delivered', receipts: 1 } },
  {
    name: 'print-receipt, mid-work: the job may be on paper; it is not printed again but kept for staff',
    step: 'print-receipt',
    moment: 'mid-work',
    arrange: (world) => {
      world.printer = 'hang';
    },
    expected: { step: 'done', payment: 'delivered', receipts: 1 },
  },
];

/** Disposes the engine inside the transition's change notification, before the step's work can start. */
function crashOnEntering(h: Harness, step: Step): void {
  let crashed = false;
  h.engine.onChange((flow) => {
    if (!crashed && flow.step === step) {
      crashed = true;
      h.engine.dispose();
    }
  });
}

/** Whether the step's outside call is out (so the runtime dies with it in flight). */
function callIsOut(world: World, step: Step): boolean {
  switch (step) {
    case 'charge':
    case 'settle-payment':
      return world.codeProvider.count('charge') === 1;
    case 'issue':
      return world.platform.callsOf('issue').length === 1;
    case 'refund':
      return world.codeProvider.count('refund') === 1;
    case 'print-receipt':
      return world.printed.length === 1;
    case 'hand-off':
      return false;
  }
}

/** Lets the resumed flow run; plays the citizen where one is needed (pay again, skip the rating, or leave). */
async function finish(h: Harness, flowId: string, payAgain: boolean): Promise<void> {
  await until(() => ['rate', 'choose-payment'].includes(flowOf(h, flowId).step) || flowOf(h, flowId).status !== 'active', 'a resting step');
  if (flowOf(h, flowId).step === 'choose-payment') {
    if (payAgain) await payByCode(h, flowId);
    else send(h, flowId, { type: 'cancel' });
  }
  if (flowOf(h, flowId).step === 'rate') send(h, flowId, { type: 'rate.skip' });
  await untilFinished(h, flowId);
}

describe('endorsement crash and resume', () => {
  it.each(CASES)('$name', async (testCase) => {
    const world = new World({ code: testCase.code ?? {} });
    testCase.arrange?.(world);

    const first = openHarness(world);
    const flowId = await driveToPayment(first);
    const caseRef = flowOf(first, flowId).context.caseRef!;
    const firstCrashStep: Step = testCase.step === 'settle-payment' ? 'charge' : testCase.step;
    const firstMoment = testCase.step === 'settle-payment' ? 'mid-work' : testCase.moment;
    if (firstMoment === 'entered') crashOnEntering(first, firstCrashStep);
    send(first, flowId, { type: 'pay', method: 'payment-code' });
    await untilStep(first, flowId, firstCrashStep);
    if (firstMoment === 'mid-work') await until(() => callIsOut(world, firstCrashStep), `the ${firstCrashStep} call`);
    expect(first.engine.get(flowId)?.step).toBe(firstCrashStep);
    // Right after the transition, the step's outside call has not gone out yet.
    if (firstMoment === 'entered') expect(callIsOut(world, firstCrashStep)).toBe(false);
    first.crash();
    world.printer = 'ok';

    const restartAt = START + (testCase.restartAfterMs ?? 10_000);
    let runtime = openHarness(world, { startMs: restartAt });
    if (testCase.step === 'settle-payment') {
      // The restarted runtime dies again, right as it starts settling the payment.
      crashOnEntering(runtime, 'settle-payment');
      runtime.engine.resumeAll();
      expect(runtime.engine.get(flowId)?.step).toBe('settle-payment');
      runtime.crash();
      runtime = openHarness(world, { startMs: restartAt + 10_000 });
    }
    if (testCase.recoverFirst) {
      const recovery = await runtime.payments.recover();
      expect(recovery.paidAwaitingDelivery.map((e) => e.caseId)).toEqual([caseRef]);
    }
    expect(runtime.engine.resumeAll().map((f) => f.flowId)).toEqual([flowId]);
    await finish(runtime, flowId, testCase.expected.step !== 'cancelled');

    const ended = flowOf(runtime, flowId);
    expect(ended.step).toBe(testCase.expected.step);
    const entries = runtime.ledger.forCase(caseRef);
    expect(runtime.ledger.unfinished()).toEqual([]);
    // Exactly one attempt took (or tried to take) money, and it ended in one of the allowed states.
    const charged = entries.filter((e) => e.state !== 'cancelled');
    expect(charged.map((e) => e.state)).toEqual([testCase.expected.payment]);
    expect(['delivered', 'reversed', 'refunded', 'handed-to-staff']).toContain(charged[0]!.state);
    expect(world.charges()).toBe(1);
    expect(world.printed.filter((job) => job === `${caseRef}-receipt`)).toHaveLength(testCase.expected.receipts);

    // The platform's record agrees with the ledger.
    const issueKeys = new Set(world.platform.callsOf('issue').map((c) => (c.body as { idempotencyKey: string }).idempotencyKey));
    expect(issueKeys.size).toBeLessThanOrEqual(1);
    expect(world.platform.issuedKeys()).toHaveLength(testCase.expected.payment === 'delivered' ? 1 : 0);
    const refundKeys = new Set(world.codeProvider.calls.filter((c) => c.op === 'refund').map((c) => c.refundKey));
    expect(refundKeys.size).toBe(testCase.expected.payment === 'refunded' ? 1 : 0);
  });
});
