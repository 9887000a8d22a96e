import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateAdminSigningKey, trustedKeyOf, type AdminSigningKey } from '../../../../config/bundles/adminSigningKey.js';
import { localBundleContextFromLayers, type LocalBundleContext } from '../../../../config/bundles/localBundleContext.js';
import { resolveEffectiveConfig } from '../../../../config/resolveEffectiveConfig.js';
import type { TerminalConfig } from '../../../../config/terminalConfigSchema.js';
import type { BundleOutcome } from '../../../../electron/runtime/configBundles/bundleOutcome.js';
import { ConfigBundleApplier, type ConfigChange } from '../../../../electron/runtime/configBundles/configBundleApplier.js';
import type { HealthReport } from '../../../../electron/runtime/configBundles/healthProbe.js';
import { readAppliedRemoteLayer } from '../../../../electron/runtime/configBundles/readAppliedRemoteLayer.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import { openKioskStore, type KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { FakeClock } from '../../../helpers/fakeClock.js';
import { draft, localLayersOf, signedBundle, signedWithoutChecks, terminalFileTrusting } from '../../config/bundles/bundleFixtures.js';

let admin: AdminSigningKey;
let outsider: AdminSigningKey;
beforeAll(() => {
  admin = generateAdminSigningKey('ed25519', 'admin-2026');
  outsider = generateAdminSigningKey('ed25519', 'outsider');
});

const GRACE_SECONDS = 60;
const POLL_MS = 5_000;

/** A terminal: its store, its running config, and an applier wired the way the runtime wires it. */
class TestTerminal {
  readonly changes: ConfigChange[] = [];
  readonly acknowledged: BundleOutcome[] = [];
  health: HealthReport = { healthy: true, problems: [] };
  failAcknowledgements = false;
  refuseConfig: string | null = null;
  running: { config: TerminalConfig; sources: string[] };
  applier: ConfigBundleApplier;
  store: KioskStore;

  constructor(
    readonly file: string,
    readonly clock: FakeClock,
    readonly local: () => LocalBundleContext = () => localBundleContextFromLayers(localLayersOf(terminalFileTrusting([trustedKeyOf(admin)], ['hall-east'], GRACE_SECONDS))),
  ) {
    this.store = openKioskStore({ file, clock, logger: silentLogger });
    this.running = bootConfig(this.store, local());
    this.applier = this.createApplier();
  }

  private createApplier(): ConfigBundleApplier {
    return new ConfigBundleApplier({
      db: this.store.db,
      audit: this.store.audit,
      clock: this.clock,
      lastGoodConfig: this.store.lastGoodConfig,
      localContext: this.local,
      runningConfig: () => this.running,
      onConfigChanged: (change) => {
        this.changes.push(change);
        if (this.refuseConfig && change.cause === 'bundle-applied') throw new Error(this.refuseConfig);
        this.running = { config: change.config, sources: change.sources };
      },
      probeHealth: () => this.health,
      acknowledge: (outcome) => {
        if (this.failAcknowledgements) throw new Error('platform unreachable');
        this.acknowledged.push(outcome);
      },
      logger: silentLogger,
      healthPollMs: POLL_MS,
    });
  }

  /** Runs the clock forward in poll steps until the promise settles. */
  async drive<T>(promise: Promise<T>, maxMs = (GRACE_SECONDS + 10) * 1000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let elapsed = 0; ; elapsed += POLL_MS) {
      await flush();
      if (settled) return promise;
      if (elapsed > maxMs) throw new Error('did not settle');
      this.clock.advance(POLL_MS);
    }
  }

  offer(bundle: unknown): Promise<BundleOutcome> {
    return this.drive(this.applier.offer(bundle));
  }

  auditActions(): string[] {
    return this.store.audit.recent(100).map((e) => e.action).reverse().filter((a) => a.startsWith('config.bundle.'));
  }

  restart(): TestTerminal {
    this.applier.dispose();
    this.store.close();
    return new TestTerminal(this.file, this.clock, this.local);
  }
}

