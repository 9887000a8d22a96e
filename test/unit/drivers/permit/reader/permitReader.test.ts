import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../../../drivers/model/deviceStatus.js';
import type { CheckDigitName } from '../../../../../drivers/permit/mrz/mrzError.js';
import { chipAccessKeyOf, type PermitChipReader } from '../../../../../drivers/permit/reader/permitChipAccess.js';
import { PermitReader, type PermitReaderOptions } from '../../../../../drivers/permit/reader/permitReader.js';
import { READ_PERMIT_MESSAGES } from '../../../../../drivers/permit/reader/readPermitResult.js';
import { SimulatedPermitReader, type SimulatedPermitReaderOptions } from '../../../../../drivers/permit/simulator/simulatedPermitReader.js';
import { SPECIMEN_PASSPORT_ZONE, SYNTHETIC_PERMIT_HOLDERS, syntheticPermitZone } from '../../../../../drivers/permit/simulator/syntheticPermits.js';
import { MrzTextLineDecoder } from '../../../../../drivers/permit/wire/mrzTextLineDecoder.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';

/** Long enough never to fire in a test that expects a permit; no outcome depends on timing. */
const NEVER = 60_000;
/** A fixed "today" (2026-03-01 local), so expiry checks never drift with the calendar. */
const TODAY = new Date(2026, 2, 1, 10, 0).getTime();
const CS = SYNTHETIC_PERMIT_HOLDERS['hk-macau-permit'];

async function setup(options: Partial<PermitReaderOptions> = {}, simulatorOptions: SimulatedPermitReaderOptions = {}, chunkSize: number | null = 5) {
  const pair = createInMemoryTransportPair('permit reader');
  pair.setChunkSize(chunkSize);
  const simulator = new SimulatedPermitReader(pair.device, simulatorOptions);
  await simulator.start();
  // A short quiet gap: one-line permit zones complete by it on a reader set for three lines.
  const reader = new PermitReader({ id: 'permit-1', transport: pair.host, simulated: true, blockGapMs: 20, now: () => TODAY, ...options });
  const states: DeviceState[] = [];
  reader.onStatusChange(({ state }) => {
    if (states.at(-1) !== state) states.push(state);
  });
  await reader.open();
  return { pair, simulator, reader, states };
}

