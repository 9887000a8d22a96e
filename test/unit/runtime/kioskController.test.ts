import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import { BridgeRejection } from '../../../electron/bridge/bridgeErrors.js';
import { kioskSnapshotSchema } from '../../../electron/bridge/kioskSnapshot.js';
import { ConfiguredDevicesFake } from '../../helpers/configuredDevicesFake.js';
import { KioskController, type ActiveConfig } from '../../../electron/runtime/kioskController.js';
import { CitizenSession } from '../../../electron/runtime/session/citizenSession.js';
import { hashPin } from '../../../electron/runtime/staff/pinHash.js';
import { StaffLogin } from '../../../electron/runtime/staff/staffLogin.js';
import type { ServiceKind, TerminalConfig } from '../../../config/terminalConfigSchema.js';
import type { PlatformLink } from '../../../electron/bridge/kioskSnapshot.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { MemoryLockout, MemoryNotices, MemoryPrintJournal, MemoryTerminalState, RecordingAudit, sampleConfig } from '../../helpers/runtimeFakes.js';
import { PrintService } from '../../../electron/runtime/printing/printService.js';

const PIN = '135790';
const pinHash = await hashPin(PIN);

function setup(options: { config?: TerminalConfig; problems?: ActiveConfig['problems']; start?: number; installedFlows?: ReadonlySet<ServiceKind>; platformLink?: () => PlatformLink } = {}) {
  const clock = new FakeClock(options.start);
  const config = options.config ?? sampleConfig();
  const active: ActiveConfig = { config, problems: options.problems ?? [], sources: ['test'], staffPinHash: pinHash };
  const audit = new RecordingAudit();
  const session = new CitizenSession(clock, () => config.idle);
  const staffLogin = new StaffLogin(clock, new MemoryLockout(), audit, () => ({
    pinHash,
    maxPinAttempts: config.staff.maxPinAttempts,
    lockoutMinutes: config.staff.lockoutMinutes,
  }));
  const devices = new ConfiguredDevicesFake(config.devices, clock);
  const printJournal = new MemoryPrintJournal(() => clock.now());
  const printing = new PrintService({ journal: printJournal, devices, audit });
  const notices = new MemoryNotices();
  const terminalState = new MemoryTerminalState();
  let reloads = 0;
  const controller = new KioskController({
    clock,
    active,
    session,
    staffLogin,
    terminalState,
    devices,
    printing,
    audit,
    notices,
    versions: { app: '0.0.0-test' },
    dataDir: '/tmp/kiosk-test',
    requestRendererReload: () => reloads++,
    ...(options.installedFlows ? { installedFlows: options.installedFlows } : {}),
    ...(options.platformLink ? { platformLink: options.platformLink } : {}),
  });
  const send = (intent: Intent) => controller.apply(intent);
  const screen = () => controller.snapshot().screen;
  return { clock, controller, session, audit, terminalState, send, screen, reloads: () => reloads, devices, printing, printJournal, notices };
}

async function expectRejected(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BridgeRejection);
  expect((error as BridgeRejection).code).toBe(code);
}

