import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/runtime/logger.js';
import {
  RESTART_REQUESTED_EXIT_CODE,
  RUNTIME_SHUTDOWN_TIMEOUT_MS,
  ShutdownSequence,
} from '../../../electron/shell-electron/shutdownSequence.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { FakeApp } from './fakeElectron.js';
import { createFakeRuntime } from './fakeRuntime.js';

function setup(options: { restartViaSupervisor?: boolean; shutdown?: () => Promise<void>; withRuntime?: boolean } = {}) {
  const app = new FakeApp();
  const clock = new FakeClock();
  const fake = createFakeRuntime();
  if (options.shutdown) fake.shutdown.mockImplementation(options.shutdown);
  const sequence = new ShutdownSequence({
    app,
    runtime: () => (options.withRuntime === false ? undefined : fake.runtime),
    clock,
    logger: silentLogger,
    restartViaSupervisor: options.restartViaSupervisor ?? false,
  });
  return { app, clock, fake, sequence };
}

describe('ShutdownSequence', () => {
  it('shuts the runtime down before exiting with the code', async () => {
    let finish!: () => void;
    const { app, fake, sequence } = setup({ shutdown: () => new Promise<void>((resolve) => (finish = resolve)) });
    const done = sequence.exit(3);
    expect(sequence.quitting).toBe(true);
    await Promise.resolve();
    expect(fake.shutdown).toHaveBeenCalledOnce();
    expect(app.exitCodes).toEqual([]);
    finish();
    await done;
    expect(app.exitCodes).toEqual([3]);
  });

  it('is idempotent', async () => {
    const { app, fake, sequence } = setup();
    await Promise.all([sequence.exit(0), sequence.exit(1), sequence.restart()]);
    expect(fake.shutdown).toHaveBeenCalledOnce();
    expect(app.exitCodes).toEqual([0]);
    expect(app.relaunches).toBe(0);
  });

  it('exits anyway when the runtime shutdown hangs', async () => {
    const { app, clock, sequence } = setup({ shutdown: () => new Promise<void>(() => {}) });
    const done = sequence.exit(0);
    await Promise.resolve();
    clock.advance(RUNTIME_SHUTDOWN_TIMEOUT_MS);
    await done;
    expect(app.exitCodes).toEqual([0]);
  });

  it('exits anyway when the runtime shutdown fails', async () => {
    const { app, sequence } = setup({ shutdown: () => Promise.reject(new Error('db busy')) });
    await sequence.exit(0);
    expect(app.exitCodes).toEqual([0]);
  });

  it('exits without a runtime', async () => {
    const { app, sequence } = setup({ withRuntime: false });
    await sequence.exit(1);
    expect(app.exitCodes).toEqual([1]);
  });

  it('restart relaunches, then exits 0', async () => {
    const { app, sequence } = setup();
    await sequence.restart();
    expect(app.calls.filter((c) => c === 'relaunch' || c === 'exit')).toEqual(['relaunch', 'exit']);
    expect(app.exitCodes).toEqual([0]);
  });

  it('under a supervisor, restart is an exit asking for a restart, without relaunch', async () => {
    const { app, sequence } = setup({ restartViaSupervisor: true });
    await sequence.restart();
    expect(app.relaunches).toBe(0);
    expect(app.exitCodes).toEqual([RESTART_REQUESTED_EXIT_CODE]);
    expect(RESTART_REQUESTED_EXIT_CODE).not.toBe(0);
  });

  it('clears its timeout timer after a prompt shutdown', async () => {
    const { clock, sequence } = setup();
    await sequence.exit(0);
    expect(clock.pendingTimers()).toBe(0);
  });
});
