import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentLedger } from '../../../../electron/runtime/payments/paymentLedger.js';
import type { ChargeOutcome, ChargeQueryOutcome, PaymentProvider } from '../../../../electron/runtime/payments/paymentProvider.js';
import { PaymentService } from '../../../../electron/runtime/payments/paymentService.js';
import type { PaymentMethod } from '../../../../electron/runtime/payments/paymentState.js';
import { isShowableQrContent, qrDeadline } from '../../../../electron/runtime/payments/qrCode.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { manualClock, openTestStore, recordingLogger, START_MS, tempDir } from '../../store/storeTestKit.js';
import { ScriptedPaymentProvider } from './scriptedPaymentProvider.js';

/**
 * The QR code (正扫) half of the payment service: the code is shown at once, the payer is
 * waited for while it is on the screen, and a code nobody pays is withdrawn, with a payment
 * that slipped in meanwhile counted, never lost. A restart asks for the code, never creates
 * the order again.
 */

const LINK = 'https://pay.platform.example/qr/PO0000000001';
/** The platform's code: valid for 2 h (WeChat Native, Alipay precreate). */
const waiting = (content = LINK, validForMs = 2 * 3_600_000): ChargeOutcome => ({ kind: 'waiting', providerReference: 'PO0000000001', qrPayload: content, qrValidForMs: validForMs });

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const POLICY = { pollIntervalMs: 3_000, maxPendingMs: 45_000, reverseAttempts: 3, refundAttempts: 3, qrWaitMs: 300_000 };

function setup(script: ConstructorParameters<typeof ScriptedPaymentProvider>[0] = {}, file = path.join(tempDir(), 'kiosk.db')) {
  const clock = manualClock();
  const store = openTestStore(file, clock);
  stores.push(store);
  const ledger = new PaymentLedger(store.db, clock);
  const provider = new ScriptedPaymentProvider({ charge: [waiting()], ...script });
  const other = new ScriptedPaymentProvider();
  const providers = { 'payment-code': other, qr: provider, 'bank-card': other } satisfies Record<PaymentMethod, PaymentProvider>;
  const logger = recordingLogger();
  const payments = new PaymentService({ ledger, providers, clock, audit: new RecordingAudit(), logger, policy: POLICY, sleep: async (ms) => clock.advance(ms) });
  const open = () => payments.open({ caseId: 'case-1', serviceKind: 'exit-entry-endorsement', method: 'qr', amountFen: 1500 });
  return { clock, store, ledger, payments, provider, logger, open, file };
}

const input = { description: '签注', caseNumber: 'CJ2026000042' };
const never = new AbortController().signal;
const states = (ledger: PaymentLedger, id: string) => ledger.transitions(id).map((t) => t.toState);

describe('isShowableQrContent and qrDeadline', () => {
  it('shows only an https link of printable ASCII within the contract length, without credentials', () => {
    expect(isShowableQrContent(LINK)).toBe(true);
    expect(isShowableQrContent(`https://pay.example/${'a'.repeat(492)}`)).toBe(true);
    expect(isShowableQrContent(`https://pay.example/${'a'.repeat(493)}`)).toBe(false);
    for (const bad of ['', 'http://pay.example/qr/1', 'weixin://wxpay/bizpayurl?pr=abc', 'https://user:pw@pay.example/qr', 'https://pay.example/qr 1', 'https://pay.example/二维码', 'not a url']) {
      expect(isShowableQrContent(bad), bad).toBe(false);
    }
  });

  it('caps the platform’s validity with the terminal’s window, both counted from when the order went out', () => {
    expect(qrDeadline(START_MS, 300_000, 7_200_000)).toBe(START_MS + 300_000);
    expect(qrDeadline(START_MS, 300_000, 60_000)).toBe(START_MS + 60_000);
    expect(qrDeadline(START_MS, 300_000, -5_000)).toBe(START_MS);
    expect(qrDeadline(START_MS, 300_000, Number.NaN)).toBe(START_MS + 300_000);
    expect(qrDeadline(START_MS, 300_000, undefined)).toBe(START_MS + 300_000);
  });
});

