import { describe, expect, it } from 'vitest';
import { DeviceStatusTracker } from '../../../../drivers/model/device.js';
import { deviceStatusSchema } from '../../../../drivers/model/deviceStatus.js';
import { createInMemoryTransportPair } from '../../../../drivers/transport/inMemoryTransportPair.js';

describe('DeviceStatusTracker', () => {
  it('starts offline, reports state changes once, and counts statistics', () => {
    let t = 1000;
    const tracker = new DeviceStatusTracker({ id: 'printer', kind: 'receipt-printer', binding: 'simulated', simulated: true, capabilities: ['cut'] }, () => t);
    const seen: string[] = [];
    tracker.onChange((s) => seen.push(`${s.state}:${s.fault?.code ?? '-'}`));
    expect(tracker.status().state).toBe('offline');
    tracker.set('connecting');
    tracker.set('ready');
    tracker.set('ready');
    t = 2000;
    tracker.set('fault', { code: 'paper-end', message: { 'zh-CN': '缺纸', en: 'Out of paper' } });
    tracker.count('cuts');
    tracker.count('cuts', 2);
    expect(seen).toEqual(['connecting:-', 'ready:-', 'fault:paper-end', 'fault:paper-end', 'fault:paper-end']);
    expect(tracker.status().statistics).toEqual({ cuts: 3 });
    expect(tracker.status().updatedAt).toBe(2000);
    expect(deviceStatusSchema.safeParse(tracker.status()).success).toBe(true);
  });
});

describe('in-memory transport pair', () => {
  it('carries bytes both ways asynchronously, in the configured chunk sizes', async () => {
    const pair = createInMemoryTransportPair('test');
    await pair.host.open();
    await pair.device.open();
    const received: number[][] = [];
    pair.device.onData((c) => received.push([...c]));
    pair.setChunkSize(2);
    await pair.host.write(Uint8Array.of(1, 2, 3, 4, 5));
    expect(received).toEqual([]);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(received).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('unplugging closes both ends as disconnected; they open again only after replugging', async () => {
    const pair = createInMemoryTransportPair('test');
    await pair.host.open();
    await pair.device.open();
    const reasons: string[] = [];
    pair.host.onClose((r) => reasons.push(r.kind));
    pair.unplug();
    expect(reasons).toEqual(['disconnected']);
    expect(pair.host.isOpen).toBe(false);
    await expect(pair.host.open()).rejects.toMatchObject({ code: 'not-found' });
    await expect(pair.host.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
    pair.replug();
    await pair.host.open();
    expect(pair.host.isOpen).toBe(true);
  });
});

describe('in-memory transport pair: unplug loses bytes in flight', () => {
  it('does not deliver, after a replug, what was sent before the cable was pulled', async () => {
    const pair = createInMemoryTransportPair('test');
    await pair.host.open();
    await pair.device.open();
    const received: number[] = [];
    pair.device.onData((c) => received.push(...c));
    await pair.host.write(Uint8Array.of(1, 2, 3));
    pair.unplug();
    pair.replug();
    await pair.host.open();
    await pair.device.open();
    await new Promise((r) => setImmediate(r));
    expect(received).toEqual([]);
    await pair.host.write(Uint8Array.of(4));
    await new Promise((r) => setImmediate(r));
    expect(received).toEqual([4]);
  });
});
