import { describe, expect, it } from 'vitest';
import type { DeviceOperation, DeviceOperationReply } from '../../../../../drivers/host/deviceOperation.js';
import { SIMULATED_RESIDENT_FIELDS } from '../../../../../drivers/idcard/simulator/simulatedCard.js';
import { deviceIdentityPorts } from '../../../../../electron/runtime/flows/endorsement/deviceIdentityPorts.js';
import { PaymentCodeTokens } from '../../../../../electron/runtime/flows/endorsement/paymentCodeTokens.js';
import { ConfiguredDevicesFake } from '../../../../helpers/configuredDevicesFake.js';
import { FakeClock } from '../../../../helpers/fakeClock.js';
import { sampleConfig } from '../../../../helpers/runtimeFakes.js';

const card = (left: boolean) => ({
  ok: true,
  card: {
    type: 'resident',
    name: SIMULATED_RESIDENT_FIELDS.name,
    idNumber: SIMULATED_RESIDENT_FIELDS.idNumber,
    birthDate: { kind: 'date', iso: '1985-06-15', raw: '19850615' },
    sex: { value: 'male', code: '1' },
  },
  photoBase64: '',
  idNumberValid: true,
  cardWasLeftOnReader: left,
});

function setup(answer: (op: DeviceOperation) => DeviceOperationReply) {
  const clock = new FakeClock();
  const devices = new ConfiguredDevicesFake(sampleConfig().devices, clock);
  devices.performHandler = (_id, op) => answer(op);
  const tokens = new PaymentCodeTokens(clock);
  return { ports: deviceIdentityPorts({ devices, permitReaderId: 'permit-reader', idCardReaderId: 'id-reader', scannerId: 'code-scanner', tokens }), tokens };
}

describe('deviceIdentityPorts', () => {
  it('gives the flow the ID card facts it checks against the permit', async () => {
    const { ports } = setup(() => ({ ok: true, result: card(false) }) as DeviceOperationReply);
    expect(await ports.readIdCard(1_000, new AbortController().signal)).toEqual({
      ok: true,
      card: { idNumber: SIMULATED_RESIDENT_FIELDS.idNumber, birthDate: '1985-06-15', sex: 'male' },
    });
  });

  it('refuses a card left on the reader from before: somebody else may have forgotten it', async () => {
    const { ports } = setup(() => ({ ok: true, result: card(true) }) as DeviceOperationReply);
    const read = await ports.readIdCard(1_000, new AbortController().signal);
    expect(read).toMatchObject({ ok: false, code: 'bad-read', message: { en: expect.stringContaining('left on the reader') } });
  });

  it('keeps the scanned code behind a one-time token', async () => {
    const { ports } = setup(() => ({ ok: true, result: { ok: true, code: '134567890123456780', kind: 'wechat', masked: '13************6780' } }) as DeviceOperationReply);
    const scan = await ports.paymentCodes.scan(1_000, new AbortController().signal);
    if (!scan.ok) throw new Error('scan failed');
    expect(JSON.stringify(scan)).not.toContain('134567890123456780');
    expect(ports.paymentCodes.redeem(scan.token)).toBe('134567890123456780');
    expect(ports.paymentCodes.redeem(scan.token)).toBeNull();
  });
});
