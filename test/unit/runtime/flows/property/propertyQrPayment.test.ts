import { describe, expect, it } from 'vitest';
import { propertyViewSchema } from '../../../../../electron/bridge/propertyFlowView.js';
import { propertyCaseEvent } from '../../../../../electron/runtime/flows/property/propertyCaseEvents.js';
import type { PropertyContext } from '../../../../../electron/runtime/flows/property/propertyContext.js';
import { propertyView } from '../../../../../electron/runtime/flows/property/propertyView.js';
import { holdQueries, payByQr, QR_LINK } from '../flowTestKit.js';
import { driveToPayment, flowOf, openPropertyHarness, PropertyWorld, receiptJobId, send, START, until, untilStep, type PropertyHarness } from './propertyHarness.js';

/**
 * The QR code (扫码支付) in the real-estate transfer: the same shared steps as the endorsement,
 * so the same screen shape and the same safety: paid goes on to the submission, a code nobody
 * pays or the citizen cancels is reversed, a restart shows the same code again.
 */

const paymentsOf = (h: PropertyHarness, flowId: string) => h.ledger.forCase(flowOf(h, flowId).context.caseRef!);
const view = (h: PropertyHarness, flowId: string) => {
  const flow = flowOf(h, flowId);
  return propertyViewSchema.parse(propertyView(flow.context, flow.step, h.options));
};
const PAID = { kind: 'paid', providerReference: 'PO0000000042', detail: { channel: 'wechat' } } as const;

async function showQr(h: PropertyHarness, world: PropertyWorld) {
  const flowId = await driveToPayment(h);
  return { flowId, payer: await payByQr(h, flowId, world.qrProvider) };
}

describe('property transfer: paying by QR code', () => {
  it('shows the code for the fees with the parties still on the view, and submits once the phone has paid', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const { flowId, payer } = await showQr(h, world);
    expect(view(h, flowId)).toMatchObject({
      screen: 'show-qr',
      phase: 'paying',
      canCancel: false,
      canCancelPayment: true,
      content: QR_LINK,
      expiresAt: new Date(START + 300_000).toISOString(),
      amountFen: 9_000,
      currentPartyId: null,
    });
    expect(view(h, flowId).parties).toHaveLength(3);

    payer.answer(PAID);
    await untilStep(h, flowId, 'choose-delivery');
    // The registration system accepted the paid case: the payment is delivered.
    expect(paymentsOf(h, flowId).map((e) => [e.method, e.state])).toEqual([['qr', 'delivered']]);
    expect(world.platform.acceptedKeys()).toHaveLength(1);
    send(h, flowId, { type: 'choose-delivery', method: 'window' });
    await until(() => flowOf(h, flowId).step === 'rate', 'the rating');
    expect(h.receipts.text(receiptJobId(h, flowId))).toContain('微信扫码支付 QR code');
  });

  it('a code nobody pays in time is reversed and the citizen is back at the choice, nothing charged', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const flowId = await driveToPayment(h);
    send(h, flowId, { type: 'pay', method: 'qr' });
    await until(() => flowOf(h, flowId).step === 'choose-payment' && flowOf(h, flowId).context.lastFault !== null, 'the code to be withdrawn');
    expect(view(h, flowId)).toMatchObject({ screen: 'choose-payment', fault: { code: 'qr-expired' } });
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['reversed']);
    expect(world.platform.acceptedKeys()).toHaveLength(0);
  });

  it('the citizen cancels the code: reversed, and the screen said it was being withdrawn meanwhile', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const { flowId, payer } = await showQr(h, world);
    payer.release();
    const screens: string[] = [];
    h.engine.onChange((flow) => screens.push(propertyViewSchema.parse(propertyView(flow.context, flow.step, h.options)).screen));
    send(h, flowId, { type: 'cancel-payment', by: 'citizen' });
    await until(() => flowOf(h, flowId).step === 'choose-payment', 'back to the choice');
    expect(screens).toEqual(['busy', 'choose-payment']);
    expect(view(h, flowId).fault).toMatchObject({ code: 'qr-cancelled' });
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['reversed']);
  });

  it('a restart while the code is shown asks about the order and shows the same code; paid then, the case goes on', async () => {
    const world = new PropertyWorld();
    const first = openPropertyHarness(world);
    const { flowId, payer } = await showQr(first, world);
    const before = view(first, flowId);
    first.crash();
    payer.release();

    const second = openPropertyHarness(world, { startMs: START + 30_000 });
    const again = holdQueries(world.qrProvider);
    second.engine.resumeAll();
    await until(() => again.pending() === 1, 'the resumed wait to ask');
    expect(view(second, flowId)).toEqual(before);
    again.answer(PAID);
    await untilStep(second, flowId, 'choose-delivery');
    expect(world.qrProvider.count('charge')).toBe(1);
  });

  it('reports the case paid when a QR payment leads on to the submission', () => {
    const found = { propertyCase: { caseNumber: 'BDC2026000101' } } as unknown as PropertyContext;
    expect(propertyCaseEvent('show-qr', 'submit', found)?.status).toBe('paid');
    expect(propertyCaseEvent('cancel-qr', 'submit', found)?.status).toBe('paid');
    expect(propertyCaseEvent('show-qr', 'cancel-qr', found)).toBeNull();
  });
});
