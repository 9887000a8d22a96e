import { describe, expect, it } from 'vitest';
import { utilityProcessForker } from '../../../electron/shell-electron/utilityProcessDeviceHost.js';
import { FakeUtilityProcessModule } from './fakeElectron.js';

function fork() {
  const module = new FakeUtilityProcessModule();
  const child = utilityProcessForker(module)('/app/out/host/device-host.mjs', { execArgv: [], env: { KIOSK_DEVICE_HOST_CONFIG: '[]' } });
  return { module, child, utility: module.forked[0]! };
}

describe('utilityProcessForker (device host in an Electron utility process)', () => {
  it('forks the host entry with its environment under a recognisable service name', () => {
    const { utility } = fork();
    expect(utility.modulePath).toBe('/app/out/host/device-host.mjs');
    expect(utility.options).toMatchObject({ env: { KIOSK_DEVICE_HOST_CONFIG: '[]' }, serviceName: 'kiosk-device-host', stdio: 'inherit' });
  });

  it('holds messages until the process has spawned, then delivers them in order', () => {
    const { child, utility } = fork();
    const results: Array<Error | null> = [];
    expect(child.pid).toBeUndefined();
    child.send({ type: 'reopen-all' }, (e) => results.push(e));
    child.send({ type: 'cancel', requestId: 'r1' });
    expect(utility.posted).toEqual([]);
    utility.spawn(777);
    expect(child.pid).toBe(777);
    expect(utility.posted).toEqual([{ type: 'reopen-all' }, { type: 'cancel', requestId: 'r1' }]);
    child.send({ type: 'shutdown' });
    expect(utility.posted.at(-1)).toEqual({ type: 'shutdown' });
    expect(results).toEqual([null]);
  });

  it('passes messages up and reports the exit as the supervisor expects (code, no signal), then refuses to send', () => {
    const { child, utility } = fork();
    const seen: unknown[] = [];
    child.on('message', (m) => seen.push(['message', m]));
    child.on('exit', (code, signal) => seen.push(['exit', code, signal]));
    utility.spawn();
    utility.emit('message', { type: 'ready' });
    expect(child.connected).toBe(true);
    utility.exit(9);
    expect(seen).toEqual([
      ['message', { type: 'ready' }],
      ['exit', 9, null],
    ]);
    expect(child.connected).toBe(false);
    const errors: Array<Error | null> = [];
    expect(child.send({ type: 'shutdown' }, (e) => errors.push(e))).toBe(false);
    expect(errors[0]?.message).toContain('exited');
  });

  it('turns a launch error into an error event and kills on request', () => {
    const { child, utility } = fork();
    const errors: unknown[] = [];
    child.on('error', (e) => errors.push(e));
    utility.emit('error', 'FatalError', 'device-host.mjs', '');
    expect(String(errors[0])).toContain('FatalError');
    expect(child.kill('SIGKILL')).toBe(true);
    expect(utility.killed).toBe(true);
  });
});