describe('KioskController: citizen screens', () => {
  it('walks attract → menu → service intro → back → menu → exit, and every snapshot matches the contract', async () => {
    const { send, screen, controller } = setup();
    expect(screen()).toEqual({ name: 'attract' });
    await send({ type: 'session.start' });
    expect(screen()).toEqual({ name: 'menu' });
    await send({ type: 'menu.selectService', serviceId: 'property-transfer' });
    expect(screen()).toEqual({ name: 'service-intro', serviceId: 'property-transfer' });
    expect(kioskSnapshotSchema.safeParse(controller.snapshot()).success).toBe(true);
    await send({ type: 'nav.back' });
    expect(screen()).toEqual({ name: 'menu' });
    await send({ type: 'session.end' });
    expect(screen()).toEqual({ name: 'attract' });
    expect(controller.snapshot().session).toBeNull();
  });

  it('lists the catalogue from config, honestly unavailable until the flows are installed', () => {
    const { controller } = setup({ config: sampleConfig((c) => (c.services[1]!.enabled = false)) });
    const services = controller.snapshot().terminal.services;
    expect(services.map((s) => s.id)).toEqual(['hk-macau-endorsement']);
    expect(services[0]!.fees.map((f) => f.amountFen)).toEqual([1500, 3000, 8000]);
    expect(services[0]!.available).toBe(false);
    expect(services[0]!.unavailableReason?.en).toContain('staffed window');
  });

  it('refuses intents the current screen does not allow, without changing state', async () => {
    const { send, screen } = setup();
    await expectRejected(send({ type: 'menu.selectService', serviceId: 'property-transfer' }), 'not-allowed');
    await expectRejected(send({ type: 'nav.back' }), 'not-allowed');
    await expectRejected(send({ type: 'staff.setOutOfService' }), 'not-allowed');
    await send({ type: 'session.start' });
    await expectRejected(send({ type: 'menu.selectService', serviceId: 'no-such-service' }), 'not-allowed');
    await expectRejected(send({ type: 'staff.openLogin' }), 'not-allowed');
    await expectRejected(send({ type: 'ui.setLanguage', language: 'en' }).then(() => send({ type: 'session.start' })), 'not-allowed');
    expect(screen()).toEqual({ name: 'menu' });
  });

  it('returns to attract with default language and text size when the idle countdown runs out', async () => {
    const { send, clock, controller } = setup();
    await send({ type: 'ui.setLanguage', language: 'en' });
    await send({ type: 'ui.setLargeText', enabled: true });
    await send({ type: 'session.start' });
    await send({ type: 'ui.setVoice', enabled: false });
    await send({ type: 'menu.selectService', serviceId: 'hk-macau-endorsement' });
    expect(controller.snapshot().ui).toEqual({ language: 'en', largeText: true, voice: false });
    clock.advance(90_000);
    expect(controller.snapshot().session?.idleWarning?.seconds).toBe(30);
    clock.advance(30_000);
    const snapshot = controller.snapshot();
    expect(snapshot.screen).toEqual({ name: 'attract' });
    expect(snapshot.session).toBeNull();
    expect(snapshot.ui).toEqual({ language: 'zh-CN', largeText: false, voice: true });
  });

  it('snapshots carry increasing sequence numbers', () => {
    const { controller } = setup();
    const a = controller.snapshot().seq;
    expect(controller.snapshot().seq).toBeGreaterThan(a);
  });
});

describe('KioskController: services and the platform link', () => {
  it('offers an installed service only while the platform is online, and says why not otherwise', () => {
    let state: PlatformLink['state'] = 'offline';
    const ctx = setup({
      installedFlows: new Set<ServiceKind>(['exit-entry-endorsement']),
      platformLink: () => ({ state, lastHeartbeatAt: null, outbox: { depth: 3, oldestAgeSeconds: 40, deadLetters: 0 } }),
    });
    const services = () => Object.fromEntries(ctx.controller.snapshot().terminal.services.map((s) => [s.kind, [s.available, s.unavailableReason?.en ?? null]]));
    expect(services()).toEqual({
      'exit-entry-endorsement': [false, expect.stringContaining('platform cannot be reached')],
      'property-transfer': [false, expect.stringContaining('cannot complete this service yet')],
    });
    state = 'online';
    expect(services()['exit-entry-endorsement']).toEqual([true, null]);
  });
});

describe('KioskController: out of service', () => {
  it('shows the out-of-service screen and refuses sessions while the config file is broken', async () => {
    const problems = [{ source: '/etc/kiosk/terminal.json', field: 'hall.helpPhone', problem: 'must be a phone number' }];
    const { send, controller } = setup({ problems });
    const snapshot = controller.snapshot();
    expect(snapshot.screen).toEqual({ name: 'out-of-service' });
    expect(snapshot.terminal.outOfServiceReasons.join('\n')).toContain('/etc/kiosk/terminal.json: hall.helpPhone: must be a phone number');
    await expectRejected(send({ type: 'session.start' }), 'not-allowed');
  });

  it('is out of service outside the operating hours', () => {
    const config = sampleConfig((c) => (c.operatingHours = { start: '08:00', end: '18:00' }));
    const night = new Date(2026, 10, 23, 22, 0).getTime();
    const { controller } = setup({ config, start: night });
    expect(controller.snapshot().screen).toEqual({ name: 'out-of-service' });
    expect(controller.snapshot().terminal.outOfServiceReasons).toEqual(['本机服务时间 08:00–18:00']);
  });
});

