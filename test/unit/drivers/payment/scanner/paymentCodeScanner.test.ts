import { describe, expect, it } from 'vitest';
import { PaymentCodeScanner, type ScannerWire } from '../../../../../drivers/payment/scanner/paymentCodeScanner.js';
import { SimulatedPaymentCodeScanner } from '../../../../../drivers/payment/scanner/simulatedPaymentCodeScanner.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';
import { SYNTHETIC_CODES } from './syntheticPaymentCodes.js';

const WIRES: [string, ScannerWire][] = [
  ['HID-POS Honeywell', { type: 'hid-pos', vendor: 'honeywell' }],
  ['HID-POS Newland', { type: 'hid-pos', vendor: 'newland' }],
  ['serial CR', { type: 'serial', suffix: 'CR' }],
  ['serial CRLF', { type: 'serial', suffix: 'CRLF', maxLineBytes: 64 }],
];

/** Long enough never to fire in a test that expects a code; outcomes never depend on timing. */
const NEVER = 60_000;

async function setup(wire: ScannerWire, chunkSize: number | null = null) {
  const pair = createInMemoryTransportPair('scanner');
  pair.setChunkSize(chunkSize);
  const scanner = new PaymentCodeScanner({ id: 'scanner-1', transport: pair.host, wire, simulated: true });
  const simulator = new SimulatedPaymentCodeScanner(pair.device, wire);
  await simulator.open();
  await scanner.open();
  return { pair, scanner, simulator };
}

/** Lets the in-memory pair deliver everything already written (it delivers on setImmediate). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe.each(WIRES)('PaymentCodeScanner over %s against the simulated scanner', (_name, wire) => {
  it('returns the code, its kind and a masked form', async () => {
    const { scanner, simulator } = await setup(wire, 7);
    expect(scanner.status().state).toBe('ready');
    const result = scanner.scan({ timeoutMs: NEVER });
    expect(scanner.status().state).toBe('busy');
    await simulator.presentCode(SYNTHETIC_CODES.wechat);
    expect(await result).toEqual({ ok: true, code: SYNTHETIC_CODES.wechat, kind: 'wechat', masked: '13************6789' });
    expect(scanner.status().state).toBe('ready');
    expect(scanner.status().statistics.codesRead).toBe(1);
  });

  it('discards a code that arrives when no scan was asked for', async () => {
    const { scanner, simulator } = await setup(wire);
    await simulator.presentCode(SYNTHETIC_CODES.alipay);
    await settle();
    expect(scanner.status().statistics.codesDiscarded).toBe(1);
    const result = scanner.scan({ timeoutMs: NEVER });
    await simulator.presentCode(SYNTHETIC_CODES.unionpay);
    expect(await result).toMatchObject({ ok: true, code: SYNTHETIC_CODES.unionpay, kind: 'unionpay' });
  });

  it('times out when nothing is scanned', async () => {
    const { scanner } = await setup(wire);
    expect(await scanner.scan({ timeoutMs: 1 })).toEqual({ ok: false, reason: 'timeout' });
    expect(scanner.status().state).toBe('ready');
  });

  it('is cancelled by its AbortSignal, before or during the scan', async () => {
    const { scanner } = await setup(wire);
    expect(await scanner.scan({ timeoutMs: NEVER, signal: AbortSignal.abort() })).toEqual({ ok: false, reason: 'cancelled' });
    const controller = new AbortController();
    const result = scanner.scan({ timeoutMs: NEVER, signal: controller.signal });
    controller.abort();
    expect(await result).toEqual({ ok: false, reason: 'cancelled' });
  });

  it('a new scan cancels the one still running', async () => {
    const { scanner, simulator } = await setup(wire);
    const first = scanner.scan({ timeoutMs: NEVER });
    const second = scanner.scan({ timeoutMs: NEVER });
    expect(await first).toEqual({ ok: false, reason: 'cancelled' });
    await simulator.presentCode(SYNTHETIC_CODES.wechat);
    expect(await second).toMatchObject({ ok: true, kind: 'wechat' });
  });

  it('reports an unreadable frame during a scan', async () => {
    const { scanner, simulator } = await setup(wire);
    const result = scanner.scan({ timeoutMs: NEVER });
    await simulator.sendUnreadableFrame();
    expect(await result).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('goes offline when unplugged mid-scan, and refuses scans until reopened', async () => {
    const { pair, scanner, simulator } = await setup(wire);
    const result = scanner.scan({ timeoutMs: NEVER });
    pair.unplug();
    expect(await result).toEqual({ ok: false, reason: 'scanner-offline' });
    expect(scanner.status()).toMatchObject({ state: 'offline', fault: { code: 'scanner-disconnected' } });
    expect(await scanner.scan({ timeoutMs: NEVER })).toEqual({ ok: false, reason: 'scanner-offline' });

    await scanner.open();
    expect(scanner.status()).toMatchObject({ state: 'offline', fault: { code: 'scanner-not-found' } });
    pair.replug();
    await simulator.open();
    await scanner.open();
    const again = scanner.scan({ timeoutMs: NEVER });
    await simulator.presentCode(SYNTHETIC_CODES.alipay);
    expect(await again).toMatchObject({ ok: true, kind: 'alipay' });
  });

  it('never puts the full code into status or statistics', async () => {
    const { scanner, simulator } = await setup(wire);
    const seen: string[] = [];
    scanner.onStatusChange((s) => seen.push(JSON.stringify(s)));
    const result = scanner.scan({ timeoutMs: NEVER });
    await simulator.presentCode(SYNTHETIC_CODES.wechat);
    await result;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.join('\n')).not.toContain(SYNTHETIC_CODES.wechat);
  });
});

describe('PaymentCodeScanner noise handling', () => {
  it('HID: noise between reports does not end a scan; the code behind it is read', async () => {
    const { scanner, simulator } = await setup({ type: 'hid-pos', vendor: 'newland' });
    const result = scanner.scan({ timeoutMs: NEVER });
    await simulator.sendNoise(20);
    await simulator.presentCode(SYNTHETIC_CODES.wechat);
    expect(await result).toMatchObject({ ok: true, code: SYNTHETIC_CODES.wechat });
    expect(scanner.status().statistics.wireErrors).toBeGreaterThan(0);
  });

  it('serial: a noise line during a scan is unreadable (a glitch read cannot be told from a code)', async () => {
    const { scanner, simulator } = await setup({ type: 'serial', suffix: 'CR' });
    const result = scanner.scan({ timeoutMs: NEVER });
    await simulator.sendNoise(8);
    expect(await result).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('drops a half-received code that started before the scan was asked for', async () => {
    const { pair, scanner } = await setup({ type: 'serial', suffix: 'CR' });
    await pair.device.write(Uint8Array.from('999', (c) => c.charCodeAt(0)));
    await settle();
    const result = scanner.scan({ timeoutMs: NEVER });
    await pair.device.write(Uint8Array.from(`${SYNTHETIC_CODES.alipay}\r`, (c) => c.charCodeAt(0)));
    expect(await result).toMatchObject({ ok: true, code: SYNTHETIC_CODES.alipay });
  });

  it('refuses to scan before open', async () => {
    const pair = createInMemoryTransportPair();
    const scanner = new PaymentCodeScanner({ id: 's', transport: pair.host, wire: { type: 'serial', suffix: 'CR' } });
    expect(await scanner.scan({ timeoutMs: NEVER })).toEqual({ ok: false, reason: 'scanner-offline' });
  });
});
