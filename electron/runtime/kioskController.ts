import { isWithinDailyWindow } from '../../config/dailyWindow.js';
import type { ConfigProblem } from '../../config/configProblem.js';
import type { Language, LocalizedText } from '../../config/localizedText.js';
import type { ServiceKind, TerminalConfig } from '../../config/terminalConfigSchema.js';
import type { Intent } from '../bridge/bridgeContract.js';
import { BridgeRejection } from '../bridge/bridgeErrors.js';
import type { KioskSnapshot, PlatformLink, Screen, ServiceView, SystemNotice } from '../bridge/kioskSnapshot.js';
import type { AuditSink } from './audit/auditSink.js';
import { ChangeSignal } from './changeSignal.js';
import type { Clock, TimerHandle } from './clock.js';
import type { DeviceManager } from './devices/deviceManager.js';
import type { PrintService } from './printing/printService.js';
import { MaintenanceDeviceActions } from './staff/maintenanceDeviceActions.js';
import type { CitizenFlows } from './flows/citizenFlows.js';
import type { CitizenSession } from './session/citizenSession.js';
import type { StaffLogin } from './staff/staffLogin.js';
import { outOfServiceReasons } from './terminal/outOfServiceReasons.js';
import { flowNotInstalledReason, installedFlows } from './terminal/serviceAvailability.js';

/** The config the terminal runs with, and what was wrong with the one it was given. */
export interface ActiveConfig {
  config: TerminalConfig;
  problems: ConfigProblem[];
  sources: string[];
  /** null when no trustworthy PIN hash is known. */
  staffPinHash: string | null;
  /** The valid config differs from the one the terminal last ran with (audited as a change). */
  changedSinceLastRun?: boolean;
}

export interface TerminalStateStore {
  get(): { outOfService: boolean; reason: string | null; changedAt: number | null };
  set(state: { outOfService: boolean; reason: string | null; changedAt: number | null }): void;
}

export interface NoticeSource {
  listOpen(): SystemNotice[];
  /** False when there is no such open notice. */
  acknowledge(id: number): boolean;
}

export interface KioskControllerDeps {
  clock: Clock;
  active: ActiveConfig;
  session: CitizenSession;
  staffLogin: StaffLogin;
  terminalState: TerminalStateStore;
  devices: DeviceManager;
  printing: PrintService;
  audit: AuditSink;
  notices: NoticeSource;
  versions: Record<string, string>;
  dataDir: string;
  /** Asks the renderer to reload itself (staff reset). */
  requestRendererReload: () => void;
  /** The citizen flows, once built (null: no flow can run, e.g. without a platform). */
  flows?: () => CitizenFlows | null;
  /** Service kinds whose flow is installed (default: this build's, see serviceAvailability.ts). */
  installedFlows?: ReadonlySet<ServiceKind>;
  /** The platform link (absent: not configured). Services that need the platform wait for it. */
  platformLink?: () => PlatformLink;
}

const NO_PLATFORM: PlatformLink = { state: 'not-configured', lastHeartbeatAt: null, outbox: { depth: 0, oldestAgeSeconds: null, deadLetters: 0 } };

const PLATFORM_UNAVAILABLE: LocalizedText = {
  'zh-CN': '暂时无法连接政务服务平台，此项业务请稍后再试或到人工窗口办理',
  en: 'The government service platform cannot be reached right now. Please try later or go to a staffed window.',
};

/** The citizen's presentation choices; every session starts from the config's defaults. */
type UiSettings = KioskSnapshot['ui'];

type View =
  | { name: 'attract' }
  | { name: 'menu' }
  | { name: 'service-intro'; serviceId: string }
  | { name: 'staff-pin'; lastResult: 'wrong-pin' | 'locked' | null }
  | { name: 'maintenance' }
  | { name: 'flow'; flowId: string };

/**
 * The terminal's screen state machine and the owner of the snapshot. The renderer only ever
 * sees `snapshot()`; intents arrive through `apply()`, which refuses anything the current
 * state does not allow with a BridgeRejection (never a throw of anything else).
 */
export class KioskController {
  readonly changed = new ChangeSignal();
  private view: View = { name: 'attract' };
  private ui: UiSettings;
  private seq = 0;
  private maintenanceTimer: TimerHandle | null = null;
  private hoursTimer: TimerHandle | null = null;
  private uiResetTimer: TimerHandle | null = null;
  private pinEntryTimer: TimerHandle | null = null;
  private lastWithinHours: boolean;
  private readonly deviceActions: MaintenanceDeviceActions;

