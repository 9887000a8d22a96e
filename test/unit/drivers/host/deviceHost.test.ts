import { describe, expect, it, vi } from 'vitest';
import type { DeviceConfig } from '../../../../config/terminalConfigSchema.js';
import { runDeviceHost, type HostChannel } from '../../../../drivers/host/deviceHost.js';
import type { HostToRuntimeMessage } from '../../../../drivers/host/deviceHostProtocol.js';
import { emptyDeviceSimulators, type ConfiguredDevices } from '../../../../drivers/manager/createConfiguredDevices.js';
import { RendererCamera } from '../../../../drivers/manager/rendererCamera.js';
import { FakeClock } from '../../../helpers/fakeClock.js';

const configs: DeviceConfig[] = [
  { id: 'camera-a', kind: 'camera', binding: { transport: 'simulated' }, required: false },
  { id: 'camera-b', kind: 'camera', binding: { transport: 'simulated' }, required: false },
];

function setup(createDevices?: (c: DeviceConfig[]) => Promise<ConfiguredDevices>) {
  const clock = new FakeClock();
  const sent: HostToRuntimeMessage[] = [];
  let onMessage: (raw: unknown) => void = () => {};
  let onDisconnect: () => void = () => {};
  const channel: HostChannel = {
    send: (m) => sent.push(m),
    onMessage: (l) => (onMessage = l),
    onDisconnect: (l) => (onDisconnect = l),
  };
  const exits: number[] = [];
  const logs: string[] = [];
  const devices = configs.map((c) => new RendererCamera(c.id, true));
  const running = runDeviceHost({
    configs,
    channel,
    exit: (code) => exits.push(code),
    log: (_level, message) => logs.push(message),
    timers: { setTimeout: (cb, ms) => clock.setTimeout(cb, ms), clearTimeout: (h) => clock.clearTimeout(h as never) },
    coalesceMs: 20,
    createDevices: createDevices ?? (async () => ({ devices, simulators: emptyDeviceSimulators() })),
  });
  return {
    clock,
    sent,
    exits,
    logs,
    devices,
    running,
    receive: (raw: unknown) => onMessage(raw),
    disconnect: () => onDisconnect(),
  };
}

const states = (m: HostToRuntimeMessage | undefined) => (m?.type === 'statuses' ? m.statuses.map((s) => s.state) : null);

describe('runDeviceHost', () => {
  it('announces ready, sends statuses at start, then coalesces changes', async () => {
    const { sent, clock, running } = setup();
    await running;
    expect(sent[0]).toEqual({ type: 'ready' });
    expect(states(sent[1])).toEqual(['offline', 'offline']);
    expect(sent).toHaveLength(2);
    clock.advance(20);
    expect(sent).toHaveLength(3); // both cameras turned ready: one message
    expect(states(sent[2])).toEqual(['ready', 'ready']);
  });

  it('logs and ignores invalid commands', async () => {
    const { sent, running, receive, logs, exits } = setup();
    await running;
    receive({ type: 'self-destruct' });
    receive('shutdown');
    expect(logs).toContain('invalid message from runtime');
    expect(sent).toHaveLength(2);
    expect(exits).toEqual([]);
  });

  it('reopens every device on reopen-all and says so', async () => {
    const { sent, running, receive, devices } = setup();
    await running;
    const closes = devices.map((d) => vi.spyOn(d, 'close'));
    receive({ type: 'reopen-all' });
    await vi.waitFor(() => expect(sent.at(-1)).toEqual({ type: 'reopened' }));
    expect(closes.every((c) => c.mock.calls.length === 1)).toBe(true);
    expect(states(sent.at(-2))).toEqual(['ready', 'ready']);
  });

  it('closes the devices and exits 0 on shutdown', async () => {
    const { running, receive, devices, exits, sent } = setup();
    await running;
    const closes = devices.map((d) => vi.spyOn(d, 'close'));
    const before = sent.length;
    receive({ type: 'shutdown' });
    await vi.waitFor(() => expect(exits).toEqual([0]));
    expect(closes.every((c) => c.mock.calls.length === 1)).toBe(true);
    expect(sent).toHaveLength(before); // nothing more once stopping
  });

  it('exits 0 when the runtime disconnects, even while devices are still being built', async () => {
    let release: (d: ConfiguredDevices) => void = () => {};
    const { disconnect, exits, running, sent } = setup(() => new Promise((resolve) => (release = resolve)));
    disconnect();
    await vi.waitFor(() => expect(exits).toEqual([0]));
    const late = new RendererCamera('late', true);
    const close = vi.spyOn(late, 'close');
    release({ devices: [late], simulators: emptyDeviceSimulators() });
    await running;
    expect(close).toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('exits anyway when closing the devices hangs', async () => {
    const { running, receive, devices, exits, clock } = setup();
    await running;
    vi.spyOn(devices[0]!, 'close').mockReturnValue(new Promise(() => {}));
    receive({ type: 'shutdown' });
    clock.advance(3_000);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when the devices cannot be built', async () => {
    const { running, exits, logs } = setup(async () => {
      throw new Error('driver bug');
    });
    await running;
    expect(exits).toEqual([1]);
    expect(logs).toContain('building devices failed');
  });

  it('answers every request under its id, including an invalid operation and an unknown device', async () => {
    const { sent, running, receive } = setup();
    receive({ type: 'request', requestId: 'early-1', deviceId: 'camera-a', operation: { op: 'self-test', timeoutMs: 1_000 } });
    await running;
    receive({ type: 'request', requestId: 'bad-1', deviceId: 'camera-a', operation: { op: 'idcard.read', timeoutMs: 'soon' } });
    receive({ type: 'request', requestId: 'who-1', deviceId: 'nobody', operation: { op: 'idcard.read', timeoutMs: 1_000 } });
    await vi.waitFor(() => expect(sent.filter((m) => m.type === 'reply')).toHaveLength(3));
    const replies = Object.fromEntries(sent.flatMap((m) => (m.type === 'reply' ? [[m.requestId, m.reply]] : [])));
    // A request that arrived while the devices were being built is answered once they exist.
    expect(replies['early-1']).toMatchObject({ ok: true, result: { ok: false, details: { kind: 'camera' } } });
    expect(replies['bad-1']).toMatchObject({ ok: false, failure: { reason: 'invalid-operation' } });
    expect(replies['who-1']).toMatchObject({ ok: false, failure: { reason: 'unknown-device', detail: 'nobody' } });
  });
});
