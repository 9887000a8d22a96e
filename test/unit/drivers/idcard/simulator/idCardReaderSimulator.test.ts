import { describe, expect, it } from 'vitest';
import { decodeReaderReply } from '../../../../../drivers/idcard/decodeReaderReply.js';
import {
  type SamCommand,
  encodeSamCommand,
  findCardCommand,
  readAppendedAddressCommand,
  readTextAndPhotoCommand,
  readTextPhotoAndFingerprintCommand,
  resetSamCommand,
  samIdCommand,
  samStatusCommand,
  selectCardCommand,
  setBaudRateCommand,
  setMaxRfFrameBytesCommand,
} from '../../../../../drivers/idcard/samCommands.js';
import { decodeSamFrames } from '../../../../../drivers/idcard/samFrameDecoder.js';
import { IdCardReaderSimulator, type IdCardReaderSimulatorOptions } from '../../../../../drivers/idcard/simulator/idCardReaderSimulator.js';
import { SIMULATED_RESIDENT_FIELDS, syntheticResidentCard, syntheticWltBlob } from '../../../../../drivers/idcard/simulator/simulatedCard.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';
import { fromHex, readReplyFrame, statusFrame, toHex } from '../syntheticCards.js';

/** The SIMULATED reader on the device end; the test plays the host with raw bytes. */
async function simulatorWithHost(options: IdCardReaderSimulatorOptions = {}) {
  const pair = createInMemoryTransportPair('sim');
  const simulator = new IdCardReaderSimulator(pair.device, options);
  await simulator.start();
  await pair.host.open();
  let received: number[] = [];
  const chunks: number[] = [];
  pair.host.onData((chunk) => {
    received.push(...chunk);
    chunks.push(chunk.length);
  });
  /** Sends raw bytes and returns every byte the simulator answered with. */
  const send = async (bytes: Uint8Array): Promise<Uint8Array> => {
    received = [];
    await pair.host.write(bytes);
    await turns(3);
    await simulator.idle();
    await turns(3);
    return Uint8Array.from(received);
  };
  const command = (samCommand: SamCommand) => send(encodeSamCommand(samCommand));
  return { pair, simulator, send, command, chunks };
}

async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

const sw3Of = (reply: Uint8Array) => reply[9];