  constructor(private readonly deps: KioskControllerDeps) {
    this.deviceActions = new MaintenanceDeviceActions({
      clock: deps.clock,
      devices: deps.devices,
      printing: deps.printing,
      audit: deps.audit,
      changed: this.changed,
      terminalId: () => this.config.terminalId,
    });
    this.ui = this.defaultUi();
    this.lastWithinHours = this.withinOperatingHours();
    deps.session.changed.subscribe(() => this.changed.emit());
    deps.session.onWipe(() => {
      if (this.view.name === 'flow') this.deps.flows?.()?.sessionEnded(this.view.flowId);
      else this.deps.flows?.()?.sessionEnded(null);
      if (this.view.name === 'menu' || this.view.name === 'service-intro' || this.view.name === 'flow') this.view = { name: 'attract' };
      this.ui = this.defaultUi();
    });
    deps.devices.onChange(() => this.changed.emit());
    this.watchOperatingHours();
  }

  private get config(): TerminalConfig {
    return this.deps.active.config;
  }

  /**
   * After a restart: the citizen whose visit was under way is most likely still at the terminal,
   * so their flow comes back on the screen in a new session (its step resumed, a QR code shown
   * again). If nobody is there, the idle countdown ends the session, and with it a flow that has
   * taken no money. Only from the attract screen: staff at work are not interrupted.
   */
  resumeVisit(flowId: string): void {
    if (this.view.name !== 'attract' || this.deps.session.active) return;
    if (!this.deps.flows?.()?.snapshot(flowId)) return;
    this.deps.session.start();
    this.cancelUiReset();
    this.view = { name: 'flow', flowId };
    this.deps.audit.append({ actor: 'system', action: 'flow.visit-resumed', detail: { flowId } });
    this.changed.emit();
  }

  inService(): boolean {
    return this.reasons().length === 0;
  }

