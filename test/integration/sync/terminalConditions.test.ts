import { describe, expect, it, vi } from 'vitest';
import { CLOCK_OFF_NOTICE } from '../../../electron/runtime/sync/clockOffsetWatch.js';
import { PAPER_NEAR_END_NOTICE } from '../../../electron/runtime/devices/deviceEventRecorder.js';
import type { KioskRuntime } from '../../../electron/runtime/kioskRuntime.js';
import { startRuntimeWithPlatform } from '../../helpers/runtimeWithPlatform.js';

const wait = { timeout: 20_000, interval: 100 };
const origin = { transport: 'websocket' as const, peer: 'test' };

/** Staff log in; the maintenance screen's notices, by code, from then on. */
async function asStaff(runtime: KioskRuntime) {
  let id = 0;
  const send = (intent: Record<string, unknown>) => runtime.bridge.handle({ kind: 'intent', id: ++id, intent }, origin);
  await send({ type: 'staff.openLogin' });
  expect(await send({ type: 'staff.submitPin', pin: '135790' })).toMatchObject({ ok: true });
  const noticeCodes = async () => {
    const answer = (await runtime.bridge.handle({ kind: 'query', id: ++id, query: { type: 'snapshot.get' } }, origin)) as { result: { screen: { info: { notices: { code: string }[] } } } };
    return answer.result.screen.info.notices.map((n) => n.code);
  };
  return { send, noticeCodes };
}

/** What a real runtime reports about itself (clock, paper) against a real platform simulator. */
describe('terminal conditions the platform and staff see', () => {
  it('a terminal clock ten minutes fast: still signed in and beating (it signs with the platform time), and staff are told to fix the clock', async () => {
    const { sim, runtime, terminalId } = await startRuntimeWithPlatform({ simulator: { heartbeatIntervalSeconds: 5, now: () => Date.now() - 600_000 } });
    await vi.waitFor(() => expect(sim.records.heartbeats().find((h) => h.terminalId === terminalId)?.count).toBeGreaterThanOrEqual(1), wait);
    const last = () => sim.records.heartbeats().find((h) => h.terminalId === terminalId)?.last as { clockOffsetMs: number | null } | undefined;
    // The first beat measures the offset; the second reports it.
    await vi.waitFor(() => expect(last()?.clockOffsetMs).toBeLessThan(-590_000), wait);
    const staff = await asStaff(runtime);
    await vi.waitFor(async () => expect(await staff.noticeCodes()).toContain(CLOCK_OFF_NOTICE), wait);
  }, 60_000);

  it('paper near its end reaches the platform from the printer, and a new roll clears it and the notice', async () => {
    const { sim, runtime, terminalId } = await startRuntimeWithPlatform({ simulator: { heartbeatIntervalSeconds: 5 } });
    const printerPaper = () => {
      const last = sim.records.heartbeats().find((h) => h.terminalId === terminalId)?.last as { devices: { id: string; paper?: string }[] } | undefined;
      return last?.devices.find((d) => d.id === 'receipt-printer')?.paper;
    };
    await vi.waitFor(() => expect(printerPaper()).toBe('ok'), wait);
    const staff = await asStaff(runtime);
    await staff.send({ type: 'staff.simulateDevice', deviceId: 'receipt-printer', action: { action: 'printer.paper-near-end', on: true } });
    await staff.send({ type: 'staff.testDevice', deviceId: 'receipt-printer' });
    await vi.waitFor(() => expect(printerPaper()).toBe('near-end'), wait);
    expect(await staff.noticeCodes()).toContain(PAPER_NEAR_END_NOTICE);

    await staff.send({ type: 'staff.simulateDevice', deviceId: 'receipt-printer', action: { action: 'printer.paper-end', on: false } });
    await staff.send({ type: 'staff.testDevice', deviceId: 'receipt-printer' });
    await vi.waitFor(() => expect(printerPaper()).toBe('ok'), wait);
    expect(await staff.noticeCodes()).not.toContain(PAPER_NEAR_END_NOTICE);
  }, 60_000);
});
