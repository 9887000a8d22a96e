import { describe, expect, it } from 'vitest';
import {
  DEVICE_HOST_CONFIG_ENV,
  parseHostMessage,
  parseRuntimeMessage,
  readDeviceHostConfigs,
} from '../../../../drivers/host/deviceHostProtocol.js';
import type { DeviceStatus } from '../../../../drivers/model/deviceStatus.js';

const status: DeviceStatus = {
  id: 'id-reader',
  kind: 'id-card-reader',
  binding: 'simulated',
  simulated: true,
  state: 'ready',
  fault: null,
  capabilities: ['read-text'],
  statistics: { operations: 2 },
  updatedAt: 1,
};

function collector() {
  const logged: Array<{ message: string; fields: Record<string, unknown> }> = [];
  return { logged, log: (message: string, fields: Record<string, unknown>) => logged.push({ message, fields }) };
}

describe('device host protocol', () => {
  it('accepts the host messages', () => {
    const { log, logged } = collector();
    expect(parseHostMessage({ type: 'ready' }, log)).toEqual({ type: 'ready' });
    expect(parseHostMessage({ type: 'statuses', statuses: [status] }, log)).toEqual({ type: 'statuses', statuses: [status] });
    expect(parseHostMessage({ type: 'reopened' }, log)).toEqual({ type: 'reopened' });
    expect(logged).toEqual([]);
  });

  it('accepts the runtime messages', () => {
    const { log } = collector();
    expect(parseRuntimeMessage({ type: 'reopen-all' }, log)).toEqual({ type: 'reopen-all' });
    expect(parseRuntimeMessage({ type: 'shutdown' }, log)).toEqual({ type: 'shutdown' });
  });

  it.each([
    ['null', null],
    ['a string', 'ready'],
    ['an unknown type', { type: 'explode' }],
    ['a runtime message', { type: 'shutdown' }],
    ['a bad status state', { type: 'statuses', statuses: [{ ...status, state: 'on-fire' }] }],
    ['an extra status field', { type: 'statuses', statuses: [{ ...status, pin: '1234' }] }],
    ['missing statuses', { type: 'statuses' }],
    ['an extra field', { type: 'ready', extra: 1 }],
  ])('logs and ignores %s from the host, never throws', (_, raw) => {
    const { log, logged } = collector();
    expect(parseHostMessage(raw, log)).toBeNull();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toBe('invalid message from device host');
  });

  it.each([[undefined], [42], [{ type: 'statuses', statuses: [] }], [{ type: 'reopen-all', now: true }], [{}]])(
    'logs and ignores %j from the runtime',
    (raw) => {
      const { log, logged } = collector();
      expect(parseRuntimeMessage(raw, log)).toBeNull();
      expect(logged).toHaveLength(1);
    },
  );

  it('does not log message payloads', () => {
    const { log, logged } = collector();
    parseHostMessage({ type: 'statuses', statuses: [{ ...status, binding: 'secret-110101199003077777' }], x: 1 }, log);
    expect(JSON.stringify(logged)).not.toContain('110101199003077777');
  });

  it('reads the device configs from the environment, else the first argument', () => {
    const configs = [{ id: 'printer', kind: 'receipt-printer', binding: { transport: 'simulated' } }];
    const fromEnv = readDeviceHostConfigs({ [DEVICE_HOST_CONFIG_ENV]: JSON.stringify(configs) }, []);
    expect(fromEnv).toEqual({ ok: true, configs: [{ ...configs[0], required: true }] });
    expect(readDeviceHostConfigs({}, [JSON.stringify(configs)])).toEqual(fromEnv);
    expect(readDeviceHostConfigs({}, [])).toMatchObject({ ok: false, error: expect.stringContaining(DEVICE_HOST_CONFIG_ENV) });
    expect(readDeviceHostConfigs({ [DEVICE_HOST_CONFIG_ENV]: '{' }, [])).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(readDeviceHostConfigs({ [DEVICE_HOST_CONFIG_ENV]: '[{"id":"x"}]' }, [])).toMatchObject({ ok: false, error: expect.stringContaining('invalid') });
  });
});
