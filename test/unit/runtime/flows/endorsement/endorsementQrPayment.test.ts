import { describe, expect, it } from 'vitest';
import { endorsementViewSchema } from '../../../../../electron/bridge/endorsementFlowView.js';
import { endorsementCaseEvent } from '../../../../../electron/runtime/flows/endorsement/endorsementCaseEvents.js';
import type { EndorsementContext } from '../../../../../electron/runtime/flows/endorsement/endorsementContext.js';
import { createEndorsementFlow } from '../../../../../electron/runtime/flows/endorsement/endorsementFlow.js';
import { flowView } from '../../../../../electron/runtime/flows/endorsement/endorsementView.js';
import { holdQueries, loseNextChargeAnswer, payByQr, QR_LINK } from '../flowTestKit.js';
import {
  driveToPayment,
  flowOf,
  openHarness,
  payByCode,
  receiptJobId,
  send,
  START,
  until,
  untilFinished,
  untilStep,
  World,
  type Harness,
} from './endorsementHarness.js';

/**
 * The third way to pay, in the endorsement flow: the terminal shows the platform's QR code and
 * the citizen pays with their phone (扫码支付). The code stays on the screen until it is paid,
 * its time is up, or the citizen cancels it; a withdrawn code is reversed at the platform, and
 * a payment that slipped in meanwhile still counts. A restart shows the same code again.
 */

const paymentsOf = (h: Harness, flowId: string) => h.ledger.forCase(flowOf(h, flowId).context.caseRef!);
const view = (h: Harness, flowId: string) => endorsementViewSchema.parse(flowView(flowOf(h, flowId).context, flowOf(h, flowId).step));
const PAID = { kind: 'paid', providerReference: 'PO0000000042', detail: { channel: 'alipay' } } as const;

/** A citizen at the payment choice who chooses the QR code; the flow waits on the screen with it (the phone has not paid yet). */
async function showQr(h: Harness, world: World) {
  const flowId = await driveToPayment(h);
  return { flowId, payer: await payByQr(h, flowId, world.qrProvider) };
}

/** The citizen chooses the QR code and the order request is held on its way to the platform; call the result to let it arrive. */
async function qrOrderHeldOnItsWay(h: Harness, world: World, flowId: string): Promise<() => void> {
  const held: Array<() => void> = [];
  const scriptedCharge = world.qrProvider.charge.bind(world.qrProvider);
  world.qrProvider.charge = async (request) => {
    await new Promise<void>((resolve) => held.push(resolve));
    return scriptedCharge(request);
  };
  send(h, flowId, { type: 'pay', method: 'qr' });
  await until(() => held.length === 1, 'the QR order to be on its way');
  return () => held[0]!();
}