/** Lets the in-memory pair deliver what was written (setImmediate) and the quiet gap pass. */
const settle = (ms = 60) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('PermitReader against the simulated OCR reader (serial-text mode)', () => {
  it('reads a CS permit\'s one-line MRZ: the zone completes when the reader goes quiet', async () => {
    const { reader, simulator, states } = await setup();
    expect(reader.status()).toMatchObject({ kind: 'permit-reader', state: 'ready', fault: null, capabilities: expect.arrayContaining(['read-permit-mrz', 'wire-serial-text']) });

    const reading = reader.readPermit({ timeoutMs: NEVER });
    expect(reader.status().state).toBe('busy');
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    const result = await reading;

    expect(result).toMatchObject({ ok: true, permit: { documentType: 'hk-macau-permit', documentNumber: CS.documentNumber, birthDate: { iso: '1990-01-01' }, expiryDate: { iso: '2034-06-15' }, expired: false } });
    expect(states).toEqual(['connecting', 'ready', 'busy', 'ready']);
    expect(reader.status().statistics).toMatchObject({ reads: 1 });
  });

  it('reads a CD permit in TD1 form the moment its third line ends (no quiet gap needed)', async () => {
    const { reader, simulator } = await setup({ blockGapMs: NEVER });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('taiwan-permit', 'td1'));
    expect(await reading).toMatchObject({ ok: true, permit: { layout: 'td1', documentType: 'taiwan-permit', surname: 'MONI', givenNames: ['DAWEI'], sex: 'male' } });
  });

  it('reads STX/ETX-framed zones with CR endings, completing at ETX', async () => {
    const { reader, simulator } = await setup({ blockGapMs: NEVER }, { lineEnding: 'CR', markers: true });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('taiwan-permit'));
    expect(await reading).toMatchObject({ ok: true, permit: { documentCode: 'CD' } });
  });

  it('reads one-line zones at once on a reader set for single-line zones', async () => {
    const { reader, simulator } = await setup({ blockGapMs: NEVER, wire: new MrzTextLineDecoder({ blockLines: 1 }) });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await reading).toMatchObject({ ok: true });
  });

  it('turns away a passport, and a Taiwan permit when the flow takes only Hong Kong/Macau ones', async () => {
    const { reader, simulator } = await setup();
    const passport = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(SPECIMEN_PASSPORT_ZONE);
    expect(await passport).toEqual({ ok: false, reason: 'wrong-document', message: READ_PERMIT_MESSAGES['wrong-document'], documentCode: 'P' });

    const taiwan = reader.readPermit({ timeoutMs: NEVER, accept: ['hk-macau-permit'] });
    await simulator.presentDocument(syntheticPermitZone('taiwan-permit'));
    expect(await taiwan).toMatchObject({ ok: false, reason: 'wrong-document', documentCode: 'CD' });
    expect(reader.status().statistics).toMatchObject({ wrongDocuments: 2 });
    expect(reader.status().state).toBe('ready');
  });

  it.each([
    ['permit-line', 'document-number'],
    ['permit-line', 'birth-date'],
    ['permit-line', 'expiry-date'],
    ['permit-line', 'composite'],
    ['td1', 'document-number'],
    ['td1', 'birth-date'],
    ['td1', 'expiry-date'],
    ['td1', 'composite'],
  ] as const)('a %s zone misread in its %s field is a bad read naming that check', async (layout, check: CheckDigitName) => {
    const { reader, simulator } = await setup();
    simulator.injectFault({ kind: 'misread', check });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit', layout));
    const result = await reading;
    expect(result).toMatchObject({ ok: false, reason: 'bad-read', message: READ_PERMIT_MESSAGES['bad-read'] });
    expect(!result.ok && result.reason === 'bad-read' && result.failedChecks).toContain(check);
    expect(reader.status()).toMatchObject({ state: 'ready', statistics: { badReads: 1 } });
  });

  it('raises the misreading fault after three bad reads in a row, keeps reading, and clears it on a good read', async () => {
    const { reader, simulator } = await setup();
    simulator.injectFault({ kind: 'misread', check: 'birth-date' }, { times: 3 });
    for (let i = 0; i < 3; i++) {
      const reading = reader.readPermit({ timeoutMs: NEVER });
      await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
      expect(await reading).toMatchObject({ reason: 'bad-read' });
    }
    expect(reader.status()).toMatchObject({ state: 'fault', fault: { code: 'permit-reader-misreading' } });
    expect(reader.status().fault?.message['zh-CN']).toContain('请清洁识读窗口');

    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await reading).toMatchObject({ ok: true });
    expect(reader.status()).toMatchObject({ state: 'ready', fault: null });
  });

  it('skips a garbage line ahead of the zone and reads the permit behind it', async () => {
    const { reader, simulator } = await setup();
    simulator.injectFault({ kind: 'garbage', where: 'before-zone' });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await reading).toMatchObject({ ok: true });
    expect(reader.status().statistics.noiseLines).toBe(1);
  });

  it('garbage spliced into a line makes a bad read (wrong length), not a wrong permit', async () => {
    const { reader, simulator } = await setup();
    simulator.injectFault({ kind: 'garbage', where: 'inside-line' });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await reading).toMatchObject({ ok: false, reason: 'bad-read', failedChecks: [], errors: [{ code: 'wrong-line-length', line: 1, length: 32, expected: 30 }] });
  });

  it('times out when no document is presented, and when the reader stays silent about one', async () => {
    const { reader, simulator } = await setup();
    expect(await reader.readPermit({ timeoutMs: 30 })).toEqual({ ok: false, reason: 'timeout', message: READ_PERMIT_MESSAGES.timeout });
    simulator.injectFault({ kind: 'silence' });
    const reading = reader.readPermit({ timeoutMs: 100 });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await reading).toMatchObject({ ok: false, reason: 'timeout' });
    expect(reader.status()).toMatchObject({ state: 'ready', statistics: { timeouts: 2 } });
    expect(simulator.zonesSent).toBe(0);
  });

  it('a TD1 zone cut off after two lines is a bad read once the reader goes quiet', async () => {
    const { reader, simulator } = await setup();
    simulator.injectFault({ kind: 'cut-off', afterLines: 2 });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit', 'td1'));
    expect(await reading).toMatchObject({ ok: false, reason: 'bad-read', errors: [{ code: 'wrong-line-count', lineCount: 2 }] });
  });

  it('discards a permit read while nobody asked, and hands the next read only a fresh one', async () => {
    const { reader, simulator } = await setup();
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    await settle();
    expect(reader.status().statistics.zonesDiscarded).toBe(1);
    expect(await reader.readPermit({ timeoutMs: 50 })).toMatchObject({ ok: false, reason: 'timeout' });
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('taiwan-permit'));
    expect(await reading).toMatchObject({ ok: true, permit: { documentCode: 'CD' } });
  });

  it('is cancelled by its AbortSignal, before or during the read, and by a newer read', async () => {
    const { reader, simulator } = await setup();
    expect(await reader.readPermit({ timeoutMs: NEVER, signal: AbortSignal.abort() })).toMatchObject({ ok: false, reason: 'cancelled' });
    const controller = new AbortController();
    const first = reader.readPermit({ timeoutMs: NEVER, signal: controller.signal });
    controller.abort();
    expect(await first).toEqual({ ok: false, reason: 'cancelled', message: READ_PERMIT_MESSAGES.cancelled });
    const older = reader.readPermit({ timeoutMs: NEVER });
    const newer = reader.readPermit({ timeoutMs: NEVER });
    expect(await older).toMatchObject({ reason: 'cancelled' });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await newer).toMatchObject({ ok: true });
  });

  it('goes offline when unplugged mid-read, refuses reads, and reads again after replug and reopen', async () => {
    const { pair, reader, simulator, states } = await setup();
    const reading = reader.readPermit({ timeoutMs: NEVER });
    pair.unplug();
    expect(await reading).toEqual({ ok: false, reason: 'reader-offline', message: READ_PERMIT_MESSAGES['reader-offline'] });
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'permit-reader-disconnected' }, statistics: { disconnects: 1 } });
    expect(reader.status().fault?.message['zh-CN']).toContain('通行证识读器连接已断开');
    expect(await reader.readPermit({ timeoutMs: NEVER })).toMatchObject({ reason: 'reader-offline' });

    await reader.open();
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'permit-reader-not-found' } });
    pair.replug();
    await simulator.start();
    await reader.open();
    expect(reader.status()).toMatchObject({ state: 'ready', fault: null });
    const again = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await again).toMatchObject({ ok: true });
    expect(states).toEqual(['connecting', 'ready', 'busy', 'offline', 'connecting', 'offline', 'connecting', 'ready', 'busy', 'ready']);
  });

  it('drops a zone that was half sent when the cable was pulled', async () => {
    const { pair, reader, simulator } = await setup({}, {}, 1);
    const reading = reader.readPermit({ timeoutMs: NEVER });
    void simulator.presentDocument(syntheticPermitZone('hk-macau-permit', 'td1'));
    await new Promise((resolve) => setImmediate(resolve));
    pair.unplug();
    expect(await reading).toMatchObject({ reason: 'reader-offline' });
    pair.replug();
    await simulator.start();
    await reader.open();
    expect(reader.status().statistics.zonesDiscarded ?? 0).toBe(0);
    const again = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('taiwan-permit'));
    expect(await again).toMatchObject({ ok: true, permit: { documentCode: 'CD' } });
  });

  it('close() ends a read as cancelled and leaves the reader offline without a fault', async () => {
    const { reader, states } = await setup();
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await reader.close();
    expect(await reading).toMatchObject({ reason: 'cancelled' });
    expect(reader.status()).toMatchObject({ state: 'offline', fault: null });
    expect(states).toEqual(['connecting', 'ready', 'busy', 'offline']);
    expect(await reader.checkHealth()).toMatchObject({ state: 'offline' });
  });

  it('never puts MRZ content into status or statistics', async () => {
    const { reader, simulator } = await setup();
    const seen: string[] = [];
    reader.onStatusChange((status) => seen.push(JSON.stringify(status)));
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    await reading;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.join('\n')).not.toContain(CS.documentNumber);
    expect(seen.join('\n')).not.toContain(CS.birthDate);
  });

  it('offers the chip plug-in when one is installed, with the access key from the MRZ', async () => {
    const chip: PermitChipReader = { name: 'test double', readChip: async () => ({ ok: false, reason: 'no-chip', detail: 'no chip in this test' }) };
    const { reader, simulator } = await setup({ chipReader: chip });
    expect(reader.status().capabilities).toContain('chip-access');
    expect(reader.chipReader).toBe(chip);
    const reading = reader.readPermit({ timeoutMs: NEVER });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    const result = await reading;
    expect(result.ok && chipAccessKeyOf(result.permit)).toEqual({ documentNumber: CS.documentNumber, birthDate: CS.birthDate, expiryDate: CS.expiryDate });
    const { reader: plain } = await setup();
    expect(plain.status().capabilities).not.toContain('chip-access');
    expect(plain.chipReader).toBeNull();
  });
});