/** What the runtime does at boot once wired: local layers plus the confirmed remote layer. */
function bootConfig(store: KioskStore, local: LocalBundleContext): { config: TerminalConfig; sources: string[] } {
  if (!local.ok) throw new Error('fixture config invalid');
  const applied = readAppliedRemoteLayer(store.db);
  const resolved = resolveEffectiveConfig([...local.layers, ...(applied ? [applied.layer] : [])]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return { config: resolved.config, sources: resolved.sources };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

const terminals: TestTerminal[] = [];
function newTerminal(): TestTerminal {
  const terminal = new TestTerminal(join(mkdtempSync(join(tmpdir(), 'kiosk-bundles-')), 'kiosk.db'), new FakeClock());
  terminals.push(terminal);
  return terminal;
}
afterEach(() => {
  for (const t of terminals.splice(0)) {
    t.applier.dispose();
    if (t.store.db.open) t.store.close();
  }
});

describe('ConfigBundleApplier', () => {
  it('applies a good bundle once the kiosk reports healthy, persists it and acknowledges it', async () => {
    const terminal = newTerminal();
    const before = structuredClone(terminal.running.config);
    const outcome = await terminal.offer(JSON.stringify(signedBundle(admin, { version: 4 })));

    expect(outcome).toMatchObject({ outcome: 'applied', version: 4, keyId: 'admin-2026', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(terminal.acknowledged).toEqual([outcome]);
    expect(terminal.changes).toHaveLength(1);
    expect(terminal.changes[0]).toMatchObject({ cause: 'bundle-applied', remoteVersion: 4 });
    expect(terminal.running.config.idle).toEqual({ warnAfterSeconds: 120, countdownSeconds: 45 });
    expect(terminal.running.config.hall).toEqual(before.hall);
    expect(terminal.running.sources.at(-1)).toBe('remote bundle v4');
    expect(readAppliedRemoteLayer(terminal.store.db)).toEqual({ version: 4, layer: { source: 'remote bundle v4', data: draft().config } });
    expect(terminal.store.lastGoodConfig.load()).toMatchObject({ source: 'bundle:4', json: JSON.stringify(terminal.running.config) });
    expect(terminal.auditActions()).toEqual(['config.bundle.trial-started', 'config.bundle.applied']);
    expect(terminal.store.audit.verify()).toMatchObject({ ok: true });
    expect(await terminal.applier.retryAcknowledgements()).toBe(0);
  });

  describe('rejects, audits and acknowledges, leaving the running config unchanged:', () => {
    const cases: [string, (t: TestTerminal) => Promise<unknown>, string][] = [
      [
        'a tampered bundle',
        async () => {
          const bundle = signedBundle(admin, { version: 2 });
          (bundle['config'] as any).idle.warnAfterSeconds = 5;
          return bundle;
        },
        'bad-signature',
      ],
      ['a bundle signed with a wrong key', async () => ({ ...signedWithoutChecks(outsider, draft({ version: 2 })), keyId: 'admin-2026' }), 'bad-signature'],
      ['a bundle signed with an untrusted key', async () => signedBundle(outsider, { version: 2 }), 'unknown-key'],
      ['an older version', async (t) => (await t.offer(signedBundle(admin, { version: 3 })), signedBundle(admin, { version: 2 })), 'downgrade'],
      ['a replayed version', async (t) => (await t.offer(signedBundle(admin, { version: 2 })), signedBundle(admin, { version: 2 })), 'replay'],
      ['a bundle for another terminal', async () => signedBundle(admin, { version: 2, targets: { terminals: ['GZ-TH-0002'] } }), 'wrong-target'],
      ['schema-invalid content', async () => signedBundle(admin, { version: 2, config: { idle: { countdownSeconds: 0 } } }), 'schema-invalid'],
      ['a forbidden field', async () => signedWithoutChecks(admin, draft({ version: 2, config: { terminalId: 'GZ-TH-0666' } })), 'forbidden-field'],
      ['garbage', async () => '{"format":"kiosk-config-bundle/1","version":', 'malformed'],
    ];

    it.each(cases)('%s', async (_name, makeBundle, code) => {
      const terminal = newTerminal();
      const bundle = await makeBundle(terminal);
      const running = structuredClone(terminal.running);
      const layer = readAppliedRemoteLayer(terminal.store.db);
      const changes = terminal.changes.length;
      const audited = terminal.auditActions().length;

      const outcome = await terminal.offer(bundle);

      expect(outcome).toMatchObject({ outcome: 'rejected', code });
      expect(outcome.outcome === 'rejected' && outcome.message.length).toBeGreaterThan(10);
      expect(terminal.running).toEqual(running);
      expect(terminal.changes).toHaveLength(changes);
      expect(readAppliedRemoteLayer(terminal.store.db)).toEqual(layer);
      expect(terminal.auditActions().slice(audited)).toEqual(['config.bundle.rejected']);
      expect(terminal.store.audit.recent(1)[0]?.detail).toMatchObject({ code, outcomeId: outcome.id });
      expect(terminal.acknowledged.at(-1)).toEqual(outcome);
    });
  });

  it('rolls back a bundle that makes the kiosk unhealthy, restoring the previous bundle exactly', async () => {
    const terminal = newTerminal();
    await terminal.offer(signedBundle(admin, { version: 1 }));
    const good = structuredClone(terminal.running);
    terminal.health = { healthy: false, problems: ['device receipt-printer: fault (paper-out)', 'platform unreachable'] };

    const outcome = await terminal.offer(signedBundle(admin, { version: 2, config: { devices: [] } }));

    expect(outcome).toMatchObject({
      outcome: 'rolled-back',
      version: 2,
      code: 'unhealthy',
      restoredVersion: 1,
      problems: ['device receipt-printer: fault (paper-out)', 'platform unreachable'],
    });
    expect(outcome.outcome === 'rolled-back' && outcome.message).toContain(`within ${GRACE_SECONDS} s`);
    expect(terminal.changes.map((c) => [c.cause, c.remoteVersion])).toEqual([
      ['bundle-applied', 1],
      ['bundle-applied', 2],
      ['bundle-rolled-back', 1],
    ]);
    expect(terminal.running).toEqual(good);
    expect(readAppliedRemoteLayer(terminal.store.db)?.version).toBe(1);
    expect(terminal.store.lastGoodConfig.load()?.source).toBe('bundle:1');
    expect(terminal.auditActions().slice(-2)).toEqual(['config.bundle.trial-started', 'config.bundle.rolled-back']);
    expect(terminal.acknowledged.map((o) => o.outcome)).toEqual(['applied', 'rolled-back']);

    // The bad version is spent; the admins fix it under a new one.
    terminal.health = { healthy: true, problems: [] };
    expect(await terminal.offer(signedBundle(admin, { version: 2 }))).toMatchObject({ outcome: 'rejected', code: 'replay' });
    expect(await terminal.offer(signedBundle(admin, { version: 3 }))).toMatchObject({ outcome: 'applied', version: 3 });
  });

  it('confirms a bundle as soon as the kiosk recovers within the grace time', async () => {
    const terminal = newTerminal();
    terminal.health = { healthy: false, problems: ['renderer loading'] };
    const pending = terminal.applier.offer(signedBundle(admin));
    await flush();
    terminal.clock.advance(POLL_MS * 3);
    await flush();
    terminal.health = { healthy: true, problems: [] };
    expect(await terminal.drive(pending)).toMatchObject({ outcome: 'applied' });
  });

  it('rolls back when the runtime cannot take the config', async () => {
    const terminal = newTerminal();
    const running = structuredClone(terminal.running);
    terminal.refuseConfig = 'device binding /dev/ttyUSB9 cannot be opened';
    const outcome = await terminal.offer(signedBundle(admin));
    expect(outcome).toMatchObject({ outcome: 'rolled-back', code: 'apply-failed', restoredVersion: null });
    expect(terminal.running).toEqual(running);
    expect(readAppliedRemoteLayer(terminal.store.db)).toBeNull();
  });

  it('holds a future bundle and applies it when its time comes', async () => {
    const terminal = newTerminal();
    const activateAt = terminal.clock.now() + 3_600_000;
    const held = await terminal.offer(signedBundle(admin, { version: 6, activateAt: new Date(activateAt).toISOString() }));
    expect(held).toMatchObject({ outcome: 'held', version: 6, activateAt: new Date(activateAt).toISOString() });
    expect(terminal.changes).toHaveLength(0);
    expect(readAppliedRemoteLayer(terminal.store.db)).toBeNull();

    terminal.clock.advance(3_600_000 - 1);
    await flush();
    expect(terminal.changes).toHaveLength(0);
    terminal.clock.advance(1);
    await terminal.drive(new Promise<void>((resolve) => {
      const check = () => (terminal.acknowledged.length === 2 ? resolve() : setImmediate(check));
      check();
    }));
    expect(terminal.acknowledged.map((o) => o.outcome)).toEqual(['held', 'applied']);
    expect(readAppliedRemoteLayer(terminal.store.db)?.version).toBe(6);
    expect(terminal.auditActions()).toEqual(['config.bundle.held', 'config.bundle.trial-started', 'config.bundle.applied']);
  });

  it('drops a held bundle that a newer one overtook, as a downgrade', async () => {
    const terminal = newTerminal();
    const activateAt = new Date(terminal.clock.now() + 60_000).toISOString();
    await terminal.offer(signedBundle(admin, { version: 6, activateAt }));
    await terminal.offer(signedBundle(admin, { version: 7 }));
    terminal.clock.advance(60_000); // the activation timer fires
    // Queued behind the timer's own run, so held bundles are settled by the time it resolves.
    expect(await terminal.drive(terminal.applier.activateDue())).toEqual([]);
    expect(terminal.acknowledged.at(-1)).toMatchObject({ outcome: 'rejected', version: 6, code: 'downgrade' });
    expect(terminal.auditActions().at(-1)).toBe('config.bundle.rejected');
    expect(readAppliedRemoteLayer(terminal.store.db)?.version).toBe(7);
  });

  it('drops a held bundle whose key was withdrawn before it was due, once', async () => {
    let trusted = [trustedKeyOf(admin)];
    const clock = new FakeClock();
    const terminal = new TestTerminal(join(mkdtempSync(join(tmpdir(), 'kiosk-bundles-')), 'kiosk.db'), clock, () =>
      localBundleContextFromLayers(localLayersOf(terminalFileTrusting(trusted))),
    );
    terminals.push(terminal);
    await terminal.offer(signedBundle(admin, { version: 3, activateAt: new Date(clock.now() + 60_000).toISOString() }));
    trusted = [trustedKeyOf(outsider)];
    clock.advance(60_000);
    expect(await terminal.drive(terminal.applier.activateDue())).toEqual([]);
    expect(terminal.acknowledged.at(-1)).toMatchObject({ outcome: 'rejected', version: 3, code: 'unknown-key' });
    expect(clock.pendingTimers()).toBe(0);
    expect(terminal.changes).toHaveLength(0);
  });

  it('keeps the applied layer, the version history and held bundles across a restart', async () => {
    let terminal = newTerminal();
    await terminal.offer(signedBundle(admin, { version: 5, config: { ui: { largeTextDefault: true } } }));
    const activateAt = terminal.clock.now() + 600_000;
    await terminal.offer(signedBundle(admin, { version: 8, activateAt: new Date(activateAt).toISOString(), config: { idle: { warnAfterSeconds: 200, countdownSeconds: 30 } } }));

    terminal = terminal.restart();
    terminals.push(terminal);
    expect(terminal.running.config.ui.largeTextDefault).toBe(true);
    expect(terminal.running.sources.at(-1)).toBe('remote bundle v5');
    expect(await terminal.drive(terminal.applier.start())).toEqual([]);
    expect(await terminal.offer(signedBundle(admin, { version: 5 }))).toMatchObject({ code: 'replay' });
    expect(await terminal.offer(signedBundle(admin, { version: 4 }))).toMatchObject({ code: 'downgrade' });

    terminal.clock.advance(600_000);
    await terminal.drive(new Promise<void>((resolve) => {
      const check = () => (terminal.acknowledged.some((o) => o.outcome === 'applied' && o.version === 8) ? resolve() : setImmediate(check));
      check();
    }));
    // v8's layer replaces v5's: remote layers do not stack.
    expect(terminal.running.config.idle.warnAfterSeconds).toBe(200);
    expect(terminal.running.config.ui.largeTextDefault).toBe(false);
  });

  it('treats a restart during the trial as a failure: boots on the previous layer and reports the rollback', async () => {
    let terminal = newTerminal();
    await terminal.offer(signedBundle(admin, { version: 1 }));
    terminal.health = { healthy: false, problems: ['renderer crashed'] };
    const trial = terminal.applier.offer(signedBundle(admin, { version: 2, config: { ui: { largeTextDefault: true } } }));
    trial.catch(() => undefined);
    await flush();
    expect(terminal.running.config.ui.largeTextDefault).toBe(true);

    terminal = terminal.restart(); // the kiosk went down mid-trial
    terminals.push(terminal);
    await expect(trial).rejects.toThrow(/on trial/);
    expect(terminal.running.config.ui.largeTextDefault).toBe(false);
    expect(terminal.running.sources.at(-1)).toBe('remote bundle v1');

    const [outcome] = await terminal.drive(terminal.applier.start());
    expect(outcome).toMatchObject({ outcome: 'rolled-back', version: 2, code: 'restarted-during-trial', restoredVersion: 1, keyId: 'admin-2026' });
    expect(terminal.acknowledged).toEqual([outcome]);
    expect(readAppliedRemoteLayer(terminal.store.db)?.version).toBe(1);
  });

  it('settles an interrupted trial first when a bundle arrives before start()', async () => {
    let terminal = newTerminal();
    terminal.health = { healthy: false, problems: ['renderer crashed'] };
    terminal.applier.offer(signedBundle(admin, { version: 1 })).catch(() => undefined);
    await flush();
    terminal = terminal.restart();
    terminals.push(terminal);
    terminal.health = { healthy: true, problems: [] };

    expect(await terminal.offer(signedBundle(admin, { version: 2 }))).toMatchObject({ outcome: 'applied', version: 2 });
    expect(terminal.acknowledged.map((o) => [o.outcome, o.version])).toEqual([
      ['rolled-back', 1],
      ['applied', 2],
    ]);
  });

  it('keeps outcomes the platform was not told of and sends them again', async () => {
    const terminal = newTerminal();
    terminal.failAcknowledgements = true;
    const rejected = await terminal.offer(signedBundle(outsider));
    const applied = await terminal.offer(signedBundle(admin));
    expect(applied.outcome).toBe('applied');
    expect(await terminal.applier.retryAcknowledgements()).toBe(2);

    terminal.failAcknowledgements = false;
    expect(await terminal.applier.retryAcknowledgements()).toBe(0);
    expect(terminal.acknowledged).toEqual([rejected, applied]);
    expect(await terminal.applier.retryAcknowledgements()).toBe(0);
    expect(terminal.acknowledged).toHaveLength(2);
  });

  it('refuses every bundle while its own config is broken', async () => {
    const clock = new FakeClock();
    const goodLocal = localBundleContextFromLayers(localLayersOf(terminalFileTrusting([trustedKeyOf(admin)])));
    let broken = false;
    const terminal = new TestTerminal(join(mkdtempSync(join(tmpdir(), 'kiosk-bundles-')), 'kiosk.db'), clock, () =>
      broken ? { ok: false, problems: [{ source: '/etc/kiosk/terminal.json', field: 'hall.helpPhone', problem: 'must be a phone number' }] } : goodLocal,
    );
    terminals.push(terminal);
    broken = true;
    const outcome = await terminal.offer(signedBundle(admin, { version: 9 }));
    expect(outcome).toMatchObject({ outcome: 'rejected', code: 'local-config-invalid', version: 9, digest: null });
    expect(outcome.outcome === 'rejected' && outcome.problems).toEqual(['/etc/kiosk/terminal.json: hall.helpPhone: must be a phone number']);
    // Not authenticated, so v9 is not spent: it applies once the file is fixed.
    broken = false;
    expect(await terminal.offer(signedBundle(admin, { version: 9 }))).toMatchObject({ outcome: 'applied' });
  });

  it('handles bundles one at a time, in the order offered', async () => {
    const terminal = newTerminal();
    const first = terminal.applier.offer(signedBundle(admin, { version: 1 }));
    const second = terminal.applier.offer(signedBundle(admin, { version: 2, config: { ui: { largeTextDefault: true } } }));
    const outcomes = await terminal.drive(Promise.all([first, second]), 200_000);
    expect(outcomes.map((o) => [o.outcome, o.version])).toEqual([
      ['applied', 1],
      ['applied', 2],
    ]);
    expect(terminal.running.config.ui.largeTextDefault).toBe(true);
  });
});