describe('IdCardReaderSimulator: commands', () => {
  it('answers reset, status and set-max-RF with the exact 90 frame', async () => {
    const { command } = await simulatorWithHost();
    const ok = toHex(statusFrame(0x90));
    expect(ok).toBe('AAAAAA96690004000090' + '94');
    expect(toHex(await command(resetSamCommand()))).toBe(ok);
    expect(toHex(await command(samStatusCommand()))).toBe(ok);
    expect(toHex(await command(setMaxRfFrameBytesCommand(0x50)))).toBe(ok);
  });

  it('answers the SAM id with 16 bytes that format as a management number', async () => {
    const { command } = await simulatorWithHost();
    const reply = await command(samIdCommand());
    expect(reply).toHaveLength(27);
    expect(decodeReaderReply(reply)).toMatchObject({ ok: true, kind: 'sam-id', samId: '05.01-20240101-0000000001-0000000042' });
  });

  it('finds, selects and reads a placed card: 15, 19 and 1295 bytes', async () => {
    const { command, simulator } = await simulatorWithHost();
    expect(toHex(await command(findCardCommand()))).toBe(toHex(statusFrame(0x80)));
    const card = syntheticResidentCard();
    simulator.placeCard(card);
    expect(toHex(await command(findCardCommand()))).toBe(toHex(statusFrame(0x9f, new Uint8Array(4))));
    expect(toHex(await command(selectCardCommand()))).toBe(toHex(statusFrame(0x90, new Uint8Array(8))));
    const read = await command(readTextAndPhotoCommand());
    expect(toHex(read)).toBe(toHex(readReplyFrame(card.text, card.photo)));
    expect(read).toHaveLength(1295);
    const decoded = decodeReaderReply(read);
    expect(decoded).toMatchObject({ ok: true, kind: 'card', idNumberValid: true, card: { type: 'resident', name: SIMULATED_RESIDENT_FIELDS.name } });
    expect(decoded.ok && decoded.kind === 'card' && decoded.photo).toEqual(syntheticWltBlob());
  });

  it('reads with fingerprint: 1297 bytes without one, 1809 with 512 bytes', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.placeCard(syntheticResidentCard());
    await command(findCardCommand());
    await command(selectCardCommand());
    expect(await command(readTextPhotoAndFingerprintCommand())).toHaveLength(1297);

    const fingerprint = new Uint8Array(512).fill(0x5a);
    simulator.placeCard(syntheticResidentCard({}, { fingerprint }));
    await command(findCardCommand());
    await command(selectCardCommand());
    const reply = await command(readTextPhotoAndFingerprintCommand());
    expect(reply).toHaveLength(1809);
    const decoded = decodeReaderReply(reply);
    expect(decoded.ok && decoded.kind === 'card' && decoded.fingerprint).toEqual(fingerprint);
  });

  it('refuses select without find (81) and read without select (41)', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.placeCard(syntheticResidentCard());
    expect(sw3Of(await command(selectCardCommand()))).toBe(0x81);
    expect(sw3Of(await command(readTextAndPhotoCommand()))).toBe(0x41);
  });

  it('answers the appended address right after a read: 91 when there is none, the address otherwise', async () => {
    const { command, simulator } = await simulatorWithHost();
    const readCard = async () => {
      await command(findCardCommand());
      await command(selectCardCommand());
      await command(readTextAndPhotoCommand());
    };
    simulator.placeCard(syntheticResidentCard());
    expect(sw3Of(await command(readAppendedAddressCommand()))).toBe(0x41);
    await readCard();
    expect(toHex(await command(readAppendedAddressCommand()))).toBe(toHex(statusFrame(0x91)));

    simulator.placeCard(syntheticResidentCard({}, { appendedAddress: '北京市西城区模拟胡同8号' }));
    await readCard();
    const reply = await command(readAppendedAddressCommand());
    expect(reply).toHaveLength(81);
    expect(decodeReaderReply(reply)).toMatchObject({ ok: true, kind: 'appended-address', appendedAddress: '北京市西城区模拟胡同8号' });
  });

  it('treats a card left on the reader as already read: find answers 80 until it is taken and put back', async () => {
    const { command, simulator } = await simulatorWithHost();
    const card = syntheticResidentCard();
    simulator.placeCard(card);
    await command(findCardCommand());
    await command(selectCardCommand());
    await command(readTextAndPhotoCommand());
    expect(simulator.cardState).toBe('read');
    expect(sw3Of(await command(findCardCommand()))).toBe(0x80);
    // What SDKs that re-read a present card rely on: a direct read still works.
    expect(sw3Of(await command(readTextAndPhotoCommand()))).toBe(0x90);
    simulator.removeCard();
    simulator.placeCard(card);
    expect(sw3Of(await command(findCardCommand()))).toBe(0x9f);
  });

  it('switches baud rate after answering 60 xx, and refuses an unknown rate with 21', async () => {
    const { command, send, simulator } = await simulatorWithHost();
    expect(sw3Of(await command(setBaudRateCommand(9600)))).toBe(0x90);
    expect(simulator.baudRate).toBe(9600);
    expect(sw3Of(await send(fromHex('AAAAAA96690003600764')))).toBe(0x21);
    expect(simulator.baudRate).toBe(9600);
  });

  it('answers an unknown command with 21, a bad checksum with 10, and a bad length with 11', async () => {
    const { send, simulator } = await simulatorWithHost();
    expect(sw3Of(await send(fromHex('AAAAAA9669000377FF8B')))).toBe(0x21);
    expect(sw3Of(await send(fromHex('AAAAAA9669000311FF00')))).toBe(0x10);
    expect(sw3Of(await send(fromHex('AAAAAA96690FFF11FF00')))).toBe(0x11);
    expect(simulator.receivedCommands).toEqual(['unknown']);
  });

  it('decodes commands that arrive one byte at a time, mixed with noise', async () => {
    const { pair, send, simulator } = await simulatorWithHost();
    pair.setChunkSize(1);
    const stream = Uint8Array.from([0x00, 0x55, ...encodeSamCommand(samStatusCommand()), 0xaa, 0x13, ...encodeSamCommand(resetSamCommand())]);
    const reply = await send(stream);
    expect(decodeSamFrames(reply).filter((e) => e.type === 'frame')).toHaveLength(2);
    expect(simulator.receivedCommands).toEqual(['sam-status', 'reset-sam']);
  });

  it('answers 60 to everything while its SAM self-test fails', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.setSamSelfTestFailed(true);
    expect(sw3Of(await command(samStatusCommand()))).toBe(0x60);
    expect(sw3Of(await command(resetSamCommand()))).toBe(0x60);
    simulator.setSamSelfTestFailed(false);
    expect(sw3Of(await command(samStatusCommand()))).toBe(0x90);
  });
});