describe('endorsement: paying by QR code', () => {
  it('shows the code with the amount and its expiry, and goes on to issue once the phone has paid', async () => {
    const world = new World();
    const h = openHarness(world);
    const { flowId, payer } = await showQr(h, world);

    expect(view(h, flowId)).toMatchObject({
      screen: 'show-qr',
      step: 'show-qr',
      phase: 'paying',
      canCancel: false,
      canCancelPayment: true,
      content: QR_LINK,
      // The platform's 2 h, capped by the terminal's 5 minutes from when the order went out.
      expiresAt: new Date(START + 300_000).toISOString(),
      amountFen: 1500,
      fault: null,
    });
    // Leaving the flow is not possible while the code may be paid; withdrawing the code is.
    expect(send(h, flowId, { type: 'cancel', reason: 'citizen' })).toMatchObject({ ok: false, reason: 'cancel-not-allowed' });

    payer.answer(PAID);
    await untilStep(h, flowId, 'rate');
    const [payment] = paymentsOf(h, flowId);
    expect(payment).toMatchObject({ method: 'qr', state: 'delivered', amountFen: 1500, providerReference: 'PO0000000042' });
    // The ledger names the case as the platform does (the approval's case number), besides the flow's own reference.
    expect(payment!.caseNumber).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(payment!.caseNumber).toBe(flowOf(h, flowId).context.caseNumber);
    expect(world.qrProvider.count('charge')).toBe(1);
    expect(world.qrProvider.count('reverse')).toBe(0);
    expect(world.platform.callsOf('issue')[0]!.body).toMatchObject({ paymentIdempotencyKey: payment!.paymentId });
    expect(flowOf(h, flowId).context).toMatchObject({ payment: { method: 'qr' }, qr: null, paymentId: payment!.paymentId });
    expect(h.receipts.text(receiptJobId(h, flowId))).toContain('支付宝扫码支付 QR code');
    send(h, flowId, { type: 'rate.skip' });
    expect(await untilFinished(h, flowId)).toMatchObject({ step: 'done', context: { outcome: 'issued' } });
    expect(h.repository.transitions(flowId).map((t) => t.toStep).slice(7, 11)).toEqual(['choose-payment', 'charge', 'show-qr', 'issue']);
  });

  it('a code nobody pays in time is reversed: back to the payment choice saying so, and another way to pay still works', async () => {
    const world = new World();
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    send(h, flowId, { type: 'pay', method: 'qr' });
    await until(() => flowOf(h, flowId).step === 'choose-payment' && flowOf(h, flowId).context.lastFault !== null, 'the code to be withdrawn');

    expect(view(h, flowId)).toMatchObject({ screen: 'choose-payment', canCancel: true, fault: { code: 'qr-expired' } });
    expect(view(h, flowId).fault?.message['zh-CN']).toContain('二维码已过期，未扣款');
    const [qr] = paymentsOf(h, flowId);
    expect(qr).toMatchObject({ method: 'qr', state: 'reversed' });
    expect(h.ledger.transitions(qr!.paymentId).at(-1)?.reason).toBe('reversed after the QR code went unpaid in its time');
    expect(h.clock.now() - START).toBeGreaterThanOrEqual(300_000);
    expect(world.qrProvider.count('reverse')).toBe(1);
    expect(flowOf(h, flowId).context.qr).toBeNull();
    expect(h.repository.transitions(flowId).map((t) => t.toStep).slice(-4)).toEqual(['charge', 'show-qr', 'cancel-qr', 'choose-payment']);

    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('rate');
    expect(paymentsOf(h, flowId).map((e) => [e.method, e.state])).toEqual([
      ['qr', 'reversed'],
      ['payment-code', 'delivered'],
    ]);
  });

  it('the citizen cancels the code: reversed at the platform, nothing charged, back to the choice', async () => {
    const world = new World();
    const h = openHarness(world);
    const { flowId, payer } = await showQr(h, world);
    payer.release();
    expect(send(h, flowId, { type: 'cancel-payment', by: 'citizen' })).toMatchObject({ ok: true });
    await until(() => flowOf(h, flowId).step === 'choose-payment', 'back to the choice');

    expect(view(h, flowId).fault).toMatchObject({ code: 'qr-cancelled' });
    expect(view(h, flowId).fault?.message.en).toContain('nothing was charged');
    const [qr] = paymentsOf(h, flowId);
    expect(qr).toMatchObject({ state: 'reversed' });
    expect(h.ledger.transitions(qr!.paymentId).at(-1)?.reason).toBe('reversed as the citizen cancelled the QR payment');
    // The code's own wait stopped with the cancel: the withdrawal asked once more, then reversed.
    expect(world.qrProvider.calls.map((c) => c.op)).toEqual(['charge', 'query', 'query', 'reverse']);
    expect(send(h, flowId, { type: 'cancel', reason: 'citizen' })).toMatchObject({ ok: true });
    expect(await untilFinished(h, flowId)).toMatchObject({ step: 'cancelled', status: 'cancelled' });
  });

  it.each([
    { when: 'the phone paid just before', qr: { query: [PAID] }, reversals: 0 },
    { when: 'the reversal came too late', qr: { query: [{ kind: 'waiting' as const }, PAID], reverse: [{ kind: 'too-late' as const }] }, reversals: 1 },
  ])('a cancel that finds the payment made ($when): paid after all, the case goes on, issued once', async ({ qr, reversals }) => {
    const world = new World({ qr });
    const h = openHarness(world);
    const { flowId, payer } = await showQr(h, world);
    payer.release();
    send(h, flowId, { type: 'cancel-payment', by: 'citizen' });
    await untilStep(h, flowId, 'rate');
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['delivered']);
    expect(world.qrProvider.count('reverse')).toBe(reversals);
    expect(world.platform.callsOf('issue')).toHaveLength(1);
  });

  it('the citizen’s session ends while the code is shown: withdrawn, and the visit ends with nothing charged', async () => {
    const world = new World();
    const h = openHarness(world);
    const { flowId, payer } = await showQr(h, world);
    payer.release();
    send(h, flowId, { type: 'cancel-payment', by: 'session-ended' });
    const ended = await untilFinished(h, flowId);
    expect(ended).toMatchObject({ step: 'cancelled', status: 'cancelled', context: { cancelReason: 'session-ended', qr: null } });
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['reversed']);
  });

  it('the session ends while the QR order is being created: the code is withdrawn the moment it exists, never shown', async () => {
    const world = new World();
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    const releaseOrder = await qrOrderHeldOnItsWay(h, world, flowId);
    const enteredCharge = flowOf(h, flowId).stepEnteredAt;

    // Nobody is at the terminal any more; the order request is still out.
    expect(send(h, flowId, { type: 'cancel-payment', by: 'session-ended' })).toMatchObject({ ok: true });
    expect(flowOf(h, flowId)).toMatchObject({ step: 'charge', stepEnteredAt: enteredCharge, context: { qrEnding: 'session-ended' } });

    releaseOrder();
    const ended = await untilFinished(h, flowId);
    expect(ended).toMatchObject({ step: 'cancelled', status: 'cancelled', context: { cancelReason: 'session-ended', qr: null } });
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['reversed']);
    // One order, withdrawn at once: the step's work was not started again by the note.
    expect(world.qrProvider.calls.map((c) => c.op)).toEqual(['charge', 'query', 'reverse']);
    const steps = h.repository.transitions(flowId).map((t) => t.toStep);
    expect(steps.slice(-4)).toEqual(['charge', 'charge', 'cancel-qr', 'cancelled']);
    expect(steps).not.toContain('show-qr');
  });

  it('the session ends during a QR order that then comes to nothing: the visit ends at once, not a payment choice left to nobody', async () => {
    const world = new World({ qr: { charge: [{ kind: 'declined', reason: 'ORDER_REFUSED', message: { 'zh-CN': '下单失败', en: 'Order refused' } }] } });
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    const releaseOrder = await qrOrderHeldOnItsWay(h, world, flowId);
    expect(send(h, flowId, { type: 'cancel-payment', by: 'session-ended' })).toMatchObject({ ok: true });
    releaseOrder();
    const ended = await untilFinished(h, flowId);
    expect(ended).toMatchObject({ step: 'cancelled', status: 'cancelled', context: { cancelReason: 'session-ended' } });
    expect(h.repository.transitions(flowId).map((t) => t.toStep).slice(-3)).toEqual(['charge', 'charge', 'cancelled']);
  });

  it('the platform declines the order on a later question: back to the choice, nothing charged', async () => {
    const world = new World();
    const h = openHarness(world);
    const { flowId, payer } = await showQr(h, world);
    payer.answer({ kind: 'declined', reason: 'order-closed' });
    await until(() => flowOf(h, flowId).step === 'choose-payment', 'back to the choice');
    expect(view(h, flowId).fault).toMatchObject({ code: 'payment-declined' });
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['declined']);
  });

  it('a QR code is not offered over its own limit, and cannot be chosen then', async () => {
    const paymentLimits = { paymentCodeMaxFen: 100_000, qrMaxFen: 1_000 };
    const h = openHarness(new World(), { flow: { paymentLimits } });
    const flowId = await driveToPayment(h);
    expect(flowView(flowOf(h, flowId).context, 'choose-payment', { paymentLimits })).toMatchObject({ methods: ['payment-code', 'bank-card'], withheld: [{ method: 'qr', reason: 'over-limit', limitFen: 1_000 }] });
    expect(send(h, flowId, { type: 'pay', method: 'qr' })).toMatchObject({ ok: false, reason: 'not-applicable' });
  });
});

