import { existsSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditLog } from '../../electron/runtime/store/dbCheck.js';
import { BridgeTestClient, startKiosk, type RunningKiosk } from '../helpers/kioskProcess.js';

describe('browser shell', () => {
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await kiosk.stop();
  });

  it('reports health as JSON', async () => {
    const response = await fetch(`${kiosk.url}healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', terminalId: 'DEMO-HALL-0001', sessionActive: false });
  });

  it('serves the renderer with a strict CSP and a fresh token per launch', async () => {
    const response = await fetch(kiosk.url);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const token = await kiosk.token();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await response.text()).not.toContain('__KIOSK_BRIDGE_TOKEN__');
  });

  it('refuses paths outside the renderer directory and methods other than GET', async () => {
    for (const path of ['..%2f..%2fpackage.json', '%2e%2e/%2e%2e/package.json', 'assets/..%2f..%2f..%2fpackage.json', 'nope.js']) {
      expect((await fetch(`${kiosk.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(kiosk.url, { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('refuses a bridge connection without the token, with a wrong token, or from a foreign origin', async () => {
    await expect(BridgeTestClient.connect(kiosk, '')).rejects.toThrow('HTTP 403');
    await expect(BridgeTestClient.connect(kiosk, 'x'.repeat(32))).rejects.toThrow('HTTP 403');
    await expect(BridgeTestClient.connect(kiosk, undefined, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const ok = await BridgeTestClient.connect(kiosk, undefined, { Origin: `http://127.0.0.1:${kiosk.port}` });
    ok.close();
  });

  it('answers malformed messages with typed errors and keeps serving', async () => {
    const client = await BridgeTestClient.connect(kiosk);
    const notJson = await client.sendRaw('{oops', -1);
    expect(notJson).toMatchObject({ ok: false, id: -1, error: { code: 'invalid-message', message: 'message is not valid JSON' } });
    const unknown = await client.send({ kind: 'intent', id: 77, intent: { type: 'printer.cutAll' } });
    expect(unknown).toMatchObject({ ok: false, id: 77, error: { code: 'invalid-message' } });
    const snapshot = await client.snapshot();
    expect(snapshot.screen).toEqual({ name: 'attract' });
    expect((await client.intent({ type: 'session.start' })).ok).toBe(true);
    expect((await client.snapshot()).screen).toEqual({ name: 'menu' });
    expect((await client.intent({ type: 'session.end' })).ok).toBe(true);
    client.close();
  });

  it('pushes a snapshot event to every connected renderer when state changes', async () => {
    const a = await BridgeTestClient.connect(kiosk);
    const b = await BridgeTestClient.connect(kiosk);
    await a.intent({ type: 'ui.setLargeText', enabled: true });
    await vi.waitFor(() => expect(b.snapshots.at(-1)?.ui.largeText).toBe(true), { timeout: 10_000 });
    await a.intent({ type: 'ui.setLargeText', enabled: false });
    a.close();
    b.close();
  });
});

describe('browser shell lifecycle', () => {
  it('shuts down cleanly on SIGTERM and leaves an intact audit chain', async () => {
    const kiosk = await startKiosk();
    const client = await BridgeTestClient.connect(kiosk);
    await client.send('garbage');
    client.close();
    expect(await kiosk.stop('SIGTERM')).toBe(0);
    const verdict = verifyAuditLog(join(kiosk.dataDir, 'kiosk.db'));
    expect(verdict.ok).toBe(true);
    expect(kiosk.stderr()).toContain('kiosk runtime stopped');
  });

  it('starts out of service, naming file, field and problem, when the config file is broken', async () => {
    const kiosk = await startKiosk({ config: (c) => (c.hall.helpPhone = 'call us') });
    const client = await BridgeTestClient.connect(kiosk);
    const snapshot = await client.snapshot();
    expect(snapshot.screen).toEqual({ name: 'out-of-service' });
    expect(snapshot.terminal.outOfServiceReasons).toContain(`${kiosk.configFile}: hall.helpPhone: must be a phone number`);
    expect((await client.intent({ type: 'session.start' })).ok).toBe(false);
    client.close();
    expect(await kiosk.stop()).toBe(0);
  });

  it('starts even when the config file is not JSON at all', async () => {
    const kiosk = await startKiosk({ configText: '<xml>not json</xml>' });
    const client = await BridgeTestClient.connect(kiosk);
    const snapshot = await client.snapshot();
    expect(snapshot.screen.name).toBe('out-of-service');
    expect(snapshot.terminal.outOfServiceReasons.join('\n')).toContain(`${kiosk.configFile}: not valid JSON: unexpected "<" at line 1, column 1`);
    client.close();
    await kiosk.stop();
  });

  it('moves a corrupt database aside, starts on a fresh one and tells staff', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-corrupt-'));
    writeFileSync(join(dataDir, 'kiosk.db'), 'this is not a database '.repeat(200));
    const kiosk = await startKiosk({ dataDir });
    const moved = readdirSync(dataDir).filter((f) => f.startsWith('kiosk.db.corrupt-'));
    expect(moved).toHaveLength(1);
    expect(existsSync(join(dataDir, 'kiosk.db'))).toBe(true);
    const client = await BridgeTestClient.connect(kiosk);
    await client.intent({ type: 'staff.openLogin' });
    await client.intent({ type: 'staff.submitPin', pin: '135790' });
    const snapshot = await client.snapshot();
    expect(snapshot.screen.name).toBe('maintenance');
    const notices = snapshot.screen.name === 'maintenance' ? snapshot.screen.info.notices : [];
    expect(notices.map((n) => n.code)).toContain('store.recovered');
    expect(notices.map((n) => n.message).join(' ')).toContain(moved[0]);
    client.close();
    await kiosk.stop();
  });
});

describe('browser shell against a rebinding page and oversized frames', () => {
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await kiosk.stop();
  });

  it('refuses requests whose Host is not the loopback address (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: kiosk.port, path: '/', headers: { Host: `evil.example:${kiosk.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
    await expect(BridgeTestClient.connect(kiosk, undefined, { Host: `evil.example:${kiosk.port}` })).rejects.toThrow('HTTP 403');
  });

  it('answers a frame over the size limit with a typed error instead of dropping the connection', async () => {
    const client = await BridgeTestClient.connect(kiosk);
    const reply = await client.sendRaw(JSON.stringify({ kind: 'intent', id: 5, intent: { type: 'session.start' }, pad: 'x'.repeat(20_000) }), -1);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect((await client.snapshot()).screen.name).toBe('attract');
    client.close();
  });

  it('carries a face photo the size a real camera takes to the runtime (the photo limit, not the ordinary one)', async () => {
    const client = await BridgeTestClient.connect(kiosk);
    const photo = { type: 'flow.faceCaptured', format: 'jpeg', dataBase64: 'A'.repeat(400_000) };
    const reply = await client.sendRaw(JSON.stringify({ kind: 'intent', id: 6, intent: photo }), 6);
    // No flow is waiting for a photo, so the runtime refuses it, but it got there.
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    client.close();
  });

  it('says in /healthz whether the terminal is in service', async () => {
    expect(await (await fetch(`${kiosk.url}healthz`)).json()).toMatchObject({ inService: true });
  });
});

describe('browser shell on the driver layer', () => {
  it('runs the default config on simulated devices, which come up ready on the maintenance screen', async () => {
    const kiosk = await startKiosk();
    const client = await BridgeTestClient.connect(kiosk);
    await client.intent({ type: 'staff.openLogin' });
    await client.intent({ type: 'staff.submitPin', pin: '135790' });
    await expect
      .poll(
        async () => {
          const snapshot = await client.snapshot();
          return snapshot.screen.name === 'maintenance' ? snapshot.screen.info.devices.map((d) => `${d.id}:${d.state}`) : [];
        },
        { timeout: 10_000 },
      )
      .toEqual(['id-reader:ready', 'permit-reader:ready', 'receipt-printer:ready', 'code-scanner:ready', 'card-terminal:ready', 'camera:ready']);
    const snapshot = await client.snapshot();
    const devices = snapshot.screen.name === 'maintenance' ? snapshot.screen.info.devices : [];
    expect(devices.every((d) => d.simulated && d.binding === 'simulated')).toBe(true);
    expect(devices.find((d) => d.id === 'receipt-printer')?.capabilities).toContain('cut');
    client.close();
    await kiosk.stop();
  });

  it('reports a real binding it cannot open as a fault naming the problem, and keeps serving', async () => {
    const kiosk = await startKiosk({
      config: (c) => (c.devices = [{ id: 'printer', kind: 'receipt-printer', binding: { transport: 'serial', path: '/dev/ttyNOPE9', baudRate: 9600 } }]),
    });
    const client = await BridgeTestClient.connect(kiosk);
    await client.intent({ type: 'staff.openLogin' });
    await client.intent({ type: 'staff.submitPin', pin: '135790' });
    await expect
      .poll(async () => {
        const snapshot = await client.snapshot();
        const device = snapshot.screen.name === 'maintenance' ? snapshot.screen.info.devices[0] : undefined;
        return device ? [device.state, device.binding] : [];
      }, { timeout: 10_000 })
      .toEqual(['offline', 'serial /dev/ttyNOPE9 @9600']);
    expect((await client.intent({ type: 'session.activity' })).ok).toBe(true);
    client.close();
    await kiosk.stop();
  });
});

describe('browser shell with the device host in its own process', () => {
  it('keeps serving when the device host is killed; the devices show "restarting" and come back by themselves', async () => {
    const { execFileSync } = await import('node:child_process');
    const kiosk = await startKiosk();
    const client = await BridgeTestClient.connect(kiosk);
    await client.intent({ type: 'staff.openLogin' });
    await client.intent({ type: 'staff.submitPin', pin: '135790' });
    const states = async () => {
      const snapshot = await client.snapshot();
      return snapshot.screen.name === 'maintenance' ? snapshot.screen.info.devices.map((d) => d.state) : [];
    };
    await expect.poll(states, { timeout: 10_000 }).toEqual(Array(6).fill('ready'));

    const hostPid = Number(execFileSync('pgrep', ['-P', String(kiosk.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
    expect(hostPid).toBeGreaterThan(0);
    process.kill(hostPid, 'SIGKILL');
    await expect
      .poll(async () => {
        const snapshot = await client.snapshot();
        return snapshot.screen.name === 'maintenance' ? snapshot.screen.info.devices.map((d) => d.fault?.code ?? d.state) : [];
      }, { timeout: 10_000 })
      .toContain('device-host-restarting');
    await expect.poll(states, { timeout: 15_000 }).toEqual(Array(6).fill('ready'));
    expect((await client.snapshot()).screen.name).toBe('maintenance');
    client.close();
    expect(await kiosk.stop()).toBe(0);
  });
});
