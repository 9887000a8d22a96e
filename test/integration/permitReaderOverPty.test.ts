import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceState } from '../../drivers/model/deviceStatus.js';
import { PermitReader } from '../../drivers/permit/reader/permitReader.js';
import { READ_PERMIT_MESSAGES } from '../../drivers/permit/reader/readPermitResult.js';
import { SimulatedPermitReader } from '../../drivers/permit/simulator/simulatedPermitReader.js';
import { SPECIMEN_PASSPORT_ZONE, SYNTHETIC_PERMIT_HOLDERS, syntheticPermitZone } from '../../drivers/permit/simulator/syntheticPermits.js';
import { SerialTransport } from '../../drivers/transport/serialTransport.js';

/**
 * The permit-reader driver against its SIMULATED OCR reader over a real serial line: a socat
 * pseudo-terminal pair with SerialTransport (native binding) on both ends at 9600 baud, the
 * simulator pacing bytes at that rate. socat is started with fixed link names, so pulling the
 * cable is killing socat and plugging it back is starting it again on the same paths. (On a
 * hung-up pty node-serialport's pending read sometimes spins on end-of-file instead of failing;
 * the driver's link probe is what notices the pulled cable then.) Each fault is checked for the
 * reader's state and the sentence a citizen would see; no assertion depends on how long anything
 * took.
 */
const BAUD = 9600;
const NEVER = 20_000;
/** A fixed "today" (2026-03-01 local): the synthetic permits stay unexpired whatever the calendar says. */
const TODAY = new Date(2026, 2, 1, 10, 0).getTime();

interface Cable {
  readonly hostPath: string;
  readonly devicePath: string;
  plug(): Promise<void>;
  unplug(): Promise<void>;
}

