import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BridgeServer } from './bridge/bridgeServer.js';
import { RejectionAuditThrottle } from './bridge/rejectionAuditThrottle.js';
import { loadActiveConfig } from './activeConfig.js';
import { systemClock, type Clock } from './clock.js';
import { createDriverDeviceManager } from './devices/createDriverDeviceManager.js';
import { resolveDeviceHostEntry } from './devices/deviceHostEntry.js';
import { recordDeviceEvents } from './devices/deviceEventRecorder.js';
import { DeviceHostSupervisor, type ForkDeviceHost } from './devices/deviceHostSupervisor.js';
import type { DeviceManager } from './devices/deviceManager.js';
import { KioskController } from './kioskController.js';
import type { KioskRuntime } from './kioskRuntime.js';
import type { Logger } from './logger.js';
import { ConfigBundleApplier } from './configBundles/configBundleApplier.js';
import { readAppliedRemoteLayer } from './configBundles/readAppliedRemoteLayer.js';
import { requiredDevicesHealth } from './configBundles/requiredDevicesHealth.js';
import { OutboxWriter } from './outbox/outboxWriter.js';
import { PrinterPaperLevels } from './devices/printerPaperLevels.js';
import { reportDeviceFaults } from './sync/deviceFaultReporter.js';
import { startEmbeddedPlatform } from './sync/embeddedPlatform.js';
import { startPlatformSync, type PlatformSync } from './sync/platformSync.js';
import { createCitizenFlows, type CitizenFlowsRuntime } from './flows/createCitizenFlows.js';
import type { PaymentPolicy } from './payments/paymentService.js';
import { DailyReconciliation } from './payments/dailyReconciliation.js';
import { PaymentLedger } from './payments/paymentLedger.js';
import { ReconciliationJournal } from './payments/reconciliationJournal.js';
import { runtimeCommandTarget } from './sync/runtimeCommandTarget.js';
import { PrintService } from './printing/printService.js';
import { resolveConfigFile } from './resolveConfigFile.js';
import { CitizenSession } from './session/citizenSession.js';
import { StaffLogin } from './staff/staffLogin.js';
import { openKioskStore } from './store/openKioskStore.js';
import { readLocalBundleContext } from '../../config/bundles/localBundleContext.js';
import { formatConfigProblem } from '../../config/configProblem.js';
import type { ServiceKind, TerminalConfig } from '../../config/terminalConfigSchema.js';

export interface KioskRuntimeOptions {
  /** Where the database, flags and logs live (see resolveDataDir). */
  dataDir: string;
  /** The sample terminal config shipped with the app, used when nothing else is configured. */
  sampleConfigFile: string;
  /** Terminal config file; when absent, KIOSK_CONFIG, then <dataDir>/terminal.json, then the sample. */
  configFile?: string;
  logger: Logger;
  clock?: Clock;
  appVersion: string;
  shell: 'electron' | 'browser';
  /** Extra version lines for the maintenance screen, e.g. { electron: '41.10.0' }. */
  versions?: Record<string, string>;
  /**
   * Where the drivers run. 'process' (the default): a supervised device host process, so a
   * native driver crash cannot take down the screen — a child_process in the browser shell,
   * an Electron utility process in the Electron shell (see forkDeviceHost). 'in-process': in
   * the runtime itself, for an Electron shell given no utility-process forker.
   */
  deviceHost?: 'process' | 'in-process';
  /** Starts the device host process; child_process.fork by default (the Electron shell passes utilityProcess). */
  forkDeviceHost?: ForkDeviceHost;
  /** Payment polling and retry timings (scenario runs shorten them; default: the providers' rules). */
  paymentPolicy?: Partial<PaymentPolicy>;
  /** How the shell restarts the app for the remote "restart-app" command (absent: refused). */
  restartApp?: () => Promise<void>;
  /** Replaces the driver layer (tests); by default every configured device gets its driver. */
  createDeviceManager?: (config: TerminalConfig, clock: Clock) => DeviceManager | Promise<DeviceManager>;
}

const PRINT_JOURNAL_RETENTION_MS = 30 * 24 * 60 * 60_000;

/**
 * The composition root: builds every service with its dependencies injected, in dependency
 * order, and tears them down in reverse on shutdown. Both shells call this; nothing here
 * imports Electron.
 */
