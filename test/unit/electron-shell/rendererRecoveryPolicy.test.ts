import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInDefaults } from '../../../config/builtInDefaults.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { createFileFlagStore } from '../../../electron/shell-electron/fileFlagStore.js';
import {
  applySoftwareRenderingFlag,
  FALLBACK_RECOVERY_SETTINGS,
  GpuRecoveryPolicy,
  RendererRecoveryPolicy,
  type RecoverySettings,
} from '../../../electron/shell-electron/rendererRecoveryPolicy.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { FakeWebContents } from './fakeElectron.js';
import { MemoryFlag } from './memoryFlag.js';

const SETTINGS: RecoverySettings = {
  rendererCrashesAllowed: 3,
  rendererCrashWindowMinutes: 10,
  hangTimeoutSeconds: 10,
  gpuCrashesBeforeSoftwareRendering: 3,
  dailyRestart: true,
};
const MINUTE = 60_000;

function rendererSetup(settings = SETTINGS) {
  const clock = new FakeClock();
  const renderer = new FakeWebContents();
  const exits: number[] = [];
  const policy = new RendererRecoveryPolicy({
    settings: () => settings,
    clock,
    renderer,
    exitApp: (code) => exits.push(code),
    logger: silentLogger,
  });
  return { clock, renderer, exits, policy };
}

describe('FALLBACK_RECOVERY_SETTINGS', () => {
  it('matches the built-in config defaults', () => {
    expect(FALLBACK_RECOVERY_SETTINGS).toEqual(builtInDefaults.recovery);
  });
});

describe('RendererRecoveryPolicy: render-process-gone', () => {
  it('reloads after a crash', () => {
    const { renderer, exits, policy } = rendererSetup();
    policy.renderProcessGone({ reason: 'crashed', exitCode: 139 });
    expect(renderer.reloads).toBe(1);
    expect(exits).toEqual([]);
  });

  it.each(['crashed', 'oom', 'killed', 'abnormal-exit', 'launch-failed', 'memory-eviction'] as const)('counts %s as a crash', (reason) => {
    const { renderer, exits, policy } = rendererSetup({ ...SETTINGS, rendererCrashesAllowed: 1 });
    policy.renderProcessGone({ reason, exitCode: 1 });
    policy.renderProcessGone({ reason, exitCode: 1 });
    expect(renderer.reloads).toBe(1);
    expect(exits).toEqual([1]);
  });

  it('reloads within the budget, then exits non-zero beyond it', () => {
    const { clock, renderer, exits, policy } = rendererSetup();
    for (let i = 0; i < 3; i++) {
      policy.renderProcessGone({ reason: 'crashed', exitCode: 1 });
      clock.advance(MINUTE);
    }
    expect(renderer.reloads).toBe(3);
    expect(exits).toEqual([]);
    policy.renderProcessGone({ reason: 'oom', exitCode: 1 });
    expect(renderer.reloads).toBe(3);
    expect(exits).toHaveLength(1);
    expect(exits[0]).not.toBe(0);
  });

  it('forgets crashes older than the window', () => {
    const { clock, renderer, exits, policy } = rendererSetup();
    for (let i = 0; i < 3; i++) policy.renderProcessGone({ reason: 'crashed', exitCode: 1 });
    clock.advance(10 * MINUTE + 1);
    policy.renderProcessGone({ reason: 'crashed', exitCode: 1 });
    expect(renderer.reloads).toBe(4);
    expect(exits).toEqual([]);
  });

  it('ignores a clean exit: neither reload nor budget', () => {
    const { renderer, exits, policy } = rendererSetup({ ...SETTINGS, rendererCrashesAllowed: 1 });
    for (let i = 0; i < 5; i++) policy.renderProcessGone({ reason: 'clean-exit', exitCode: 0 });
    expect(renderer.reloads).toBe(0);
    expect(exits).toEqual([]);
    policy.renderProcessGone({ reason: 'crashed', exitCode: 1 });
    expect(renderer.reloads).toBe(1);
  });

  it('exits only once even if crashes keep coming', () => {
    const { exits, policy } = rendererSetup({ ...SETTINGS, rendererCrashesAllowed: 1 });
    for (let i = 0; i < 5; i++) policy.renderProcessGone({ reason: 'crashed', exitCode: 1 });
    expect(exits).toHaveLength(1);
  });
});