const cables: Cable[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** A socat pty pair behind stable symlinks; socat removes them when it exits, as a port vanishes on unplug. */
function socatCable(): Cable {
  const dir = mkdtempSync(join(tmpdir(), 'permit-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  let stop: (() => Promise<void>) | null = null;
  const cable: Cable = {
    hostPath,
    devicePath,
    plug: () =>
      new Promise<void>((resolve, reject) => {
        const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
        const exited = new Promise<void>((done) => socat.once('exit', () => done()));
        stop = async () => {
          if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
          await exited;
        };
        let log = '';
        const timer = setTimeout(() => reject(new Error(`socat not ready:\n${log}`)), 5_000);
        socat.once('error', (error) => reject(error));
        socat.stderr.setEncoding('utf8');
        socat.stderr.on('data', (text: string) => {
          log += text;
          if (log.includes('starting data transfer loop') && existsSync(hostPath) && existsSync(devicePath)) {
            clearTimeout(timer);
            resolve();
          }
        });
      }),
    unplug: async () => {
      await stop?.();
      stop = null;
    },
  };
  cables.push(cable);
  cleanups.push(async () => {
    await cable.unplug();
    rmSync(dir, { recursive: true, force: true });
  });
  return cable;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  cables.splice(0);
});

async function readerOverPty() {
  const cable = socatCable();
  await cable.plug();
  const host = new SerialTransport({ path: cable.hostPath, baudRate: BAUD });
  const device = new SerialTransport({ path: cable.devicePath, baudRate: BAUD });
  const simulator = new SimulatedPermitReader(device, { pacing: 'wire-time', baudRate: BAUD });
  await simulator.start();
  const reader = new PermitReader({ id: 'permit-pty', transport: host, binding: `serial ${cable.hostPath} @${BAUD}`, simulated: true, now: () => TODAY });
  const states: DeviceState[] = [];
  reader.onStatusChange(({ state }) => {
    if (states.at(-1) !== state) states.push(state);
  });
  cleanups.push(async () => {
    await reader.close();
    await simulator.stop();
  });
  await reader.open();
  return { cable, simulator, reader, states };
}

describe('permit reader driver ↔ simulated OCR reader over a socat pty pair @9600', () => {
  it('reads a CS permit\'s line and a CD permit in TD1 form', async () => {
    const { simulator, reader, states } = await readerOverPty();
    expect(reader.status()).toMatchObject({ kind: 'permit-reader', state: 'ready', fault: null });

    const first = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await first).toMatchObject({ ok: true, permit: { documentType: 'hk-macau-permit', documentNumber: SYNTHETIC_PERMIT_HOLDERS['hk-macau-permit'].documentNumber, issuingState: 'CHN' } });

    const second = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('taiwan-permit', 'td1'));
    expect(await second).toMatchObject({ ok: true, permit: { documentType: 'taiwan-permit', layout: 'td1', surname: 'MONI' } });

    expect(states).toEqual(['connecting', 'ready', 'busy', 'ready', 'busy', 'ready']);
    expect(reader.status().statistics).toMatchObject({ reads: 2 });
  });

  it('no document, and a reader silent about one: timeout, the reader stays ready', async () => {
    const { simulator, reader } = await readerOverPty();
    const nothing = await reader.readPermit({ timeoutMs: 500 });
    expect(nothing).toEqual({ ok: false, reason: 'timeout', message: READ_PERMIT_MESSAGES.timeout });
    expect(!nothing.ok && nothing.message['zh-CN']).toBe('未检测到通行证，请将卡式通行证平放在识读区');

    simulator.injectFault({ kind: 'silence' });
    const silent = reader.readPermit({ timeoutMs: 800 });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await silent).toMatchObject({ ok: false, reason: 'timeout' });
    expect(reader.status()).toMatchObject({ state: 'ready', fault: null, statistics: { timeouts: 2 } });
  });

  it('a misread line: bad read naming the failing check; three in a row raise the misreading fault for staff', async () => {
    const { simulator, reader } = await readerOverPty();
    simulator.injectFault({ kind: 'misread', check: 'birth-date' }, { times: 3 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const reading = reader.readPermit({ timeoutMs: NEVER });
      await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
      const result = await reading;
      expect(result).toMatchObject({ ok: false, reason: 'bad-read', message: READ_PERMIT_MESSAGES['bad-read'] });
      expect(!result.ok && result.message['zh-CN']).toBe('未能读取通行证，请取出后重新平放在识读区');
      expect(!result.ok && result.reason === 'bad-read' && result.failedChecks).toContain('birth-date');
      expect(reader.status().state).toBe(attempt < 3 ? 'ready' : 'fault');
    }
    expect(reader.status().fault).toEqual({
      code: 'permit-reader-misreading',
      message: { 'zh-CN': '通行证识读器连续 3 次识读失败，请清洁识读窗口并检查设备', en: 'the permit reader failed 3 reads in a row; clean its window and check it' },
    });

    // The reader still reads; a good read clears the fault.
    const good = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('taiwan-permit'));
    expect(await good).toMatchObject({ ok: true });
    expect(reader.status()).toMatchObject({ state: 'ready', fault: null, statistics: { badReads: 3, reads: 1 } });
  });

  it('garbage bytes: a noise line is skipped; garbage inside a line is a bad read', async () => {
    const { simulator, reader } = await readerOverPty();
    simulator.injectFault({ kind: 'garbage', where: 'before-zone' });
    const skipped = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await skipped).toMatchObject({ ok: true });
    expect(reader.status().statistics.noiseLines).toBe(1);

    simulator.injectFault({ kind: 'garbage', where: 'inside-line' });
    const spoiled = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await spoiled).toMatchObject({ ok: false, reason: 'bad-read', message: READ_PERMIT_MESSAGES['bad-read'], errors: [{ code: 'wrong-line-length' }] });
    expect(reader.status().state).toBe('ready');
  });

  it('a passport placed instead: wrong document, said plainly', async () => {
    const { simulator, reader } = await readerOverPty();
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(SPECIMEN_PASSPORT_ZONE);
    const result = await reading;
    expect(result).toEqual({ ok: false, reason: 'wrong-document', message: READ_PERMIT_MESSAGES['wrong-document'], documentCode: 'P' });
    expect(!result.ok && result.message['zh-CN']).toBe('此证件不是本业务所需的卡式通行证，请放入往来港澳或往来台湾通行证');
  });

  it('unplug mid-read (socat killed): reader-offline and a disconnected fault; replug on the same path and read again', async () => {
    const { cable, simulator, reader, states } = await readerOverPty();
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await cable.unplug();

    const result = await reading;
    expect(result).toEqual({ ok: false, reason: 'reader-offline', message: READ_PERMIT_MESSAGES['reader-offline'] });
    expect(!result.ok && result.message['zh-CN']).toBe('通行证识读设备暂时无法使用，请联系工作人员');
    await vi.waitFor(() => expect(reader.status().state).toBe('offline'));
    expect(reader.status().fault).toMatchObject({ code: 'permit-reader-disconnected' });
    expect(reader.status().fault?.message['zh-CN']).toContain('通行证识读器连接已断开');
    expect(await reader.readPermit({ timeoutMs: NEVER })).toMatchObject({ ok: false, reason: 'reader-offline' });

    // Reopened while unplugged: the port is gone.
    await reader.open();
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'permit-reader-not-found' } });

    // Plugging back in powers the reader up again.
    await simulator.stop();
    await cable.plug();
    await simulator.start();
    await reader.open();
    expect(reader.status()).toMatchObject({ state: 'ready', fault: null });
    const again = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await again).toMatchObject({ ok: true });
    expect(states).toEqual(['connecting', 'ready', 'busy', 'offline', 'connecting', 'offline', 'connecting', 'ready', 'busy', 'ready']);
  });
});
