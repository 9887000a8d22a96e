import { describe, expect, it } from 'vitest';
import { BridgeRejection } from '../../../../electron/bridge/bridgeErrors.js';
import type { CitizenFlowServices } from '../../../../electron/runtime/flows/citizenFlowServices.js';
import { CitizenFlows } from '../../../../electron/runtime/flows/citizenFlows.js';
import { ENDORSEMENT_FLOW_KIND } from '../../../../electron/runtime/flows/endorsement/endorsementContext.js';
import { DEFAULT_ENDORSEMENT_OPTIONS } from '../../../../electron/runtime/flows/endorsement/endorsementOptions.js';
import type { FlowEngine } from '../../../../electron/runtime/flows/flowEngine.js';
import { driveToPayment, flowOf, openHarness, untilStep, World, type Harness } from './endorsement/endorsementHarness.js';
import { holdQueries, until } from './flowTestKit.js';

/**
 * The bridge's side of the QR code: `flow.cancelPayment` withdraws the code on the screen (and
 * only there), and a citizen's session that ends while the code is shown withdraws it too.
 */

function citizenFlows(h: Harness): CitizenFlows {
  return new CitizenFlows({
    engine: h.engine as unknown as FlowEngine<CitizenFlowServices>,
    vault: h.vault,
    staffLogin: { submit: async () => 'wrong-pin' },
    tokens: h.scanner.tokens,
    audit: h.audit,
    services: new Map([['hk-macau-endorsement', ENDORSEMENT_FLOW_KIND]]),
    endorsementOptions: DEFAULT_ENDORSEMENT_OPTIONS,
    propertyOptions: null,
  });
}

async function showQr(world: World) {
  const h = openHarness(world);
  const flows = citizenFlows(h);
  const flowId = await driveToPayment(h);
  const payer = holdQueries(world.qrProvider);
  await flows.apply(flowId, { type: 'flow.pay', method: 'qr' });
  await untilStep(h, flowId, 'show-qr');
  await until(() => payer.pending() === 1, 'the first question to the platform');
  payer.release();
  return { h, flows, flowId };
}

describe('CitizenFlows and the QR code', () => {
  it('shows the QR screen in the snapshot and withdraws the code on flow.cancelPayment', async () => {
    const { h, flows, flowId } = await showQr(new World());
    expect(flows.snapshot(flowId)?.view).toMatchObject({ screen: 'show-qr', canCancelPayment: true });
    await flows.apply(flowId, { type: 'flow.cancelPayment' });
    await until(() => flowOf(h, flowId).step === 'choose-payment', 'back to the choice');
    expect(flows.snapshot(flowId)?.view).toMatchObject({ screen: 'choose-payment', fault: { code: 'qr-cancelled' } });
  });

  it('refuses flow.cancelPayment where no code is shown', async () => {
    const world = new World();
    const h = openHarness(world);
    const flows = citizenFlows(h);
    const flowId = await driveToPayment(h);
    await expect(flows.apply(flowId, { type: 'flow.cancelPayment' })).rejects.toBeInstanceOf(BridgeRejection);
    expect(world.qrProvider.calls).toEqual([]);
  });

  it('withdraws the code when the session ends under it, and the visit ends with nothing charged', async () => {
    const world = new World();
    const { h, flows, flowId } = await showQr(world);
    flows.sessionEnded(flowId);
    await until(() => flowOf(h, flowId).status !== 'active', 'the end of the visit');
    expect(flowOf(h, flowId)).toMatchObject({ step: 'cancelled', status: 'cancelled' });
    expect(h.ledger.forCase(flowOf(h, flowId).context.caseRef!).map((e) => e.state)).toEqual(['reversed']);
    expect(h.audit.entries.find((e) => e.action === 'flow.continues-without-citizen')?.detail).toEqual({ flowId, qrToWithdraw: true });
  });
});
