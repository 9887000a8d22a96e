import { describe, expect, it } from 'vitest';
import { DeviceStatusTracker } from '../../../../drivers/model/device.js';
import type { DeviceFault } from '../../../../drivers/model/deviceStatus.js';
import { recordLinkClosed } from '../../../../drivers/model/recordLinkClosed.js';

function readyTracker(): DeviceStatusTracker {
  const tracker = new DeviceStatusTracker(
    { id: 'scanner-1', kind: 'payment-code-scanner', binding: 'simulated', simulated: true, capabilities: [] },
    () => 1_000,
  );
  tracker.set('ready');
  return tracker;
}

const unplugged = (message: string): DeviceFault => ({ code: 'test-disconnected', message: { 'zh-CN': '已断开', en: `disconnected: ${message}` } });

describe('recordLinkClosed', () => {
  it('leaves a device closed by us plainly offline, without counting a disconnect', () => {
    const tracker = readyTracker();
    recordLinkClosed(tracker, { kind: 'closed-by-us' }, () => unplugged('unused'));
    expect(tracker.status()).toMatchObject({ state: 'offline', fault: null, statistics: {} });
  });

  it('counts an unplug and shows the fault built from its reason', () => {
    const tracker = readyTracker();
    recordLinkClosed(tracker, { kind: 'disconnected', message: 'end of file' }, (lost) => unplugged(lost.message));
    expect(tracker.status()).toMatchObject({
      state: 'offline',
      fault: { code: 'test-disconnected', message: { en: 'disconnected: end of file' } },
      statistics: { disconnects: 1 },
    });
  });

  it('treats a link error like an unplug, and counts every loss', () => {
    const tracker = readyTracker();
    recordLinkClosed(tracker, { kind: 'error', message: 'stall' }, (lost) => unplugged(lost.message));
    tracker.set('ready');
    recordLinkClosed(tracker, { kind: 'disconnected', message: 'gone' }, (lost) => unplugged(lost.message));
    expect(tracker.status().statistics).toEqual({ disconnects: 2 });
    expect(tracker.status().fault?.message.en).toBe('disconnected: gone');
  });
});