  async apply(intent: Intent): Promise<void> {
    const { session } = this.deps;
    switch (intent.type) {
      case 'session.start':
        this.requireView('attract');
        if (!this.inService()) throw new BridgeRejection('not-allowed', 'the terminal is out of service');
        session.start();
        this.cancelUiReset();
        this.view = { name: 'menu' };
        break;
      case 'session.activity':
        // Touches keep a citizen's session, PIN entry and maintenance mode alive alike.
        session.activity();
        if (this.view.name === 'staff-pin') this.armPinEntryTimeout();
        if (this.view.name === 'maintenance') this.armMaintenanceTimeout();
        return; // nothing visible changes
      case 'session.keepAlive':
        session.keepAlive();
        return;
      case 'session.end':
        if (this.view.name === 'staff-pin' || this.view.name === 'maintenance') {
          throw new BridgeRejection('not-allowed', 'staff screens are left with cancel or exit');
        }
        session.end('citizen');
        this.view = { name: 'attract' };
        break;
      case 'ui.setLanguage':
        if (!this.config.languages.available.includes(intent.language)) {
          throw new BridgeRejection('not-allowed', `language ${intent.language} is not offered here`);
        }
        this.ui = { ...this.ui, language: intent.language };
        this.afterUiChange();
        break;
      case 'ui.setLargeText':
        this.ui = { ...this.ui, largeText: intent.enabled };
        this.afterUiChange();
        break;
      case 'ui.setVoice':
        this.ui = { ...this.ui, voice: intent.enabled };
        this.afterUiChange();
        break;
      case 'menu.selectService': {
        this.requireView('menu');
        const service = this.config.services.find((s) => s.id === intent.serviceId && s.enabled);
        if (!service) throw new BridgeRejection('not-allowed', `no service "${intent.serviceId}" on this terminal`);
        session.activity();
        this.view = { name: 'service-intro', serviceId: service.id };
        break;
      }
      case 'nav.back':
        if (this.view.name === 'service-intro') this.view = { name: 'menu' };
        else if (this.view.name === 'staff-pin') this.view = { name: 'attract' };
        else throw new BridgeRejection('not-allowed', `there is no step before ${this.view.name}`);
        session.activity();
        break;
      case 'staff.openLogin':
        if (session.active) throw new BridgeRejection('not-allowed', 'a citizen is being served');
        this.requireView('attract');
        this.view = { name: 'staff-pin', lastResult: null };
        this.armPinEntryTimeout();
        break;
      case 'staff.submitPin':
        await this.submitPin(intent.pin);
        break;
      case 'staff.cancelLogin':
        this.requireView('staff-pin');
        this.leavePinEntry();
        break;
      case 'staff.setOutOfService':
        this.requireMaintenance();
        this.setOutOfService('staff', 'staff');
        break;
      case 'staff.returnToService': {
        this.requireMaintenance();
        const result = this.returnToService('staff');
        if (!result.ok) throw new BridgeRejection('not-allowed', result.message);
        break;
      }
      case 'staff.resetTerminal':
        this.requireMaintenance();
        session.end('staff');
        this.deps.audit.append({ actor: 'staff', action: 'terminal.reset' });
        await this.deps.devices.reopenAll();
        this.deps.requestRendererReload();
        break;
      case 'staff.exit':
        this.requireMaintenance();
        this.leaveMaintenance('staff.exit');
        break;
      case 'staff.testDevice':
        this.requireMaintenance();
        this.deviceActions.selfTest(intent.deviceId);
        break;
      case 'staff.simulateDevice':
        this.requireMaintenance();
        await this.deviceActions.simulate(intent.deviceId, intent.action);
        break;
      case 'staff.reprintJob':
        this.requireMaintenance();
        this.deviceActions.reprint(intent.jobId);
        break;
      case 'staff.discardJob':
        this.requireMaintenance();
        this.deviceActions.discard(intent.jobId);
        break;
      case 'service.start': {
        if (this.view.name !== 'service-intro' || this.view.serviceId !== intent.serviceId) {
          throw new BridgeRejection('not-allowed', 'a service starts from its introduction screen');
        }
        const service = this.serviceViews().find((s) => s.id === intent.serviceId);
        const flows = this.deps.flows?.();
        if (!service?.available || !flows) throw new BridgeRejection('not-allowed', service?.unavailableReason?.en ?? 'this service cannot start here');
        session.activity();
        this.view = { name: 'flow', flowId: flows.start(intent.serviceId) };
        break;
      }
      case 'flow.cancel':
      case 'flow.faceCaptured':
      case 'flow.verifyByStaff':
      case 'flow.staffVerified':
      case 'flow.choose':
      case 'flow.findCase':
      case 'flow.confirmCase':
      case 'flow.partyAbsent':
      case 'flow.signatureCaptured':
      case 'flow.confirmFees':
      case 'flow.chooseDelivery':
      case 'flow.pay':
      case 'flow.cancelPayment':
      case 'flow.rate':
      case 'flow.skipRating': {
        const flows = this.deps.flows?.();
        if (this.view.name !== 'flow' || !flows) throw new BridgeRejection('not-allowed', 'no service is in progress');
        session.activity();
        await flows.apply(this.view.flowId, intent);
        break;
      }
      case 'demo.simulate': {
        const device = this.deps.devices.list().find((d) => d.id === intent.deviceId);
        if (!device?.simulated) throw new BridgeRejection('not-allowed', `${intent.deviceId} is not a simulated device`);
        session.activity();
        const reply = await this.deps.devices.perform(intent.deviceId, { op: 'simulate', action: intent.action });
        if (!reply.ok || !reply.result.ok) throw new BridgeRejection('not-allowed', reply.ok ? (reply.result.ok ? '' : reply.result.message.en) : reply.failure.message.en);
        return; // the device's answer changes the screen, not this intent
      }
      case 'staff.acknowledgeNotice':
        this.requireMaintenance();
        if (!this.deps.notices.acknowledge(intent.id)) throw new BridgeRejection('not-allowed', `notice ${intent.id} is not open`);
        this.deps.audit.append({ actor: 'staff', action: 'notice.acknowledge', detail: { id: intent.id } });
        break;
    }
    if (this.view.name === 'maintenance') this.armMaintenanceTimeout();
    this.changed.emit();
  }

  /** Takes the terminal out of service (staff, or a remote command); audited. */
  setOutOfService(actor: 'staff' | 'remote-admin', reason: string): void {
    if (this.deps.terminalState.get().outOfService) return;
    this.deps.terminalState.set({ outOfService: true, reason, changedAt: this.deps.clock.now() });
    this.deps.audit.append({ actor, action: 'terminal.out-of-service', ...(actor === 'staff' ? {} : { detail: { reason } }) });
    this.changed.emit();
  }

  /** Back in service unless the config forbids it; audited. */
  returnToService(actor: 'staff' | 'remote-admin'): { ok: true } | { ok: false; message: string } {
    const blockers = this.returnToServiceBlockers();
    if (blockers.length > 0) return { ok: false, message: blockers.join('; ') };
    if (!this.deps.terminalState.get().outOfService) return { ok: true };
    this.deps.terminalState.set({ outOfService: false, reason: null, changedAt: this.deps.clock.now() });
    this.deps.audit.append({ actor, action: 'terminal.return-to-service' });
    this.changed.emit();
    return { ok: true };
  }