describe('KioskController: hall staff', () => {
  async function enterMaintenance(ctx: ReturnType<typeof setup>) {
    await ctx.send({ type: 'staff.openLogin' });
    await ctx.send({ type: 'staff.submitPin', pin: PIN });
    expect(ctx.screen().name).toBe('maintenance');
  }

  it('locks PIN entry after five wrong PINs', async () => {
    const ctx = setup();
    await ctx.send({ type: 'staff.openLogin' });
    for (let i = 0; i < 4; i++) await ctx.send({ type: 'staff.submitPin', pin: '000000' });
    expect(ctx.screen()).toMatchObject({ name: 'staff-pin', attemptsLeft: 1, lastResult: 'wrong-pin' });
    await expectRejected(ctx.send({ type: 'staff.submitPin', pin: '000000' }), 'locked');
    expect(ctx.screen()).toMatchObject({ name: 'staff-pin', attemptsLeft: 0, lastResult: 'locked', lockedUntil: ctx.clock.now() + 300_000 });
    await expectRejected(ctx.send({ type: 'staff.submitPin', pin: PIN }), 'locked');
  });

  it('takes the terminal out of service and back, auditing both', async () => {
    const ctx = setup();
    await enterMaintenance(ctx);
    await ctx.send({ type: 'staff.setOutOfService' });
    expect(ctx.terminalState.state.outOfService).toBe(true);
    await ctx.send({ type: 'staff.exit' });
    expect(ctx.screen()).toEqual({ name: 'out-of-service' });
    await enterMaintenance(ctx);
    await ctx.send({ type: 'staff.returnToService' });
    await ctx.send({ type: 'staff.exit' });
    expect(ctx.screen()).toEqual({ name: 'attract' });
    expect(ctx.audit.actions()).toEqual(
      expect.arrayContaining(['maintenance.enter', 'terminal.out-of-service', 'maintenance.exit', 'terminal.return-to-service']),
    );
  });

  it('will not return to service while the config file is broken, and says why', async () => {
    const ctx = setup({ problems: [{ source: 'f.json', field: 'x', problem: 'bad' }] });
    await enterMaintenance(ctx);
    const screen = ctx.screen();
    expect(screen.name === 'maintenance' && screen.info.returnToServiceBlockers.length).toBe(1);
    await expectRejected(ctx.send({ type: 'staff.returnToService' }), 'not-allowed');
  });

  it('reset re-opens devices and asks the renderer to reload', async () => {
    const ctx = setup();
    await enterMaintenance(ctx);
    await ctx.send({ type: 'staff.resetTerminal' });
    expect(ctx.reloads()).toBe(1);
    const screen = ctx.screen();
    expect(screen.name === 'maintenance' && screen.info.devices[0]!.statistics.reconnects).toBe(1);
    expect(ctx.audit.actions()).toContain('terminal.reset');
  });

  it('lists the configured devices in maintenance, simulated ones ready', async () => {
    const ctx = setup();
    await enterMaintenance(ctx);
    const screen = ctx.screen();
    if (screen.name !== 'maintenance') throw new Error('not in maintenance');
    expect(screen.info.devices.map((d) => [d.id, d.state])).toEqual([
      ['id-reader', 'ready'],
      ['permit-reader', 'ready'],
      ['receipt-printer', 'ready'],
      ['code-scanner', 'ready'],
      ['card-terminal', 'ready'],
      ['camera', 'ready'],
    ]);
  });

  const maintenanceInfo = (ctx: ReturnType<typeof setup>) => {
    const screen = ctx.screen();
    if (screen.name !== 'maintenance') throw new Error(`not in maintenance but ${screen.name}`);
    return screen.info;
  };

  it('offers training actions for simulated devices only and plays them on the device, audited', async () => {
    const ctx = setup();
    await expectRejected(ctx.send({ type: 'staff.simulateDevice', deviceId: 'id-reader', action: { action: 'idcard.place-card' } }), 'not-allowed');
    await enterMaintenance(ctx);
    const training = maintenanceInfo(ctx).training;
    expect(training.map((t) => t.deviceId)).toEqual(['id-reader', 'permit-reader', 'receipt-printer', 'code-scanner', 'card-terminal']);
    ctx.devices.performHandler = () => ({ ok: true, result: { ok: true } });
    const placeCard = training[0]!.actions[0]!.action;
    await ctx.send({ type: 'staff.simulateDevice', deviceId: 'id-reader', action: placeCard });
    expect(ctx.devices.performed.at(-1)).toEqual({ deviceId: 'id-reader', operation: { op: 'simulate', action: placeCard } });
    expect(maintenanceInfo(ctx).lastDeviceAction).toMatchObject({ what: 'simulate idcard.place-card', state: 'succeeded' });
    expect(ctx.audit.entries.at(-1)).toMatchObject({ action: 'device.simulate', detail: { deviceId: 'id-reader', simulated: 'idcard.place-card' } });
  });

  it('refuses to simulate faults on a real device', async () => {
    const ctx = setup({ config: sampleConfig((c) => (c.devices[0]!.binding = { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 })) });
    await enterMaintenance(ctx);
    expect(maintenanceInfo(ctx).training.map((t) => t.deviceId)).not.toContain('id-reader');
    await expectRejected(ctx.send({ type: 'staff.simulateDevice', deviceId: 'id-reader', action: { action: 'unplug' } }), 'not-allowed');
    expect(ctx.devices.performed).toEqual([]);
  });

  it('runs a self-test in the background and shows its result', async () => {
    const ctx = setup();
    await enterMaintenance(ctx);
    let finish: (value: unknown) => void = () => {};
    ctx.devices.performHandler = () =>
      new Promise((resolve) => (finish = resolve)).then(() => ({
        ok: true as const,
        result: { ok: true, summary: { 'zh-CN': '测试页已打印', en: 'Test page printed' }, details: {} },
      }));
    await ctx.send({ type: 'staff.testDevice', deviceId: 'receipt-printer' });
    expect(maintenanceInfo(ctx).lastDeviceAction).toMatchObject({ what: 'self-test receipt-printer', state: 'running' });
    await expectRejected(ctx.send({ type: 'staff.testDevice', deviceId: 'id-reader' }), 'not-allowed');
    finish(null);
    await new Promise((r) => setImmediate(r));
    expect(maintenanceInfo(ctx).lastDeviceAction).toMatchObject({ state: 'succeeded', message: { en: 'Test page printed' } });
    expect(ctx.devices.performed[0]).toMatchObject({ deviceId: 'receipt-printer', operation: { op: 'self-test', terminalId: ctx.controller.snapshot().terminal.id } });
  });

  it('lists unfinished print jobs, reprints one with the same bytes, and discards another', async () => {
    const ctx = setup();
    ctx.devices.performHandler = () => ({
      ok: true,
      result: { ok: false, reason: 'paper-end', printedBeforeFailure: true, message: { 'zh-CN': '缺纸', en: 'Out of paper' } },
    });
    const first = await ctx.printing.print('receipt-printer', Uint8Array.of(0x1b, 0x40, 0x41));
    const second = await ctx.printing.print('receipt-printer', Uint8Array.of(0x1b, 0x40, 0x42));
    expect(first).toMatchObject({ ok: false, reason: 'paper-end', printedBeforeFailure: true });
    await enterMaintenance(ctx);
    expect(maintenanceInfo(ctx).printJobs.map((j) => [j.jobId, j.state, j.failureReason, j.printedBeforeFailure])).toEqual(
      expect.arrayContaining([
        [first.jobId, 'failed', 'paper-end', true],
        [second.jobId, 'failed', 'paper-end', true],
      ]),
    );
    ctx.devices.performHandler = () => ({ ok: true, result: { ok: true } });
    await ctx.send({ type: 'staff.reprintJob', jobId: first.jobId! });
    await new Promise((r) => setImmediate(r));
    expect(ctx.devices.performed.at(-1)).toEqual({
      deviceId: 'receipt-printer',
      operation: { op: 'printer.print', jobId: first.jobId, bytesBase64: Buffer.from([0x1b, 0x40, 0x41]).toString('base64') },
    });
    expect(ctx.printJournal.get(first.jobId!)).toMatchObject({ state: 'printed', attempts: 2 });
    await ctx.send({ type: 'staff.discardJob', jobId: second.jobId! });
    expect(maintenanceInfo(ctx).printJobs).toEqual([]);
    await expectRejected(ctx.send({ type: 'staff.discardJob', jobId: second.jobId! }), 'not-allowed');
    expect(ctx.audit.actions()).toEqual(expect.arrayContaining(['print.reprint-requested', 'print.reprint', 'print.discard']));
  });

  it('acknowledges an open notice, and refuses an unknown one', async () => {
    const ctx = setup();
    ctx.notices.notices = [{ id: 7, at: 1, code: 'printer.paper-near-end', message: 'receipt-printer: paper low' }];
    await enterMaintenance(ctx);
    await ctx.send({ type: 'staff.acknowledgeNotice', id: 7 });
    expect(maintenanceInfo(ctx).notices).toEqual([]);
    await expectRejected(ctx.send({ type: 'staff.acknowledgeNotice', id: 7 }), 'not-allowed');
  });

  it('leaves maintenance by itself when staff walk away', async () => {
    const ctx = setup();
    await enterMaintenance(ctx);
    ctx.clock.advance(15 * 60_000);
    expect(ctx.screen()).toEqual({ name: 'attract' });
    expect(ctx.audit.entries.at(-1)).toMatchObject({ action: 'maintenance.exit', detail: { via: 'timeout' } });
  });
});

