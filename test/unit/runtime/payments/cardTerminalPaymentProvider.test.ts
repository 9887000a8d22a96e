import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../../config/terminalConfigSchema.js';
import { createDriverDeviceManager } from '../../../../electron/runtime/devices/createDriverDeviceManager.js';
import type { DeviceManager } from '../../../../electron/runtime/devices/deviceManager.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import { CardTerminalPaymentProvider } from '../../../../electron/runtime/payments/cardTerminalPaymentProvider.js';
import { PaymentLedger } from '../../../../electron/runtime/payments/paymentLedger.js';
import { PaymentService } from '../../../../electron/runtime/payments/paymentService.js';
import { systemClock } from '../../../../electron/runtime/clock.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { manualClock, openTestStore, tempDir } from '../../store/storeTestKit.js';
import { vi } from 'vitest';

const configs: DeviceConfig[] = [{ id: 'pos', kind: 'card-payment-terminal', binding: { transport: 'simulated' }, required: true }];

let devices: DeviceManager | null = null;
const stores: KioskStore[] = [];
afterEach(async () => {
  await devices?.close();
  stores.splice(0).forEach((s) => s.close());
});

/** The real card-terminal driver on its simulator (ECR frames byte for byte), behind the ledger. */
async function setup() {
  devices = (await createDriverDeviceManager(configs, systemClock, silentLogger)).manager;
  const manager = devices;
  await vi.waitFor(() => expect(manager.list()[0]?.state).toBe('ready'));
  const clock = manualClock();
  const store = openTestStore(path.join(tempDir(), 'kiosk.db'), clock);
  stores.push(store);
  const ledger = new PaymentLedger(store.db, clock);
  const provider = new CardTerminalPaymentProvider(manager, 'pos', () => '20261123');
  const payments = new PaymentService({
    ledger,
    providers: { 'bank-card': provider, 'payment-code': provider, qr: provider },
    clock,
    audit: new RecordingAudit(),
    logger: silentLogger,
    policy: { pollIntervalMs: 10, maxPendingMs: 30, reverseAttempts: 2, refundAttempts: 2 },
    sleep: async (ms) => clock.advance(ms),
  });
  const behave = (behaviour: string) => manager.perform('pos', { op: 'simulate', action: { action: 'card-terminal.behaviour', behaviour: behaviour as 'approve' } });
  const open = () => payments.open({ caseId: 'case-1', serviceKind: 'property-transfer', method: 'bank-card', amountFen: 55_000 });
  return { manager, ledger, payments, behave, open };
}

describe('CardTerminalPaymentProvider on the simulated MIS-POS', () => {
  it('an approved sale is paid with the masked card and the facts a refund needs; the refund goes through', async () => {
    const { payments, open, ledger } = await setup();
    const entry = open();
    const result = await payments.charge(entry.paymentId, { description: 'registration' });
    expect(result.outcome).toBe('paid');
    expect(result.entry.payerHint).toMatch(/^\d{6}\*+\d{4}$/);
    expect(result.entry.detail).toMatchObject({ date: '20261123', voucherNo: expect.any(String), referenceNo: expect.any(String) });
    const refunded = await payments.refund(entry.paymentId, 'submission failed');
    expect(refunded, JSON.stringify(ledger.transitions(entry.paymentId))).toMatchObject({ state: 'refunded' });
  });

  it('a declined card is not charged', async () => {
    const { payments, open, behave } = await setup();
    await behave('decline');
    expect(await payments.charge(open().paymentId, { description: 'x' })).toMatchObject({ outcome: 'not-charged', reason: 'declined' });
  });

});