describe('IdCardReaderSimulator: faults', () => {
  it('silence: no reply to the next matching command, then normal again', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.injectFault({ kind: 'silence', on: 'find-card' });
    expect(await command(samStatusCommand())).toHaveLength(11);
    expect(await command(findCardCommand())).toHaveLength(0);
    expect(await command(findCardCommand())).toHaveLength(11);
  });

  it('bad checksum: the reply fails its XOR and nothing else changes', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.injectFault({ kind: 'bad-checksum' }, { times: 2 });
    for (let i = 0; i < 2; i++) {
      const events = decodeSamFrames(await command(samStatusCommand()));
      expect(events.map((e) => (e.type === 'error' ? e.error.code : 'frame'))).toEqual(['checksum-mismatch']);
    }
    expect(decodeSamFrames(await command(samStatusCommand())).map((e) => e.type)).toEqual(['frame']);
  });

  it('garbage before the reply: noise, then the intact frame', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.injectFault({ kind: 'garbage-before-reply', bytes: Uint8Array.of(1, 2, 3) });
    const reply = await command(samStatusCommand());
    expect(toHex(reply)).toBe('010203' + toHex(statusFrame(0x90)));
  });

  it('card removed mid-read (truncate): half the reply, then the card is gone', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.placeCard(syntheticResidentCard());
    simulator.injectFault({ kind: 'card-removed-mid-read', mode: 'truncate' });
    await command(findCardCommand());
    await command(selectCardCommand());
    const reply = await command(readTextAndPhotoCommand());
    expect(reply).toHaveLength(647);
    const card = syntheticResidentCard();
    expect(toHex(reply)).toBe(toHex(readReplyFrame(card.text, card.photo).subarray(0, 647)));
    expect(simulator.cardState).toBe('absent');
    expect(sw3Of(await command(findCardCommand()))).toBe(0x80);
  });

  it('card removed mid-read (fail): SW3 41, and the fault waits for a read that would have worked', async () => {
    const { command, simulator } = await simulatorWithHost();
    simulator.injectFault({ kind: 'card-removed-mid-read', mode: 'fail' });
    simulator.placeCard(syntheticResidentCard());
    expect(sw3Of(await command(readTextAndPhotoCommand()))).toBe(0x41);
    expect(simulator.cardState).toBe('in-field');
    await command(findCardCommand());
    await command(selectCardCommand());
    expect(toHex(await command(readTextAndPhotoCommand()))).toBe(toHex(statusFrame(0x41)));
    expect(simulator.cardState).toBe('absent');
  });

  it('paces replies at the baud rate in UART-sized pieces, byte for byte the same', async () => {
    const { command, simulator, chunks } = await simulatorWithHost({ pacing: 'wire-time', baudRate: 115200 });
    simulator.placeCard(syntheticResidentCard());
    await command(findCardCommand());
    await command(selectCardCommand());
    chunks.length = 0;
    const reply = await command(readTextAndPhotoCommand());
    const card = syntheticResidentCard();
    expect(toHex(reply)).toBe(toHex(readReplyFrame(card.text, card.photo)));
    expect(chunks).toHaveLength(Math.ceil(1295 / 32));
  });

  it('abandons a paced reply when unplugged, and serves the new link after replug', async () => {
    const { pair, command, simulator } = await simulatorWithHost({ pacing: 'wire-time', baudRate: 9600 });
    simulator.placeCard(syntheticResidentCard());
    await command(findCardCommand());
    await command(selectCardCommand());
    const received: number[] = [];
    pair.host.onData((chunk) => received.push(...chunk));
    await pair.host.write(encodeSamCommand(readTextAndPhotoCommand()));
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    pair.unplug();
    pair.replug();
    await simulator.start();
    await pair.host.open();
    await simulator.idle();
    const cutAt = received.length;
    expect(cutAt).toBeLessThan(1295);
    expect(toHex(await command(samStatusCommand()))).toBe(toHex(statusFrame(0x90)));
    expect(received.length).toBe(cutAt + 11);
  });
});