  /** Why the terminal is out of service now, in the screen language (empty when in service). */
  outOfServiceReasons(): string[] {
    return this.reasons();
  }

  snapshot(): KioskSnapshot {
    const session = this.deps.session.view();
    const reasons = this.reasons();
    return {
      seq: ++this.seq,
      at: this.deps.clock.now(),
      terminal: {
        id: this.config.terminalId,
        hallName: this.config.hall.name,
        helpPhone: this.config.hall.helpPhone,
        inService: reasons.length === 0,
        outOfServiceReasons: reasons,
        languages: this.config.languages.available,
        services: this.serviceViews(),
        simulatedDevices: this.deps.devices.list().filter((d) => d.simulated).map((d) => ({ deviceId: d.id, kind: d.kind })),
      },
      screen: this.screen(reasons.length === 0, session !== null),
      ui: this.ui,
      session,
    };
  }

  dispose(): void {
    if (this.maintenanceTimer) this.deps.clock.clearTimeout(this.maintenanceTimer);
    if (this.hoursTimer) this.deps.clock.clearTimeout(this.hoursTimer);
    this.maintenanceTimer = this.hoursTimer = null;
    this.cancelUiReset();
    if (this.pinEntryTimer) this.deps.clock.clearTimeout(this.pinEntryTimer);
    this.pinEntryTimer = null;
  }

  private screen(inService: boolean, sessionActive: boolean): Screen {
    switch (this.view.name) {
      case 'maintenance':
        return { name: 'maintenance', info: this.maintenanceInfo() };
      case 'staff-pin': {
        const state = this.deps.staffLogin.state();
        return {
          name: 'staff-pin',
          attemptsLeft: state.attemptsLeft,
          lockedUntil: state.lockedUntil,
          lastResult: state.lockedUntil !== null ? 'locked' : this.view.lastResult,
        };
      }
      case 'flow': {
        const flow = this.deps.flows?.()?.snapshot(this.view.flowId);
        if (flow) return { name: 'flow', flow };
        return inService ? { name: 'attract' } : { name: 'out-of-service' };
      }
      case 'menu':
      case 'service-intro':
        // A session that was wiped underneath (idle) falls back to the attract screen.
        if (!sessionActive) return inService ? { name: 'attract' } : { name: 'out-of-service' };
        return this.view.name === 'menu' ? { name: 'menu' } : { name: 'service-intro', serviceId: this.view.serviceId };
      case 'attract':
        return inService ? { name: 'attract' } : { name: 'out-of-service' };
    }
  }

  private async submitPin(pin: string): Promise<void> {
    this.requireView('staff-pin');
    const result = await this.deps.staffLogin.submit(pin);
    if (this.view.name !== 'staff-pin') return; // cancelled while scrypt ran
    this.armPinEntryTimeout();
    switch (result) {
      case 'accepted':
        this.leavePinEntry();
        this.view = { name: 'maintenance' };
        this.deps.audit.append({ actor: 'staff', action: 'maintenance.enter' });
        return;
      case 'wrong-pin':
        this.view = { name: 'staff-pin', lastResult: 'wrong-pin' };
        return;
      case 'locked':
        this.view = { name: 'staff-pin', lastResult: 'locked' };
        this.changed.emit();
        throw new BridgeRejection('locked', 'too many wrong PINs: PIN entry is locked for a while');
      case 'no-pin-configured':
        this.changed.emit();
        throw new BridgeRejection('not-allowed', 'no staff PIN is configured: fix the terminal config file');
    }
  }

  /** A PIN pad left open after the gesture must not wait in front of the next citizen. */
  private armPinEntryTimeout(): void {
    if (this.pinEntryTimer) this.deps.clock.clearTimeout(this.pinEntryTimer);
    this.pinEntryTimer = this.deps.clock.setTimeout(() => {
      this.pinEntryTimer = null;
      if (this.view.name !== 'staff-pin') return;
      this.leavePinEntry();
      this.changed.emit();
    }, this.config.idle.warnAfterSeconds * 1000);
  }

  private leavePinEntry(): void {
    if (this.pinEntryTimer) this.deps.clock.clearTimeout(this.pinEntryTimer);
    this.pinEntryTimer = null;
    this.view = { name: 'attract' };
  }

  /**
   * In a session a UI change counts as activity. Without one (a passer-by switched to
   * English on the attract screen and walked away), the next citizen must not inherit it.
   */
  private afterUiChange(): void {
    if (this.deps.session.active) {
      this.deps.session.activity();
      return;
    }
    this.cancelUiReset();
    this.uiResetTimer = this.deps.clock.setTimeout(() => {
      this.uiResetTimer = null;
      if (this.deps.session.active) return;
      this.ui = this.defaultUi();
      this.changed.emit();
    }, this.config.idle.warnAfterSeconds * 1000);
  }