describe('endorsement: a restart while the QR code is shown', () => {
  it('asks the platform about the pending order (never creates it again) and shows the very same code until it is paid', async () => {
    const world = new World();
    const first = openHarness(world);
    const { flowId } = await showQr(first, world);
    const shownBefore = view(first, flowId);
    first.crash();

    const second = openHarness(world, { startMs: START + 20_000 });
    const payer = holdQueries(world.qrProvider);
    const recovery = second.payments.recover();
    await until(() => payer.pending() === 1, 'recovery to ask about the order');
    payer.answer({ kind: 'waiting', qrPayload: QR_LINK });
    expect((await recovery).awaitingPayer.map((e) => e.caseId)).toEqual([flowOf(second, flowId).context.caseRef]);
    expect(second.engine.resumeAll().map((f) => f.flowId)).toEqual([flowId]);
    await until(() => payer.pending() === 1, 'the resumed wait to ask');
    expect(view(second, flowId)).toEqual(shownBefore);

    payer.answer(PAID);
    await untilStep(second, flowId, 'rate');
    expect(world.qrProvider.count('charge')).toBe(1);
    expect(second.ledger.forCase(flowOf(second, flowId).context.caseRef!).map((e) => e.state)).toEqual(['delivered']);
  });

  it('a restart before the code reached the screen asks for it and shows it; a late answer moves on', async () => {
    const world = new World({ qr: { query: [{ kind: 'waiting', qrPayload: QR_LINK, qrValidForMs: 600_000 }, PAID] } });
    // The platform creates the order, and its answer never gets back: the runtime dies in charge.
    loseNextChargeAnswer(world.qrProvider);
    const first = openHarness(world);
    const flowId = await driveToPayment(first);
    send(first, flowId, { type: 'pay', method: 'qr' });
    await until(() => world.qrProvider.count('charge') === 1, 'the order to go out');
    first.crash();

    const second = openHarness(world, { startMs: START + 10_000 });
    const steps: string[] = [];
    second.engine.onChange((flow) => steps.push(flow.step));
    second.engine.resumeAll();
    await untilStep(second, flowId, 'rate');
    expect(steps.slice(0, 3)).toEqual(['settle-payment', 'show-qr', 'issue']);
    expect(world.qrProvider.count('charge')).toBe(1);
    expect(second.ledger.forCase(flowOf(second, flowId).context.caseRef!).map((e) => e.state)).toEqual(['delivered']);
  });

  it('a restart after the code’s time ran out withdraws it and sends the citizen back to the choice', async () => {
    const world = new World();
    const first = openHarness(world);
    const { flowId, payer } = await showQr(first, world);
    first.crash();
    payer.release();

    const second = openHarness(world, { startMs: START + 400_000 });
    const recovered = await second.payments.recover();
    expect(recovered.settled.map((e) => e.state)).toEqual(['reversed']);
    second.engine.resumeAll();
    await until(() => flowOf(second, flowId).step === 'choose-payment', 'back to the choice');
    expect(view(second, flowId).fault).toMatchObject({ code: 'qr-expired' });
    expect(world.qrProvider.count('charge')).toBe(1);
    expect(world.qrProvider.count('reverse')).toBe(1);
  });
});

