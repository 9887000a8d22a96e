import { describe, expect, it } from 'vitest';
import { DriverDeviceManager } from '../../../../drivers/manager/driverDeviceManager.js';
import { reconnectBackoffMs } from '../../../../drivers/manager/reconnectBackoff.js';
import { DeviceStatusTracker, type Device } from '../../../../drivers/model/device.js';
import type { DeviceStatus } from '../../../../drivers/model/deviceStatus.js';
import { FakeClock } from '../../../helpers/fakeClock.js';

/** A device whose open() succeeds only while `present`; `unplug()` drops it offline. */
class FakeDevice implements Device {
  readonly kind = 'receipt-printer' as const;
  readonly tracker: DeviceStatusTracker;
  present = true;
  opens = 0;
  healthChecks = 0;
  throwOnOpen = false;

  constructor(readonly id: string) {
    this.tracker = new DeviceStatusTracker({ id, kind: this.kind, binding: 'fake', simulated: true, capabilities: [] });
  }
  status(): DeviceStatus {
    return this.tracker.status();
  }
  onStatusChange(listener: (status: DeviceStatus) => void) {
    return this.tracker.onChange(listener);
  }
  async open() {
    this.opens++;
    if (this.throwOnOpen) throw new Error('driver bug');
    this.tracker.set(this.present ? 'ready' : 'offline');
  }
  async close() {
    this.tracker.set('offline');
  }
  async checkHealth() {
    this.healthChecks++;
    return this.status();
  }
  unplug() {
    this.present = false;
    this.tracker.set('offline');
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup(...ids: string[]) {
  const clock = new FakeClock();
  const devices = ids.map((id) => new FakeDevice(id));
  const timers = { setTimeout: (cb: () => void, ms: number) => clock.setTimeout(cb, ms), clearTimeout: (h: unknown) => clock.clearTimeout(h as never) };
  const manager = new DriverDeviceManager({ devices, timers, healthIntervalMs: 30_000, backoff: { initialMs: 1_000, maxMs: 8_000 } });
  return { clock, devices, manager };
}

describe('reconnectBackoffMs', () => {
  it('doubles up to the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((a) => reconnectBackoffMs(a, 1_000, 8_000))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });
});

describe('DriverDeviceManager', () => {
  it('opens every device and lists their states', async () => {
    const { manager } = setup('a', 'b');
    await manager.openAll();
    expect(manager.list().map((s) => [s.id, s.state])).toEqual([['a', 'ready'], ['b', 'ready']]);
  });

  it('re-opens an unplugged device with backoff until it is back, telling listeners each time', async () => {
    const { manager, devices, clock } = setup('printer');
    await manager.openAll();
    let changes = 0;
    manager.onChange(() => changes++);
    const device = devices[0]!;
    device.unplug();
    expect(manager.list()[0]!.state).toBe('offline');
    clock.advance(1_000);
    await flush();
    expect(device.opens).toBe(2);
    clock.advance(1_999);
    await flush();
    expect(device.opens).toBe(2);
    device.present = true;
    clock.advance(1);
    await flush();
    expect(device.opens).toBe(3);
    expect(manager.list()[0]!.state).toBe('ready');
    expect(changes).toBe(2); // offline, then ready again
  });

  it('survives a driver whose open() throws, and keeps retrying it', async () => {
    const { manager, devices, clock } = setup('bad');
    devices[0]!.throwOnOpen = true;
    await manager.openAll();
    clock.advance(1_000);
    await flush();
    expect(devices[0]!.opens).toBe(2);
  });

  it('health-checks ready devices periodically', async () => {
    const { manager, devices, clock } = setup('a');
    await manager.openAll();
    clock.advance(30_000);
    await flush();
    clock.advance(30_000);
    await flush();
    expect(devices[0]!.healthChecks).toBe(2);
  });

  it('reopenAll closes and opens everything; close stops all retries and polling', async () => {
    const { manager, devices, clock } = setup('a');
    await manager.openAll();
    await manager.reopenAll();
    expect(devices[0]!.opens).toBe(2);
    await manager.close();
    devices[0]!.unplug();
    clock.advance(120_000);
    await flush();
    expect(devices[0]!.opens).toBe(2);
    expect(devices[0]!.healthChecks).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });
});