  private cancelUiReset(): void {
    if (this.uiResetTimer) this.deps.clock.clearTimeout(this.uiResetTimer);
    this.uiResetTimer = null;
  }

  private leaveMaintenance(action: string): void {
    this.view = { name: 'attract' };
    if (this.maintenanceTimer) this.deps.clock.clearTimeout(this.maintenanceTimer);
    this.maintenanceTimer = null;
    this.deps.audit.append({ actor: 'staff', action: 'maintenance.exit', detail: { via: action } });
  }

  /** Maintenance mode must not stay open on an unattended screen. */
  private armMaintenanceTimeout(): void {
    if (this.maintenanceTimer) this.deps.clock.clearTimeout(this.maintenanceTimer);
    this.maintenanceTimer = this.deps.clock.setTimeout(() => {
      if (this.view.name !== 'maintenance') return;
      this.leaveMaintenance('timeout');
      this.changed.emit();
    }, this.config.staff.sessionMinutes * 60_000);
  }

  private watchOperatingHours(): void {
    this.hoursTimer = this.deps.clock.setTimeout(() => {
      const within = this.withinOperatingHours();
      if (within !== this.lastWithinHours) {
        this.lastWithinHours = within;
        this.changed.emit();
      }
      this.watchOperatingHours();
    }, 30_000);
  }

  private withinOperatingHours(): boolean {
    return isWithinDailyWindow(new Date(this.deps.clock.now()), this.config.operatingHours);
  }

  private reasons(): string[] {
    return outOfServiceReasons(
      {
        manualOutOfService: this.deps.terminalState.get().outOfService,
        configProblems: this.deps.active.problems,
        withinOperatingHours: this.withinOperatingHours(),
        operatingHours: this.config.operatingHours,
      },
      this.ui.language,
    );
  }

  private returnToServiceBlockers(): string[] {
    if (this.deps.active.problems.length === 0) return [];
    return [
      this.ui.language === 'zh-CN'
        ? '终端配置文件有误（见“配置问题”）：请修正后重启应用'
        : 'The terminal config file has errors (see Config problems): fix it and restart the app',
    ];
  }

  private platformLink(): PlatformLink {
    return this.deps.platformLink?.() ?? NO_PLATFORM;
  }

  private serviceViews(): ServiceView[] {
    return this.config.services
      .filter((s) => s.enabled)
      .map((s) => {
        // Both services need the platform (eligibility, approval, payment orders, issuing).
        const reason = !(this.deps.installedFlows ?? installedFlows).has(s.kind) ? flowNotInstalledReason : this.platformLink().state !== 'online' ? PLATFORM_UNAVAILABLE : null;
        return {
          id: s.id,
          kind: s.kind,
          title: s.title,
          summary: s.summary,
          documents: s.documents,
          fees: s.fees,
          available: reason === null,
          unavailableReason: reason,
        };
      });
  }

  private maintenanceInfo() {
    return {
      terminalId: this.config.terminalId,
      versions: this.deps.versions,
      configSources: this.deps.active.sources,
      configProblems: this.deps.active.problems,
      devices: this.deps.devices.list(),
      notices: this.deps.notices.listOpen(),
      dataDirectory: this.deps.dataDir,
      manualOutOfService: this.deps.terminalState.get().outOfService,
      returnToServiceBlockers: this.returnToServiceBlockers(),
      printJobs: this.deps.printing.unfinished().flatMap((job) =>
        job.state === 'pending' || job.state === 'failed'
          ? [{ jobId: job.jobId, deviceId: job.deviceId, state: job.state, attempts: job.attempts, failureReason: job.failureReason, printedBeforeFailure: job.printedBeforeFailure, createdAt: job.createdAt }]
          : [],
      ),
      training: this.deviceActions.training(),
      lastDeviceAction: this.deviceActions.lastAction(),
      platform: this.platformLink(),
    };
  }

  private defaultUi(): UiSettings {
    return { language: this.config.languages.default, largeText: this.config.ui.largeTextDefault, voice: this.config.ui.voiceDefault };
  }

  private requireView(name: View['name']): void {
    if (this.view.name !== name) {
      throw new BridgeRejection('not-allowed', `not possible on the ${this.view.name} screen`);
    }
  }

  private requireMaintenance(): void {
    this.requireView('maintenance');
  }
}
