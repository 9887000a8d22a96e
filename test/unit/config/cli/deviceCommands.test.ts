import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIMULATED_RESIDENT_FIELDS } from '../../../../drivers/idcard/simulator/simulatedCard.js';
import { SYNTHETIC_PAYMENT_CODES } from '../../../../drivers/host/simulatorAction.js';
import { runKioskctl } from '../../../helpers/runKioskctl.js';

const SAMPLE = 'config/terminal.sample.json';

function configWith(change: (c: { devices: Array<Record<string, unknown>> }) => void): string {
  const config = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { devices: Array<Record<string, unknown>> };
  change(config);
  const file = join(mkdtempSync(join(tmpdir(), 'kioskctl-devices-')), 'terminal.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('kioskctl devices', () => {
  it('list: every simulated device of the sample config is ready (exit 0)', async () => {
    const run = await runKioskctl(['devices', 'list', '--json']);
    expect(run.code).toBe(0);
    const statuses = JSON.parse(run.out) as Array<{ id: string; state: string; required: boolean }>;
    expect(statuses.map((s) => [s.id, s.state])).toEqual([
      ['id-reader', 'ready'],
      ['permit-reader', 'ready'],
      ['receipt-printer', 'ready'],
      ['code-scanner', 'ready'],
      ['card-terminal', 'ready'],
      ['camera', 'ready'],
    ]);
  });

  it('list: a required reader on a missing serial port fails the check and says why', async () => {
    const file = configWith((c) => (c.devices[0]!.binding = { transport: 'serial', path: '/dev/ttyKIOSKTEST-missing', baudRate: 115200 }));
    const run = await runKioskctl(['devices', 'list', '--config', file, '--wait', '500']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('required device(s) not ready: id-reader');
    const readerLine = run.out.split('\n').find((l) => l.startsWith('id-reader'));
    expect(readerLine).toMatch(/serial \/dev\/ttyKIOSKTEST-missing @115200\s+(offline|fault)\s+yes\s+reader-not-found: .*not found/);
  });

  it('test: reads the synthetic card on a simulated reader and shows only the masked number', async () => {
    const run = await runKioskctl(['devices', 'test', 'id-reader']);
    expect(run.code).toBe(0);
    expect(run.err).toContain('placing the synthetic test card');
    expect(run.out).toContain('id-reader: PASS');
    expect(run.out).toContain(`idNumber: ${SIMULATED_RESIDENT_FIELDS.idNumber.slice(0, 4)}**********${SIMULATED_RESIDENT_FIELDS.idNumber.slice(-4)}`);
    expect(run.out + run.err).not.toContain(SIMULATED_RESIDENT_FIELDS.idNumber);
    expect(run.out + run.err).not.toContain(SIMULATED_RESIDENT_FIELDS.name);
  });

  it('test: reads the synthetic permit, showing only a masked permit number', async () => {
    const run = await runKioskctl(['devices', 'test', 'permit-reader', '--json']);
    expect(run.code).toBe(0);
    expect(run.err).toContain('simulated device: placing the synthetic HK/Macau permit');
    const report = JSON.parse(run.out) as { ok: boolean; details: { documentType: string; documentNumber: string } };
    expect(report).toMatchObject({ ok: true, details: { documentType: 'hk-macau-permit' } });
    expect(report.details.documentNumber).toMatch(/^C\*+\w{2}$/);
  });

  it('test: prints a test page, scans a code without showing it, and answers for the card terminal', async () => {
    const printer = await runKioskctl(['devices', 'test', 'receipt-printer', '--json']);
    expect(printer.code).toBe(0);
    expect(JSON.parse(printer.out)).toMatchObject({ ok: true, device: 'receipt-printer', summary: 'Test page printed', state: 'ready' });
    const scanner = await runKioskctl(['devices', 'test', 'code-scanner', '--json']);
    expect(JSON.parse(scanner.out)).toMatchObject({ ok: true, details: { wallet: 'wechat' } });
    expect(scanner.out).not.toContain(SYNTHETIC_PAYMENT_CODES.wechat);
    const terminal = await runKioskctl(['devices', 'test', 'card-terminal']);
    expect(terminal.out).toContain('card-terminal: PASS');
  });

  it('test: an unknown id or a broken config is a clear error, exit 1', async () => {
    const unknown = await runKioskctl(['devices', 'test', 'toaster']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no device "toaster" in the config; configured: id-reader, permit-reader, receipt-printer');
    const broken = configWith((c) => (c.devices[0]!.kind = 'toaster'));
    const invalid = await runKioskctl(['devices', 'list', '--config', broken]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('INVALID');
    expect(invalid.err).toContain('devices[0].kind');
  });

  it('watch: prints each device coming up as a JSON line', async () => {
    const run = await runKioskctl(['devices', 'watch', '--duration', '1']);
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; id: string; state: string });
    expect(lines.filter((l) => l.type === 'status' && l.state === 'ready').map((l) => l.id).sort()).toEqual(
      ['camera', 'card-terminal', 'code-scanner', 'id-reader', 'permit-reader', 'receipt-printer'],
    );
  });
});