describe('PaymentService.present', () => {
  it('sends the order once and hands back the code to show, capped by the terminal window, without waiting for the payer', async () => {
    const { payments, provider, ledger, open } = setup();
    const entry = open();
    const shown = await payments.present(entry.paymentId, input);
    expect(shown).toMatchObject({ outcome: 'awaiting-payer', qr: { content: LINK, expiresAt: START_MS + 300_000 }, entry: { state: 'pending' } });
    expect(provider.calls.map((c) => c.op)).toEqual(['charge']);
    expect(ledger.get(entry.paymentId)?.state).toBe('pending');
  });

  it('ends at once when the platform answers paid or declined, as a charge would', async () => {
    const paid = setup({ charge: [{ kind: 'paid', providerReference: 'PO1', detail: { channel: 'alipay' } }] });
    expect(await paid.payments.present(paid.open().paymentId, input)).toMatchObject({ outcome: 'paid', entry: { state: 'paid', detail: { channel: 'alipay' } } });
    const declined = setup({ charge: [{ kind: 'declined', reason: 'risk', message: { 'zh-CN': '拒绝', en: 'No' } }] });
    expect(await declined.payments.present(declined.open().paymentId, input)).toMatchObject({ outcome: 'not-charged', reason: 'declined' });
  });

  it('after an unclear answer asks the platform for the code (never creates the order again) and shows what it names', async () => {
    const { payments, provider, open } = setup({ charge: [{ kind: 'unknown', reason: 'timeout' }], query: [{ kind: 'unknown', reason: 'timeout' }, { kind: 'waiting', qrPayload: LINK, qrValidForMs: 600_000 }] });
    const shown = await payments.present(open().paymentId, input);
    expect(shown).toMatchObject({ outcome: 'awaiting-payer', qr: { content: LINK } });
    expect(provider.count('charge')).toBe(1);
    expect(provider.count('query')).toBe(2);
  });

  it('withdraws an order whose code never turns up, or was never received by the platform', async () => {
    const silent = setup({ charge: [{ kind: 'unknown', reason: 'timeout' }], query: [{ kind: 'waiting' }] });
    const entry = silent.open();
    expect(await silent.payments.present(entry.paymentId, input)).toMatchObject({ outcome: 'not-charged', reason: 'reversed' });
    expect(silent.provider.count('reverse')).toBe(1);
    expect(silent.ledger.get(entry.paymentId)?.state).toBe('reversed');

    const lost = setup({ charge: [{ kind: 'unknown', reason: 'timeout' }], query: [{ kind: 'not-found' }] });
    expect(await lost.payments.present(lost.open().paymentId, input)).toMatchObject({ outcome: 'not-charged', reason: 'reversed' });
    expect(lost.provider.count('query')).toBe(1);
  });

  it('never shows a code that is not an https link: the order is withdrawn and the problem logged', async () => {
    const { payments, provider, logger, open } = setup({ charge: [waiting('weixin://wxpay/bizpayurl?pr=abc')] });
    expect(await payments.present(open().paymentId, input)).toMatchObject({ outcome: 'not-charged', reason: 'reversed' });
    expect(provider.calls.map((c) => c.op)).toEqual(['charge', 'reverse']);
    expect(logger.lines.some((line) => line.level === 'error' && !JSON.stringify(line).includes('weixin'))).toBe(true);
  });

  it('withdraws a code that is already out of time instead of showing it', async () => {
    const { payments, open } = setup({ charge: [waiting(LINK, 0)] });
    expect(await payments.present(open().paymentId, input)).toMatchObject({ outcome: 'not-charged', reason: 'reversed' });
  });

  it('refuses a payment of another method', async () => {
    const { payments } = setup();
    const code = payments.open({ caseId: 'case-1', serviceKind: 'exit-entry-endorsement', method: 'payment-code', amountFen: 1500 });
    await expect(payments.present(code.paymentId, input)).rejects.toThrow(/not a QR code/);
  });
});

