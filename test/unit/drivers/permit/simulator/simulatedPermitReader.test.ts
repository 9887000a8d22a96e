import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../../../../drivers/permit/mrz/parseMrz.js';
import { SimulatedPermitReader, type SimulatedPermitReaderOptions } from '../../../../../drivers/permit/simulator/simulatedPermitReader.js';
import { DEFAULT_NOISE } from '../../../../../drivers/permit/simulator/simulatedPermitReaderFault.js';
import { syntheticPermitZone } from '../../../../../drivers/permit/simulator/syntheticPermits.js';
import { encodeMrzText } from '../../../../../drivers/permit/wire/encodeMrzText.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';

const today = { year: 2026, month: 3, day: 1 };
const LINE = syntheticPermitZone('hk-macau-permit');
const TD1 = syntheticPermitZone('taiwan-permit', 'td1');

/** The simulator on the device end; what the host end receives, chunk by chunk. */
async function wire(options: SimulatedPermitReaderOptions = {}) {
  const pair = createInMemoryTransportPair('permit wire');
  const chunks: Uint8Array[] = [];
  pair.host.onData((chunk) => chunks.push(chunk));
  await pair.host.open();
  const simulator = new SimulatedPermitReader(pair.device, options);
  await simulator.start();
  const received = async () => {
    await simulator.idle();
    await new Promise((resolve) => setTimeout(resolve, 5));
    return Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
  };
  return { pair, simulator, chunks, received };
}
const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

describe('SimulatedPermitReader on the wire', () => {
  it('sends a zone byte for byte in the generic serial-text mode (CR LF by default)', async () => {
    const { simulator, received } = await wire();
    await simulator.presentDocument(TD1);
    expect(await received()).toEqual(encodeMrzText(TD1, { lineEnding: 'CRLF', markers: false }));
    expect(simulator.zonesSent).toBe(1);
  });

  it('frames with STX/ETX and CR when set up so', async () => {
    const { simulator, received } = await wire({ lineEnding: 'CR', markers: true });
    await simulator.presentDocument(LINE);
    expect(text(await received())).toBe(`\u0002${LINE[0]}\r\u0003`);
  });

  it('paced at the baud rate, writes UART-sized chunks of the same bytes', async () => {
    const { simulator, chunks, received } = await wire({ pacing: 'wire-time', baudRate: 115200 });
    await simulator.presentDocument(TD1);
    expect(await received()).toEqual(encodeMrzText(TD1, { lineEnding: 'CRLF', markers: false }));
    expect(chunks.map((chunk) => chunk.length)).toEqual([32, 32, 32]);
  });

  it('misreads one character so the named check fails, leaving the zone well-formed', async () => {
    const { simulator, received } = await wire();
    simulator.injectFault({ kind: 'misread', check: 'expiry-date' });
    await simulator.presentDocument(LINE);
    const sent = text(await received()).trimEnd();
    expect(sent).toHaveLength(30);
    expect([...sent].filter((char, i) => char !== LINE[0]![i])).toHaveLength(1);
    const result = parseMrz([sent], { today });
    expect(!result.ok && result.errors.map((e) => (e.code === 'check-digit-mismatch' ? e.check : e.code))).toContain('expiry-date');
  });

  it('takes each fault for the next document only, or the next `times` ones', async () => {
    const { simulator, received } = await wire();
    simulator.injectFault({ kind: 'silence' }, { times: 2 });
    simulator.injectFault({ kind: 'cut-off', afterLines: 1 });
    for (let i = 0; i < 4; i++) await simulator.presentDocument(TD1);
    const one = encodeMrzText(TD1.slice(0, 1), { lineEnding: 'CRLF', markers: false });
    const whole = encodeMrzText(TD1, { lineEnding: 'CRLF', markers: false });
    expect(await received()).toEqual(Uint8Array.from([...one, ...whole]));
  });

  it('sends garbage as a line of its own, or spliced into the first line', async () => {
    const { simulator, received } = await wire();
    simulator.injectFault({ kind: 'garbage', where: 'before-zone' });
    await simulator.presentDocument(LINE);
    simulator.injectFault({ kind: 'garbage', where: 'inside-line', bytes: Uint8Array.of(0x7f) });
    await simulator.presentDocument(LINE);
    await simulator.sendNoise();
    const line = LINE[0]!;
    expect(text(await received())).toBe(`${text(DEFAULT_NOISE)}\r\n${line}\r\n${line.slice(0, 15)}\u007f${line.slice(15)}\r\n${text(DEFAULT_NOISE)}\r\n`);
  });

  it('sends nothing while unplugged, and works again after replug and start', async () => {
    const { pair, simulator, received } = await wire();
    pair.unplug();
    await simulator.presentDocument(LINE);
    expect(simulator.zonesSent).toBe(0);
    pair.replug();
    await pair.host.open();
    await simulator.start();
    await simulator.presentDocument(LINE);
    expect(text(await received())).toBe(`${LINE[0]}\r\n`);
    expect(simulator.zonesSent).toBe(1);
  });
});