describe('KioskController: language chosen without a session', () => {
  it('returns to the defaults after the idle time, so the next citizen does not inherit it', async () => {
    const { send, clock, controller } = setup();
    await send({ type: 'ui.setLanguage', language: 'en' });
    await send({ type: 'ui.setLargeText', enabled: true });
    await send({ type: 'ui.setVoice', enabled: false });
    clock.advance(89_000);
    expect(controller.snapshot().ui).toEqual({ language: 'en', largeText: true, voice: false });
    clock.advance(1_000);
    expect(controller.snapshot().ui).toEqual({ language: 'zh-CN', largeText: false, voice: true });
  });

  it('starts with the voice the config asks for', () => {
    const { controller } = setup({ config: sampleConfig((c) => (c.ui.voiceDefault = false)) });
    expect(controller.snapshot().ui.voice).toBe(false);
  });

  it('keeps the choice when the citizen goes on to start a session', async () => {
    const { send, clock, controller } = setup();
    await send({ type: 'ui.setLanguage', language: 'en' });
    await send({ type: 'session.start' });
    clock.advance(60_000);
    expect(controller.snapshot().ui.language).toBe('en');
  });
});

describe('KioskController: staff screens do not linger', () => {
  it('closes an abandoned PIN pad after the idle time, but not while staff keep typing', async () => {
    const ctx = setup();
    await ctx.send({ type: 'staff.openLogin' });
    ctx.clock.advance(80_000);
    await ctx.send({ type: 'session.activity' });
    ctx.clock.advance(80_000);
    expect(ctx.screen().name).toBe('staff-pin');
    ctx.clock.advance(10_000);
    expect(ctx.screen()).toEqual({ name: 'attract' });
  });

  it('keeps maintenance open while staff touch the screen', async () => {
    const ctx = setup();
    await ctx.send({ type: 'staff.openLogin' });
    await ctx.send({ type: 'staff.submitPin', pin: PIN });
    ctx.clock.advance(14 * 60_000);
    await ctx.send({ type: 'session.activity' });
    ctx.clock.advance(14 * 60_000);
    expect(ctx.screen().name).toBe('maintenance');
  });

  it('refuses session.end on staff screens (they are left with cancel or exit, and audited)', async () => {
    const ctx = setup();
    await ctx.send({ type: 'staff.openLogin' });
    await expectRejected(ctx.send({ type: 'session.end' }), 'not-allowed');
    await ctx.send({ type: 'staff.submitPin', pin: PIN });
    await expectRejected(ctx.send({ type: 'session.end' }), 'not-allowed');
    expect(ctx.screen().name).toBe('maintenance');
  });

  it('reports the staff switch separately from being in service, and audits only real changes', async () => {
    const config = sampleConfig((c) => (c.operatingHours = { start: '08:00', end: '18:00' }));
    const ctx = setup({ config, start: new Date(2026, 10, 23, 22, 0).getTime() });
    await ctx.send({ type: 'staff.openLogin' });
    await ctx.send({ type: 'staff.submitPin', pin: PIN });
    const before = ctx.screen();
    expect(before.name === 'maintenance' && before.info.manualOutOfService).toBe(false);
    await ctx.send({ type: 'staff.returnToService' });
    await ctx.send({ type: 'staff.setOutOfService' });
    await ctx.send({ type: 'staff.setOutOfService' });
    const after = ctx.screen();
    expect(after.name === 'maintenance' && after.info.manualOutOfService).toBe(true);
    expect(ctx.audit.actions().filter((a) => a.startsWith('terminal.'))).toEqual(['terminal.out-of-service']);
  });
});