describe('PaymentService.awaitPayer', () => {
  it('asks every poll interval and records the payment when the phone has paid', async () => {
    const { payments, provider, ledger, clock, open } = setup({ query: [{ kind: 'waiting' }, { kind: 'waiting' }, { kind: 'paid', providerReference: 'PO1', detail: { channel: 'wechat' } }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    const result = await payments.awaitPayer(entry.paymentId, { until: START_MS + 300_000, signal: never });
    expect(result).toMatchObject({ outcome: 'paid', entry: { state: 'paid' } });
    expect(provider.count('query')).toBe(3);
    expect(clock.now()).toBe(START_MS + 9_000);
    expect(states(ledger, entry.paymentId)).toEqual(['pending', 'paid']);
  });

  it('at the deadline answers expired and leaves the entry pending for the withdrawal', async () => {
    const { payments, ledger, clock, open } = setup({ query: [{ kind: 'waiting' }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    const result = await payments.awaitPayer(entry.paymentId, { until: START_MS + 10_000, signal: never });
    expect(result).toMatchObject({ outcome: 'expired', entry: { state: 'pending' } });
    // The last wait is cut to the deadline: no query after the code's time is up.
    expect(clock.now()).toBe(START_MS + 10_000);
    expect(ledger.get(entry.paymentId)?.state).toBe('pending');
  });

  it('never waits past the terminal’s window, whatever deadline it is given', async () => {
    const { payments, clock, open } = setup({ query: [{ kind: 'waiting' }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    expect(await payments.awaitPayer(entry.paymentId, { until: START_MS + 7_200_000, signal: never })).toMatchObject({ outcome: 'expired' });
    expect(clock.now()).toBe(START_MS + 300_000);
  });

  it('once stopped, records nothing, not even a payment it hears of afterwards: the one who stopped it settles the entry', async () => {
    const { payments, ledger, provider, open } = setup();
    const entry = open();
    await payments.present(entry.paymentId, input);
    // The platform's answer to the wait's question comes in only after the citizen cancelled.
    let answer: (outcome: ChargeQueryOutcome) => void = () => {};
    provider.query = async () => new Promise<ChargeQueryOutcome>((resolve) => (answer = resolve));
    const stop = new AbortController();
    const waiter = payments.awaitPayer(entry.paymentId, { until: START_MS + 300_000, signal: stop.signal });
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    answer({ kind: 'paid', providerReference: 'PO1' });
    expect(await waiter).toEqual({ outcome: 'interrupted' });
    expect(ledger.get(entry.paymentId)?.state).toBe('pending');
  });

  it('says how an entry someone else settled ended', async () => {
    const { payments, ledger, open } = setup();
    const entry = open();
    await payments.present(entry.paymentId, input);
    ledger.move(entry.paymentId, 'paid', 'settled elsewhere', { providerReference: 'PO1' });
    expect(await payments.awaitPayer(entry.paymentId, { until: START_MS + 300_000, signal: never })).toMatchObject({ outcome: 'paid' });
  });
});

describe('PaymentService.withdraw', () => {
  it('reverses an unpaid code at the platform with the citizen’s reason', async () => {
    const { payments, provider, ledger, open } = setup({ query: [{ kind: 'waiting' }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    expect(await payments.withdraw(entry.paymentId, 'cancelled-by-citizen')).toMatchObject({ outcome: 'not-charged', reason: 'reversed' });
    expect(provider.calls.map((c) => c.op)).toEqual(['charge', 'query', 'reverse']);
    expect(ledger.transitions(entry.paymentId).at(-1)?.reason).toBe('reversed as the citizen cancelled the QR payment');
  });

  it('keeps a payment made a moment before the cancel: paid, nothing reversed', async () => {
    const { payments, provider, open } = setup({ query: [{ kind: 'paid', providerReference: 'PO1' }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    expect(await payments.withdraw(entry.paymentId, 'cancelled-by-citizen')).toMatchObject({ outcome: 'paid', entry: { state: 'paid' } });
    expect(provider.count('reverse')).toBe(0);
  });

  it('a reversal the platform answers too late for finds the payment settled: paid', async () => {
    const { payments, open } = setup({ query: [{ kind: 'waiting' }, { kind: 'paid', providerReference: 'PO1' }], reverse: [{ kind: 'too-late' }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    expect(await payments.withdraw(entry.paymentId, 'payer-timeout')).toMatchObject({ outcome: 'paid', entry: { state: 'paid' } });
  });

  it('a reversal that is never confirmed goes to staff', async () => {
    const { payments, provider, open } = setup({ query: [{ kind: 'unknown', reason: 'down' }], reverse: [{ kind: 'unknown', reason: 'down' }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    expect(await payments.withdraw(entry.paymentId, 'payer-timeout')).toMatchObject({ outcome: 'handed-to-staff', entry: { state: 'handed-to-staff' } });
    expect(provider.count('reverse')).toBe(POLICY.reverseAttempts);
  });

  it('is idempotent: withdrawing what is already withdrawn changes nothing', async () => {
    const { payments, provider, open } = setup({ query: [{ kind: 'waiting' }] });
    const entry = open();
    await payments.present(entry.paymentId, input);
    await payments.withdraw(entry.paymentId, 'cancelled-by-citizen');
    expect(await payments.withdraw(entry.paymentId, 'cancelled-by-citizen')).toMatchObject({ outcome: 'not-charged', reason: 'reversed' });
    expect(provider.count('reverse')).toBe(1);
  });
});

describe('PaymentService.recover with QR codes', () => {
  async function crashWhileShown(queryAfterRestart: ConstructorParameters<typeof ScriptedPaymentProvider>[0], downtimeMs: number) {
    const first = setup();
    const entry = first.open();
    await first.payments.present(entry.paymentId, input);
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);
    const second = setup(queryAfterRestart, first.file);
    second.clock.advance(downtimeMs);
    return { second, entry, recovered: await second.payments.recover() };
  }

  it('leaves a code still inside its window pending for the flow that shows it, after one question', async () => {
    const { second, entry, recovered } = await crashWhileShown({ query: [{ kind: 'waiting', qrPayload: LINK }] }, 20_000);
    expect(recovered.awaitingPayer.map((e) => e.paymentId)).toEqual([entry.paymentId]);
    expect(recovered.settled).toEqual([]);
    expect(second.provider.calls.map((c) => c.op)).toEqual(['query']);
    expect(second.ledger.get(entry.paymentId)?.state).toBe('pending');
  });

  it('records a code paid while the terminal was down, for the flow to deliver', async () => {
    const { recovered, entry } = await crashWhileShown({ query: [{ kind: 'paid', providerReference: 'PO1' }] }, 20_000);
    expect(recovered.paidAwaitingDelivery.map((e) => e.paymentId)).toEqual([entry.paymentId]);
    expect(recovered.awaitingPayer).toEqual([]);
  });

  it('withdraws a code whose window passed while the terminal was down', async () => {
    const { second, recovered, entry } = await crashWhileShown({ query: [{ kind: 'waiting' }] }, 301_000);
    expect(recovered.settled.map((e) => [e.paymentId, e.state])).toEqual([[entry.paymentId, 'reversed']]);
    expect(second.provider.count('charge')).toBe(0);
  });
});