export async function createKioskRuntime(options: KioskRuntimeOptions): Promise<KioskRuntime> {
  const { dataDir, logger } = options;
  const clock = options.clock ?? systemClock;
  mkdirSync(dataDir, { recursive: true });

  const store = openKioskStore({ file: join(dataDir, 'kiosk.db'), clock, logger });
  if (store.recovery) {
    logger.error('database was unusable and has been moved aside', {
      reason: store.recovery.reason,
      movedTo: store.recovery.movedTo,
    });
    store.audit.append({ actor: 'system', action: 'store.recovered', detail: { ...store.recovery } });
  }

  const configFile = resolveConfigFile(dataDir, options.sampleConfigFile, options.configFile);
  const appliedBundle = readAppliedRemoteLayer(store.db);
  const active = loadActiveConfig(configFile, store.lastGoodConfig, appliedBundle?.layer);
  if (active.remoteLayerDropped) {
    logger.warn('remote config layer left out', { reason: active.remoteLayerDropped });
    store.notices.record('config.remote-layer-dropped', active.remoteLayerDropped);
  }
  if (active.problems.length > 0) {
    logger.error('terminal config has problems; starting out of service', {
      problems: active.problems.map(formatConfigProblem),
    });
    store.audit.append({
      actor: 'system',
      action: 'config.invalid',
      detail: { file: configFile, problems: active.problems.slice(0, 20) },
    });
  } else {
    store.audit.append({
      actor: 'system',
      action: active.changedSinceLastRun ? 'config.changed' : 'config.loaded',
      detail: { sources: active.sources },
    });
  }

  const session = new CitizenSession(clock, () => active.config.idle);
  const staffLogin = new StaffLogin(clock, store.staffLockout, store.audit, () => ({
    pinHash: active.staffPinHash,
    maxPinAttempts: active.config.staff.maxPinAttempts,
    lockoutMinutes: active.config.staff.lockoutMinutes,
  }));
  const devices = options.createDeviceManager
    ? await options.createDeviceManager(active.config, clock)
    : await createDefaultDeviceManager(options.deviceHost ?? (options.shell === 'browser' || options.forkDeviceHost ? 'process' : 'in-process'));

  async function createDefaultDeviceManager(where: 'process' | 'in-process'): Promise<DeviceManager> {
    if (where === 'in-process') return (await createDriverDeviceManager(active.config.devices, clock, logger)).manager;
    const supervisor = new DeviceHostSupervisor({
      configs: active.config.devices,
      clock,
      logger,
      ...resolveDeviceHostEntry(),
      ...(options.forkDeviceHost ? { fork: options.forkDeviceHost } : {}),
    });
    supervisor.start();
    return supervisor;
  }

  const paperLevels = new PrinterPaperLevels();
  const stopRecordingDeviceEvents = recordDeviceEvents(devices, { notices: store.notices, paperLevels, audit: store.audit, logger });
  const printing = new PrintService({ journal: store.printJournal, devices, audit: store.audit });
  // Printed and discarded receipts are kept for a month for questions at the counter, then pruned.
  store.printJournal.pruneFinished(clock.now() - PRINT_JOURNAL_RETENTION_MS);

  const installedFlows = new Set<ServiceKind>();
  let citizenFlows: CitizenFlowsRuntime | null = null;
  let bridge: BridgeServer | null = null;
  const controller = new KioskController({
    clock,
    active,
    session,
    staffLogin,
    terminalState: store.terminalState,
    devices,
    printing,
    audit: store.audit,
    notices: store.notices,
    versions: {
      app: options.appVersion,
      node: process.versions.node,
      shell: options.shell,
      schema: String(store.schemaVersion),
      ...options.versions,
    },
    dataDir,
    requestRendererReload: () => bridge?.publish({ type: 'reload' }),
    installedFlows,
    flows: () => citizenFlows?.flows ?? null,
    platformLink: () =>
      sync
        ? { ...sync.heartbeat.link(), outbox: sync.outbox.health() }
        : { state: 'not-configured', lastHeartbeatAt: null, outbox: { depth: 0, oldestAgeSeconds: null, deadLetters: 0 } },
  });

  // Signed config bundles from remote admins: applied in place, kept only if the kiosk stays healthy.
  const outbox = new OutboxWriter(store.db, clock);
  let sync: PlatformSync | null = null;
  const configBundles = new ConfigBundleApplier({
    db: store.db,
    audit: store.audit,
    clock,
    logger,
    lastGoodConfig: store.lastGoodConfig,
    localContext: () => readLocalBundleContext(configFile),
    runningConfig: () => active,
    onConfigChanged: ({ config, sources }) => {
      Object.assign(active, { config, sources, problems: [], staffPinHash: config.staff.pinHash });
      controller.changed.emit();
    },
    probeHealth: () => requiredDevicesHealth(active.config, devices),
    acknowledge: (outcome) => {
      outbox.append('config-outcome', { ...outcome }, `config-outcome-${outcome.id}`);
      sync?.wake();
    },
  });
  void configBundles.start().catch((error: unknown) => logger.error('config bundle start-up failed', { error: error instanceof Error ? error.message : String(error) }));

  const rejections = new RejectionAuditThrottle(store.audit, clock);
  bridge = new BridgeServer(
    {
      intent: (intent) => controller.apply(intent),
      query: (query) => {
        switch (query.type) {
          case 'snapshot.get':
            return controller.snapshot();
        }
      },
    },
    rejections,
    logger,
  );

  // Coalesce bursts of changes into one snapshot per tick.
  let publishQueued = false;
  controller.changed.subscribe(() => {
    if (publishQueued) return;
    publishQueued = true;
    queueMicrotask(() => {
      publishQueued = false;
      try {
        bridge?.publish({ type: 'snapshot', snapshot: controller.snapshot() });
      } catch (error) {
        // The renderer keeps the last snapshot it has and asks again on its next request.
        logger.error('could not build a snapshot', { error: error instanceof Error ? error.message : String(error) });
      }
    });
  });

  // The platform: registration, outbox, heartbeats, remote commands, config bundles.
  const embedded = active.config.platform.embeddedSimulator ? await startEmbeddedPlatform(active.config.platform.baseUrl, dataDir, logger) : null;
  const startedAt = clock.now();
  let reconciliation: DailyReconciliation | null = null;
  sync = startPlatformSync({
    config: active.config,
    db: store.db,
    clock,
    logger,
    audit: store.audit,
    notices: store.notices,
    dataDir,
    ...(embedded ? { credentialOverride: embedded.credential(active.config.terminalId) } : {}),
    sources: {
      versions: { app: options.appVersion, node: process.versions.node, schema: String(store.schemaVersion), shell: options.shell, ...options.versions },
      configVersion: () => readAppliedRemoteLayer(store.db)?.version ?? null,
      inService: () => controller.inService(),
      outOfServiceReasons: () => controller.outOfServiceReasons(),
      sessionActive: () => session.active,
      devices: () => devices.list(),
      printersNearPaperEnd: () => paperLevels.printersNearEnd(),
      startedAt,
    },
    target: runtimeCommandTarget({
      session,
      controller,
      devices,
      reload: () => bridge?.publish({ type: 'reload' }),
      ...(options.restartApp ? { restartApp: options.restartApp } : {}),
      ...(active.config.recovery.rebootCommand ? { rebootCommand: active.config.recovery.rebootCommand } : {}),
      auditSince: (since) => store.audit.recent(5_000).filter((e) => e.at >= since).reverse().map((e) => JSON.stringify({ at: e.at, actor: e.actor, action: e.action, detail: e.detail })),
      uploadLogs: (body) => sync!.client.uploadLogs(body),
      now: () => clock.now(),
    }),
    offerBundle: (bundle) => configBundles.offer(bundle),
    onLinkChange: () => {
      controller.changed.emit();
      // A heartbeat answered: a good moment to see whether yesterday's reconciliation is due.
      void reconciliation?.check();
    },
  });
  // The citizen flows need the platform; they start only after unfinished money is settled.
  if (sync) {
    citizenFlows = await createCitizenFlows({
      config: active.config,
      store,
      devices,
      platform: sync.client,
      staffLogin,
      audit: store.audit,
      clock,
      logger,
      dataDir,
      ...(options.paymentPolicy ? { paymentPolicy: options.paymentPolicy } : {}),
      onChange: () => {
        controller.changed.emit();
        sync?.wake();
      },
    });
    for (const kind of citizenFlows?.installed ?? []) installedFlows.add(kind);
    const visit = citizenFlows?.interruptedVisit;
    if (visit) {
      // A citizen waits about as long as the idle countdown lets a session sit; after longer (a power cut), nobody is there.
      const { warnAfterSeconds, countdownSeconds } = active.config.idle;
      if (clock.now() - visit.lastMovedAt <= (warnAfterSeconds + countdownSeconds) * 1_000) controller.resumeVisit(visit.flowId);
      else citizenFlows?.flows.sessionEnded(visit.flowId);
    }
    // Once a day after the quiet window starts: the ledger against the platform's orders.
    reconciliation = new DailyReconciliation({
      ledger: new PaymentLedger(store.db, clock),
      journal: new ReconciliationJournal(store.db, clock),
      platform: sync.client,
      notices: store.notices,
      outbox,
      clock,
      logger,
      audit: store.audit,
      settings: () => ({ quietWindow: active.config.quietWindow }),
      isSessionActive: () => session.active,
      onReported: () => {
        controller.changed.emit();
        sync?.wake();
      },
    });
    reconciliation.start();
  }

  // Facts for the platform: device faults as they come and go; commands that waited for a citizen.
  const stopReportingFaults = reportDeviceFaults(devices, outbox, () => sync?.wake());
  session.changed.subscribe(() => {
    if (!session.active) void sync?.commands.runWaiting();
  });

  logger.info('kiosk runtime ready', {
    terminalId: active.config.terminalId,
    inService: controller.inService(),
    configFile,
    dataDir,
  });

  let shutdown: Promise<void> | null = null;
  return {
    bridge,
    get config() {
      return active.config;
    },
    dataDir,
    isSessionActive: () => session.active,
    isInService: () => controller.inService(),
    shutdown: () =>
      (shutdown ??= (async () => {
        session.end('shutdown');
        session.dispose();
        controller.dispose();
        configBundles.dispose();
        rejections.flush();
        stopRecordingDeviceEvents();
        stopReportingFaults();
        citizenFlows?.dispose();
        reconciliation?.stop();
        await sync?.stop();
        await embedded?.close();
        await devices.close();
        store.audit.append({ actor: 'system', action: 'runtime.shutdown' });
        store.close();
        logger.info('kiosk runtime stopped');
      })()),
  };
}
