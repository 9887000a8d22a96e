import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../electron/runtime/clock.js';
import { systemClock } from '../../electron/runtime/clock.js';
import { ENDORSEMENT_FLOW_KIND } from '../../electron/runtime/flows/endorsement/endorsementContext.js';
import { FlowRepository } from '../../electron/runtime/flows/flowRepository.js';
import type { KioskRuntime } from '../../electron/runtime/kioskRuntime.js';
import { silentLogger } from '../../electron/runtime/logger.js';
import { openKioskStore } from '../../electron/runtime/store/openKioskStore.js';
import { startRuntimeWithPlatform } from '../helpers/runtimeWithPlatform.js';

const FLOW_ID = 'flow-interrupted-visit-0001';
const origin = { transport: 'websocket' as const, peer: 'test' };

/** What a crash leaves: an endorsement visit under way, last moved `agoMs` before the restart. */
function visitLeftBy(agoMs: number) {
  return (dataDir: string) => {
    const at = Date.now() - agoMs;
    const clock: Clock = { now: () => at, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
    const store = openKioskStore({ file: join(dataDir, 'kiosk.db'), clock, logger: silentLogger });
    new FlowRepository(store.db, clock).create({ flowId: FLOW_ID, kind: ENDORSEMENT_FLOW_KIND, step: 'start', context: { serviceId: 'hk-macau-endorsement' } });
    store.close();
  };
}

async function snapshot(runtime: KioskRuntime) {
  const answer = (await runtime.bridge.handle({ kind: 'query', id: 1, query: { type: 'snapshot.get' } }, origin)) as {
    result: { session: unknown; screen: { name: string; flow?: { flowId: string; status: string } } };
  };
  return answer.result;
}

/** A restart with a citizen's visit under way: back on the screen if they can still be there, ended if not. */
describe('a visit a crash interrupted', () => {
  it('comes back on the screen in a new session when the restart is quick', async () => {
    const { runtime } = await startRuntimeWithPlatform({ beforeStart: visitLeftBy(5_000) });
    const shown = await snapshot(runtime);
    expect(shown.session).not.toBeNull();
    expect(shown.screen).toMatchObject({ name: 'flow', flow: { flowId: FLOW_ID, status: 'active' } });
  }, 30_000);

  it('is ended, nothing charged, when the terminal was down longer than a citizen waits', async () => {
    const { runtime } = await startRuntimeWithPlatform({ beforeStart: visitLeftBy(3_600_000) });
    const shown = await snapshot(runtime);
    expect(shown.session).toBeNull();
    expect(shown.screen.name).toBe('attract');
    await vi.waitFor(() => {
      const store = openKioskStore({ file: join(runtime.dataDir, 'kiosk.db'), clock: systemClock, logger: silentLogger });
      try {
        expect(new FlowRepository(store.db, systemClock).get(FLOW_ID)).toMatchObject({ status: 'cancelled', context: { cancelReason: 'session-ended' } });
      } finally {
        store.close();
      }
    });
  }, 30_000);
});