describe('RendererRecoveryPolicy: hang', () => {
  it('crashes then reloads the renderer after the hang timeout', () => {
    const { clock, renderer, policy } = rendererSetup();
    policy.unresponsive();
    clock.advance(9_999);
    expect(renderer.recoveryCalls).toEqual([]);
    clock.advance(1);
    expect(renderer.recoveryCalls).toEqual(['forcefullyCrashRenderer', 'reload']);
  });

  it('does nothing if responsive comes first', () => {
    const { clock, renderer, policy } = rendererSetup();
    policy.unresponsive();
    clock.advance(5_000);
    policy.responsive();
    clock.advance(60_000);
    expect(renderer.recoveryCalls).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('never plain-reloads a hung renderer', () => {
    const { clock, renderer, policy } = rendererSetup();
    policy.unresponsive();
    clock.advance(10_000);
    expect(renderer.recoveryCalls[0]).toBe('forcefullyCrashRenderer');
  });

  it('clears the hang timer when the renderer is replaced', () => {
    const { clock, renderer, policy } = rendererSetup();
    policy.unresponsive();
    policy.renderProcessGone({ reason: 'crashed', exitCode: 1 });
    clock.advance(60_000);
    expect(renderer.forcedCrashes).toBe(0);
    expect(renderer.reloads).toBe(1);
  });

  it('repeated unresponsive events start one timer only', () => {
    const { clock, renderer, policy } = rendererSetup();
    policy.unresponsive();
    clock.advance(5_000);
    policy.unresponsive();
    clock.advance(5_000);
    expect(renderer.forcedCrashes).toBe(1);
    clock.advance(10_000);
    expect(renderer.forcedCrashes).toBe(1);
  });

  it('does not reload twice for the kill it caused itself', () => {
    const { clock, renderer, policy } = rendererSetup();
    policy.unresponsive();
    clock.advance(10_000);
    policy.renderProcessGone({ reason: 'killed', exitCode: 9 });
    expect(renderer.recoveryCalls).toEqual(['forcefullyCrashRenderer', 'reload']);
    // A later, real kill is a crash again.
    clock.advance(MINUTE);
    policy.renderProcessGone({ reason: 'killed', exitCode: 9 });
    expect(renderer.reloads).toBe(2);
  });

  it('counts hangs against the crash-loop budget', () => {
    const { clock, renderer, exits, policy } = rendererSetup({ ...SETTINGS, rendererCrashesAllowed: 1 });
    policy.unresponsive();
    clock.advance(10_000);
    policy.renderProcessGone({ reason: 'killed', exitCode: 9 });
    policy.unresponsive();
    clock.advance(10_000);
    expect(renderer.forcedCrashes).toBe(1);
    expect(exits).toEqual([1]);
  });

  it('dispose clears a pending hang timer', () => {
    const { clock, renderer, policy } = rendererSetup();
    policy.unresponsive();
    policy.dispose();
    clock.advance(60_000);
    expect(renderer.forcedCrashes).toBe(0);
  });
});


describe('GpuRecoveryPolicy', () => {
  function gpuSetup(flag = new MemoryFlag()) {
    const clock = new FakeClock();
    let relaunches = 0;
    const policy = new GpuRecoveryPolicy({
      settings: () => SETTINGS,
      clock,
      softwareRenderingFlag: flag,
      relaunch: () => relaunches++,
      logger: silentLogger,
    });
    return { clock, flag, policy, relaunches: () => relaunches };
  }
  const gpuCrash = { type: 'GPU', reason: 'crashed', exitCode: 1 } as const;

  it('persists the flag and relaunches after N GPU crashes within a day', () => {
    const { clock, flag, policy, relaunches } = gpuSetup();
    policy.childProcessGone(gpuCrash);
    clock.advance(60 * MINUTE);
    policy.childProcessGone(gpuCrash);
    expect(flag.value).toBe(false);
    expect(relaunches()).toBe(0);
    clock.advance(60 * MINUTE);
    policy.childProcessGone(gpuCrash);
    expect(flag.value).toBe(true);
    expect(relaunches()).toBe(1);
  });

  it('does not count crashes older than a day', () => {
    const { clock, flag, policy } = gpuSetup();
    policy.childProcessGone(gpuCrash);
    policy.childProcessGone(gpuCrash);
    clock.advance(24 * 60 * MINUTE + 1);
    policy.childProcessGone(gpuCrash);
    expect(flag.value).toBe(false);
  });

  it('ignores other process types and clean exits', () => {
    const { flag, policy, relaunches } = gpuSetup();
    for (let i = 0; i < 5; i++) {
      policy.childProcessGone({ type: 'Utility', reason: 'crashed', exitCode: 1 });
      policy.childProcessGone({ type: 'GPU', reason: 'clean-exit', exitCode: 0 });
    }
    expect(flag.value).toBe(false);
    expect(relaunches()).toBe(0);
  });

  it('does not relaunch again once software rendering is on', () => {
    const { policy, relaunches } = gpuSetup(new MemoryFlag(true));
    for (let i = 0; i < 6; i++) policy.childProcessGone(gpuCrash);
    expect(relaunches()).toBe(0);
  });

  it('relaunches only once while the relaunch is under way', () => {
    const { policy, relaunches } = gpuSetup();
    for (let i = 0; i < 6; i++) policy.childProcessGone(gpuCrash);
    expect(relaunches()).toBe(1);
  });
});

describe('applySoftwareRenderingFlag', () => {
  it('disables hardware acceleration when the flag is set, and only then', () => {
    const calls: string[] = [];
    const app = { disableHardwareAcceleration: () => calls.push('disable') };
    expect(applySoftwareRenderingFlag(app, new MemoryFlag(false), silentLogger)).toBe(false);
    expect(calls).toEqual([]);
    expect(applySoftwareRenderingFlag(app, new MemoryFlag(true), silentLogger)).toBe(true);
    expect(calls).toEqual(['disable']);
  });
});

describe('createFileFlagStore', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a file that survives the process, created with its directory', () => {
    dir = mkdtempSync(join(tmpdir(), 'flag-'));
    const file = join(dir, 'nested', 'gpu.flag');
    const store = createFileFlagStore(file, () => new Date('2026-11-23T02:00:00Z'));
    expect(store.isSet()).toBe(false);
    store.set();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('2026-11-23T02:00:00.000Z');
    expect(createFileFlagStore(file).isSet()).toBe(true);
  });
});