describe('endorsement: the QR steps as pure transitions', () => {
  const definition = createEndorsementFlow();
  const at = new Date(START).toISOString();

  it('shows a code only from an event that carries one with a readable expiry', () => {
    const charge = definition.steps.charge!;
    expect(charge.on({ type: 'qr-shown', paymentId: 'pay-1', content: QR_LINK, expiresAt: 'soon' }, {})).toBeNull();
    expect(charge.on({ type: 'qr-shown', paymentId: 'pay-1', expiresAt: at }, {})).toBeNull();
    expect(charge.on({ type: 'qr-shown', paymentId: 'pay-1', content: QR_LINK, expiresAt: at }, {})).toEqual({
      to: 'show-qr',
      context: { paymentId: 'pay-1', qr: { content: QR_LINK, expiresAt: at }, qrEnding: null, lastFault: null },
    });
  });

  it('remembers a session end during the QR order, and only then, and withdraws the code it brings', () => {
    const charge = definition.steps.charge!;
    const ordering = { payment: { method: 'qr' } } as EndorsementContext;
    expect(charge.on({ type: 'cancel-payment', by: 'session-ended' }, ordering)).toEqual({ to: 'charge', stay: true, context: { qrEnding: 'session-ended' } });
    expect(charge.on({ type: 'cancel-payment', by: 'citizen' }, ordering)).toBeNull();
    expect(charge.on({ type: 'cancel-payment', by: 'session-ended' }, { payment: { method: 'bank-card' } } as EndorsementContext)).toBeNull();
    const gone = { ...ordering, qrEnding: 'session-ended' } as EndorsementContext;
    expect(charge.on({ type: 'qr-shown', paymentId: 'pay-1', content: QR_LINK, expiresAt: at }, gone)).toEqual({
      to: 'cancel-qr',
      context: { paymentId: 'pay-1', qr: { content: QR_LINK, expiresAt: at }, lastFault: null },
    });
  });

  it('remembers a session end while the ledger is asked about a QR order too (after a restart)', () => {
    const settle = definition.steps['settle-payment']!;
    const ordering = { payment: { method: 'qr' } } as EndorsementContext;
    expect(settle.on({ type: 'cancel-payment', by: 'session-ended' }, ordering)).toEqual({ to: 'settle-payment', stay: true, context: { qrEnding: 'session-ended' } });
    const gone = { ...ordering, qrEnding: 'session-ended' } as EndorsementContext;
    expect(settle.on({ type: 'qr-shown', paymentId: 'pay-1', content: QR_LINK, expiresAt: at }, gone)).toMatchObject({ to: 'cancel-qr' });
    expect(settle.on({ type: 'not-charged', reason: 'declined' }, gone)).toMatchObject({ to: 'cancelled', context: { cancelReason: 'session-ended' } });
    expect(settle.on({ type: 'no-payment' }, gone)).toMatchObject({ to: 'cancelled', context: { cancelReason: 'session-ended' } });
    expect(settle.on({ type: 'no-payment' }, ordering)).toMatchObject({ to: 'choose-payment' });
  });

  it('withdraws for the reason it was asked to, and answers an error by asking the ledger', () => {
    const showQr = definition.steps['show-qr']!;
    const shown = { paymentId: 'pay-1', qr: { content: QR_LINK, expiresAt: at } };
    expect(showQr.on({ type: 'cancel-payment', by: 'citizen' }, shown)).toEqual({ to: 'cancel-qr', context: { qrEnding: 'cancelled' } });
    expect(showQr.on({ type: 'cancel-payment', by: 'session-ended' }, shown)).toEqual({ to: 'cancel-qr', context: { qrEnding: 'session-ended' } });
    expect(showQr.on({ type: 'qr-expired', paymentId: 'pay-1' }, shown)).toEqual({ to: 'cancel-qr', context: { qrEnding: 'expired' } });
    expect(showQr.on({ type: 'error', message: 'x' }, shown)).toEqual({ to: 'settle-payment', context: { qr: null } });
    const cancelQr = definition.steps['cancel-qr']!;
    expect(cancelQr.on({ type: 'error', message: 'x' }, { ...shown, qrEnding: 'cancelled' })).toEqual({ to: 'settle-payment', context: { qr: null } });
    expect(cancelQr.on({ type: 'paid', paymentId: 'pay-1' }, { ...shown, qrEnding: 'session-ended' })).toMatchObject({ to: 'issue' });
  });

  it('refuses a payment method it does not know', () => {
    const context = { payable: { amountFen: 1500, payableReference: 'P', items: [] } };
    expect(definition.steps['choose-payment']!.on({ type: 'pay', method: 'cash' }, context)).toBeNull();
    expect(definition.steps['choose-payment']!.on({ type: 'pay', method: 'qr' }, context)).toMatchObject({ to: 'charge', context: { payment: { method: 'qr' } } });
  });

  it('reports the case paid to the platform when a QR payment leads on to issuing, and nothing while the code is up', () => {
    const numbered = { caseNumber: 'CJ2026000042' } as EndorsementContext;
    expect(endorsementCaseEvent('show-qr', 'issue', numbered)).toEqual({ caseNumber: 'CJ2026000042', status: 'paid' });
    expect(endorsementCaseEvent('cancel-qr', 'issue', numbered)).toEqual({ caseNumber: 'CJ2026000042', status: 'paid' });
    expect(endorsementCaseEvent('charge', 'show-qr', numbered)).toBeNull();
    expect(endorsementCaseEvent('cancel-qr', 'choose-payment', numbered)).toBeNull();
    expect(endorsementCaseEvent('cancel-qr', 'cancelled', numbered)?.status).toBe('cancelled');
  });
});
