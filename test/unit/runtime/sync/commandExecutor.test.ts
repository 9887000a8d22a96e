import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResultRequest, PlatformCommand } from '../../../../electron/platform/platformApiTypes.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { CommandExecutor, type CommandTarget } from '../../../../electron/runtime/sync/commandExecutor.js';
import { FakeClock } from '../../../helpers/fakeClock.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { openTestStore, tempDir } from '../../store/storeTestKit.js';

/** Records what the kiosk was told to do. */
class TargetFake implements CommandTarget {
  session = false;
  readonly done: string[] = [];
  restartFails = false;
  isSessionActive(): boolean {
    return this.session;
  }
  endSession(): void {
    this.done.push('end-session');
    this.session = false;
  }
  async reset(): Promise<void> {
    this.done.push('reset');
  }
  async restartApp(): Promise<void> {
    if (this.restartFails) throw new Error('no supervisor');
    this.done.push('restart-app');
  }
  async reboot(): Promise<void> {
    throw new Error('no reboot hook configured');
  }
  setOutOfService(reason: string): void {
    this.done.push(`out-of-service: ${reason}`);
  }
  returnToService(): { ok: true } | { ok: false; message: string } {
    return { ok: false, message: 'config has problems' };
  }
  async uploadLogs(): Promise<{ uploadId: string }> {
    this.done.push('upload-logs');
    return { uploadId: 'up-1' };
  }
  async selfTest(): Promise<Array<{ deviceId: string; passed: boolean; faultCode: string | null }>> {
    return [{ deviceId: 'receipt-printer', passed: false, faultCode: 'paper-end' }];
  }
}

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(file = path.join(tempDir(), 'kiosk.db')) {
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 10));
  const store = openTestStore(file, clock);
  stores.push(store);
  const target = new TargetFake();
  const reported: Array<{ commandId: string; body: CommandResultRequest }> = [];
  let platformUp = true;
  const platform = {
    reportCommandResult: async (commandId: string, body: CommandResultRequest) => {
      if (!platformUp) return { kind: 'unavailable' as const, reason: 'network' as const, detail: 'down' };
      reported.push({ commandId, body });
      return { kind: 'ok' as const, status: 200, value: { commandId, recorded: true, duplicate: false, outcome: body.outcome } };
    },
  };
  const audit = new RecordingAudit();
  const executor = new CommandExecutor(store.db, { target, platform, audit, clock, logger: silentLogger });
  return { clock, store, target, reported, executor, audit, setPlatformUp: (up: boolean) => (platformUp = up), file };
}

const command = (commandId: string, kind: PlatformCommand['kind'], extra: Partial<PlatformCommand> = {}): PlatformCommand => ({
  commandId,
  kind,
  force: false,
  issuedAt: '2026-11-23T09:59:00Z',
  expiresAt: null,
  parameters: {},
  ...extra,
});

describe('CommandExecutor', () => {
  it('runs each command once by id, audits it, and reports its result', async () => {
    const { executor, target, reported, audit } = setup();
    await executor.accept([command('c1', 'reset')]);
    await executor.accept([command('c1', 'reset')]); // the next heartbeat repeats it
    expect(target.done).toEqual(['reset']);
    expect(reported.map((r) => [r.commandId, r.body.outcome])).toEqual([['c1', 'succeeded']]);
    expect(audit.actions()).toEqual(['command.received', 'command.run', 'command.finished']);
  });

  it('waits for the citizen to finish, unless forced', async () => {
    const { executor, target } = setup();
    target.session = true;
    await executor.accept([command('c1', 'out-of-service', { parameters: { reason: { 'zh-CN': '维护', en: 'maintenance' } } }), command('c2', 'reset', { force: true })]);
    expect(target.done).toEqual(['reset']);
    expect(executor.state('c1')).toMatchObject({ state: 'waiting' });
    target.session = false;
    await executor.runWaiting();
    expect(target.done).toEqual(['reset', 'out-of-service: maintenance']);
  });

  it('reports refusals, failures and expiry with their reasons', async () => {
    const { executor, reported, clock } = setup();
    await executor.accept([
      command('in', 'in-service'),
      command('boot', 'reboot'),
      command('test', 'device-self-test'),
      command('old', 'reset', { expiresAt: new Date(clock.now() - 1).toISOString() }),
    ]);
    const outcomes = Object.fromEntries(reported.map((r) => [r.commandId, [r.body.outcome, r.body.message]]));
    expect(outcomes).toEqual({
      in: ['rejected', 'config has problems'],
      boot: ['failed', 'no reboot hook configured'],
      test: ['failed', '[{"deviceId":"receipt-printer","passed":false,"faultCode":"paper-end"}]'],
      old: ['expired', 'expired before it could run'],
    });
  });

  it('keeps results until the platform has them', async () => {
    const { executor, reported, setPlatformUp } = setup();
    setPlatformUp(false);
    await executor.accept([command('c1', 'upload-logs')]);
    expect(reported).toEqual([]);
    setPlatformUp(true);
    expect(await executor.reportResults()).toBe(1);
    expect(await executor.reportResults()).toBe(0);
    expect(reported[0]).toMatchObject({ commandId: 'c1', body: { outcome: 'succeeded', message: 'upload up-1' } });
  });

  it('after a crash: a command caught running is failed, never run again; a restart counts as done', async () => {
    const file = path.join(tempDir(), 'kiosk.db');
    const first = setup(file);
    first.store.db.prepare("INSERT INTO platform_commands (command_id, kind, force, parameters, state, received_at, started_at) VALUES ('mid', 'reset', 0, '{}', 'running', 0, 0)").run();
    await first.executor.accept([command('restart', 'restart-app')]);
    expect(first.target.done).toEqual(['restart-app']);
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);

    const second = setup(file);
    second.executor.recover();
    await second.executor.accept([command('restart', 'restart-app'), command('mid', 'reset')]);
    expect(second.target.done).toEqual([]);
    // Each result reaches the platform once, from whichever process was alive to send it.
    const all = [...first.reported, ...second.reported].map((r) => [r.commandId, r.body.outcome]);
    expect(all.sort()).toEqual([
      ['mid', 'failed'],
      ['restart', 'succeeded'],
    ]);
  });

  it('a restart that cannot happen is reported as failed', async () => {
    const { executor, target, reported } = setup();
    target.restartFails = true;
    await executor.accept([command('r', 'restart-app')]);
    await executor.reportResults();
    expect(reported.find((r) => r.commandId === 'r')?.body).toMatchObject({ outcome: 'failed', message: 'no supervisor' });
  });
});
