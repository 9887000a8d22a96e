import { describe, expect, it } from 'vitest';
import { READ_CARD_MESSAGES, type ReadCardProgress } from '../../../../../drivers/idcard/reader/readCardResult.js';
import { SIMULATED_RESIDENT_FIELDS, syntheticResidentCard, syntheticWltBlob } from '../../../../../drivers/idcard/simulator/simulatedCard.js';
import { FOREIGNER_2023_LAYOUT } from '../../../../../drivers/idcard/textBlock/foreignerCard2023.js';
import { encodeTextBlock } from '../../../../../drivers/idcard/textBlock/textBlockLayout.js';
import { foreigner2023Fields, residentTextBlock } from '../syntheticCards.js';
import { countOf, readerOnSimulator, until } from './readerHarness.js';

describe('IdCardReader.open', () => {
  it('opens the transport, checks the SAM and becomes ready', async () => {
    const { reader, simulator, states } = await readerOnSimulator();
    await reader.open();
    expect(simulator.receivedCommands).toEqual(['sam-status']);
    expect(states).toEqual(['connecting', 'ready']);
    expect(reader.status()).toMatchObject({ kind: 'id-card-reader', id: 'idcard-1', binding: 'simulated', simulated: true, state: 'ready', fault: null });
    expect(reader.status().capabilities).toContain('residence-permit');
  });

  it('reports a failed SAM self-test as a fault in both languages', async () => {
    const { reader, simulator } = await readerOnSimulator();
    simulator.setSamSelfTestFailed(true);
    await reader.open();
    expect(reader.status().state).toBe('fault');
    expect(reader.status().fault).toEqual({ code: 'sam-self-test-failed', message: { 'zh-CN': 'SAM自检失败', en: 'SAM self-test failed; it accepts no commands' } });
  });

  it('is a "not responding" fault when the reader stays silent, and recovers on a health check', async () => {
    const { reader, simulator } = await readerOnSimulator();
    simulator.injectFault({ kind: 'silence', on: 'sam-status' });
    await reader.open();
    expect(reader.status().fault?.code).toBe('reader-not-responding');
    expect(reader.status().fault?.message['zh-CN']).toContain('无响应');
    expect((await reader.checkHealth()).state).toBe('ready');
    expect(reader.status().fault).toBeNull();
  });

  it('is a protocol fault when the status reply has a bad checksum', async () => {
    const { reader, simulator } = await readerOnSimulator();
    simulator.injectFault({ kind: 'bad-checksum', on: 'sam-status' });
    await reader.open();
    expect(reader.status()).toMatchObject({ state: 'fault', fault: { code: 'reader-protocol-error' } });
    expect(reader.status().statistics.errors).toBe(1);
  });

  it('stays offline with a "not found" fault when the device is unplugged before open', async () => {
    const { reader, pair } = await readerOnSimulator();
    pair.unplug();
    await reader.open();
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'reader-not-found' } });
  });

  it('tolerates garbage before the status reply', async () => {
    const { reader, simulator } = await readerOnSimulator();
    simulator.injectFault({ kind: 'garbage-before-reply', on: 'sam-status' });
    await reader.open();
    expect(reader.status().state).toBe('ready');
  });
});

describe('IdCardReader.readCard', () => {
  it('reads a card: find, select, read, and returns the decoded card with the raw photo', async () => {
    const { reader, simulator, states } = await readerOnSimulator();
    simulator.placeCard(syntheticResidentCard());
    await reader.open();
    const result = await reader.readCard({ timeoutMs: 2000 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.card).toMatchObject({
      type: 'resident',
      name: SIMULATED_RESIDENT_FIELDS.name,
      idNumber: SIMULATED_RESIDENT_FIELDS.idNumber,
      address: SIMULATED_RESIDENT_FIELDS.address,
      validTo: { kind: 'long-term' },
      nation: { code: '01', name: '汉' },
    });
    expect(result.idNumberValid).toBe(true);
    expect(result.photo).toEqual(syntheticWltBlob());
    expect(result.cardWasLeftOnReader).toBe(false);
    expect(simulator.receivedCommands).toEqual(['sam-status', 'find-card', 'select-card', 'read-text-photo']);
    expect(states).toEqual(['connecting', 'ready', 'busy', 'ready']);
    expect(reader.status().statistics).toEqual({ reads: 1 });
  });

  it('reads other card types and flags a bad check digit', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.placeCard({ ...syntheticResidentCard(), text: encodeTextBlock(FOREIGNER_2023_LAYOUT, foreigner2023Fields) });
    const foreigner = await reader.readCard({ timeoutMs: 2000 });
    expect(foreigner.ok && foreigner.card.type).toBe('foreigner-2023');
    expect(foreigner.ok && foreigner.idNumberValid).toBe(true);

    const badDigit = SIMULATED_RESIDENT_FIELDS.idNumber.slice(0, 17) + (SIMULATED_RESIDENT_FIELDS.idNumber.endsWith('0') ? '1' : '0');
    simulator.placeCard(syntheticResidentCard({ idNumber: badDigit }));
    const resident = await reader.readCard({ timeoutMs: 2000 });
    expect(resident.ok && resident.card.idNumber).toBe(badDigit);
    expect(resident.ok && resident.idNumberValid).toBe(false);
  });

  it('reads the whole card whatever size the transport cuts the bytes into (1 .. 1400 bytes)', async () => {
    const { reader, simulator, pair } = await readerOnSimulator();
    await reader.open();
    const card = syntheticResidentCard({}, { photo: syntheticWltBlob() });
    for (let size = 1; size <= 1400; size++) {
      pair.setChunkSize(size);
      simulator.removeCard();
      simulator.placeCard(card);
      const result = await reader.readCard({ timeoutMs: 2000 });
      if (!result.ok || result.card.idNumber !== SIMULATED_RESIDENT_FIELDS.idNumber) expect.fail(`chunk size ${size}: ${JSON.stringify(result)}`);
      expect(result.photo).toEqual(card.photo);
    }
    expect(reader.status().statistics).toEqual({ reads: 1400 });
  }, 60_000);

  it('polls until a card is placed', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    const reading = reader.readCard({ timeoutMs: 10_000 });
    await until(() => countOf(simulator.receivedCommands, 'find-card') >= 3, 'three empty finds');
    expect(reader.status().state).toBe('busy');
    simulator.placeCard(syntheticResidentCard());
    const result = await reading;
    expect(result.ok).toBe(true);
    expect(reader.status().statistics.errors).toBeUndefined();
  });

  it('times out with the "place your card" message when no card comes', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    const result = await reader.readCard({ timeoutMs: 30 });
    expect(result).toEqual({ ok: false, reason: 'timeout', message: READ_CARD_MESSAGES.timeout, detail: null });
    expect(result.ok === false && result.message['zh-CN']).toBe('未检测到身份证，请将身份证放在读卡区');
    expect(countOf(simulator.receivedCommands, 'read-text-photo')).toBe(0);
    expect(reader.status().state).toBe('ready');
  });

  it('stops at once when the caller aborts', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    const controller = new AbortController();
    const reading = reader.readCard({ timeoutMs: 60_000, signal: controller.signal });
    await until(() => countOf(simulator.receivedCommands, 'find-card') >= 2, 'two finds');
    controller.abort();
    const result = await reading;
    expect(result).toMatchObject({ ok: false, reason: 'cancelled', message: { 'zh-CN': '已取消读卡' } });
    expect(reader.status().state).toBe('ready');

    const already = new AbortController();
    already.abort();
    expect(await reader.readCard({ timeoutMs: 60_000, signal: already.signal })).toMatchObject({ reason: 'cancelled' });
  });

  it('aborts a read that is waiting on a silent reader', async () => {
    const { reader, simulator } = await readerOnSimulator({ timings: { findTimeoutMs: 60_000 } });
    await reader.open();
    simulator.injectFault({ kind: 'silence', on: 'find-card' });
    const controller = new AbortController();
    const reading = reader.readCard({ timeoutMs: 60_000, signal: controller.signal });
    await until(() => countOf(simulator.receivedCommands, 'find-card') === 1, 'the find');
    controller.abort();
    expect(await reading).toMatchObject({ reason: 'cancelled' });
  });

  it('retries after the card is pulled away mid-read (SW3 41) and reads it when put back', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    const card = syntheticResidentCard();
    simulator.placeCard(card);
    simulator.injectFault({ kind: 'card-removed-mid-read', mode: 'fail' });
    const progress: ReadCardProgress[] = [];
    const result = await reader.readCard({
      timeoutMs: 10_000,
      onProgress: (event) => {
        progress.push(event);
        if (event.kind === 'card-removed') simulator.placeCard(card);
      },
    });
    expect(result.ok).toBe(true);
    expect(progress).toEqual([{ kind: 'card-detected' }, { kind: 'card-removed', message: READ_CARD_MESSAGES['card-removed'] }, { kind: 'card-detected' }]);
    expect(reader.status().statistics).toMatchObject({ reads: 1, failedReads: 1 });
  });

  it('says the card was removed when a truncated read is not followed by the card coming back', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.placeCard(syntheticResidentCard());
    simulator.injectFault({ kind: 'card-removed-mid-read', mode: 'truncate' });
    const progress: ReadCardProgress[] = [];
    const result = await reader.readCard({ timeoutMs: 600, onProgress: (event) => progress.push(event) });
    expect(result).toMatchObject({ ok: false, reason: 'card-removed', message: { 'zh-CN': '读卡时证件被移开，请将身份证放回读卡区并保持不动' } });
    expect(progress.map((p) => p.kind)).toEqual(['card-detected', 'card-removed']);
    expect(reader.status()).toMatchObject({ state: 'ready', statistics: { failedReads: 1 } });
  });

  it('recovers from a corrupted read reply by reading the card that is still there', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.placeCard(syntheticResidentCard());
    simulator.injectFault({ kind: 'bad-checksum', on: 'read-text-photo' });
    const progress: ReadCardProgress[] = [];
    const result = await reader.readCard({ timeoutMs: 10_000, onProgress: (event) => progress.push(event) });
    expect(result.ok && result.card.name).toBe(SIMULATED_RESIDENT_FIELDS.name);
    expect(result.ok && result.cardWasLeftOnReader).toBe(false);
    // The SAM counted the card as read, so find answers 80 and a direct read is what works.
    expect(simulator.receivedCommands.slice(1)).toEqual(['find-card', 'select-card', 'read-text-photo', 'find-card', 'read-text-photo']);
    expect(progress.map((p) => p.kind)).toEqual(['card-detected']);
    expect(reader.status().statistics).toMatchObject({ reads: 1, failedReads: 1, errors: 1 });
  });

  it('reads through garbage bytes and a lost reply on find and select', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.placeCard(syntheticResidentCard());
    simulator.injectFault({ kind: 'garbage-before-reply', on: 'select-card' });
    simulator.injectFault({ kind: 'garbage-before-reply', on: 'read-text-photo', bytes: Uint8Array.of(0xaa, 0xaa, 0x01, 0x96) });
    simulator.injectFault({ kind: 'silence', on: 'find-card' });
    const result = await reader.readCard({ timeoutMs: 10_000 });
    expect(result.ok).toBe(true);
    expect(reader.status().statistics).toMatchObject({ reads: 1, errors: 1 });
  });

  it('re-reads a card left on the reader after an earlier read, and says so', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.placeCard(syntheticResidentCard());
    expect((await reader.readCard({ timeoutMs: 2000 })).ok).toBe(true);
    expect(simulator.cardState).toBe('read');

    const again = await reader.readCard({ timeoutMs: 2000 });
    expect(again.ok && again.cardWasLeftOnReader).toBe(true);
    expect(again.ok && again.card.idNumber).toBe(SIMULATED_RESIDENT_FIELDS.idNumber);
    expect(simulator.receivedCommands.slice(-2)).toEqual(['find-card', 'read-text-photo']);
  });

  it('does not count it as an error when the card left earlier has been taken away', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.placeCard(syntheticResidentCard());
    await reader.readCard({ timeoutMs: 2000 });
    simulator.removeCard();
    const result = await reader.readCard({ timeoutMs: 30 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    // One probe only: afterwards it polls find like any empty reader.
    expect(countOf(simulator.receivedCommands, 'read-text-photo')).toBe(2);
    expect(reader.status().statistics).toEqual({ reads: 1 });
  });

  it('goes offline with reason reader-offline when unplugged mid-read, and comes back after replug', async () => {
    const { reader, simulator, pair, states } = await readerOnSimulator({ simulator: { pacing: 'wire-time', baudRate: 9600 } });
    await reader.open();
    simulator.placeCard(syntheticResidentCard());
    const reading = reader.readCard({ timeoutMs: 10_000 });
    await until(() => countOf(simulator.receivedCommands, 'read-text-photo') === 1, 'the read command');
    pair.unplug();
    const result = await reading;
    expect(result).toMatchObject({ ok: false, reason: 'reader-offline', message: { 'zh-CN': '读卡器暂时无法使用，请联系工作人员' } });
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'reader-disconnected' } });
    expect(states.slice(-2)).toEqual(['busy', 'offline']);
    expect(await reader.readCard({ timeoutMs: 1000 })).toMatchObject({ reason: 'reader-offline' });

    pair.replug();
    await simulator.start();
    await reader.open();
    expect(reader.status().state).toBe('ready');
    simulator.placeCard(syntheticResidentCard());
    expect((await reader.readCard({ timeoutMs: 10_000 })).ok).toBe(true);
  }, 20_000);

  it('ends a running read as reader-offline when the reader is closed, without a fault', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    const reading = reader.readCard({ timeoutMs: 60_000 });
    await until(() => countOf(simulator.receivedCommands, 'find-card') >= 1, 'a find');
    await reader.close();
    expect(await reading).toMatchObject({ ok: false, reason: 'reader-offline' });
    expect(reader.status()).toMatchObject({ state: 'offline', fault: null });
  });

  it('goes offline when unplugged while idle', async () => {
    const { reader, pair } = await readerOnSimulator();
    await reader.open();
    pair.unplug();
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'reader-disconnected', message: { en: expect.stringContaining('unplugged') } } });
  });

  it('faults the reader and answers reader-offline when the reader stops answering', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.injectFault({ kind: 'silence' }, { times: 3 });
    const result = await reader.readCard({ timeoutMs: 60_000 });
    expect(result).toMatchObject({ ok: false, reason: 'reader-offline' });
    expect(reader.status()).toMatchObject({ state: 'fault', fault: { code: 'reader-not-responding' }, statistics: { errors: 3 } });
    expect(await reader.readCard({ timeoutMs: 1000 })).toMatchObject({ reason: 'reader-offline' });
    expect((await reader.checkHealth()).state).toBe('ready');
  });

  it('faults the reader when the SAM fails its self-test during a read', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    simulator.setSamSelfTestFailed(true);
    expect(await reader.readCard({ timeoutMs: 60_000 })).toMatchObject({ ok: false, reason: 'reader-offline' });
    expect(reader.status()).toMatchObject({ state: 'fault', fault: { code: 'sam-self-test-failed' } });
  });

  it('fails without retrying a card whose text block it cannot interpret', async () => {
    const { reader, simulator } = await readerOnSimulator();
    await reader.open();
    const text = residentTextBlock();
    text[248] = 0x5a; // 'Z': no known card type
    simulator.placeCard({ ...syntheticResidentCard(), text });
    const result = await reader.readCard({ timeoutMs: 60_000 });
    expect(result).toEqual({ ok: false, reason: 'read-failed', message: READ_CARD_MESSAGES['read-failed'], detail: 'unknown-card-type' });
    expect(reader.status()).toMatchObject({ state: 'ready', statistics: { failedReads: 1 } });
  });

  it('refuses a second read while one is running, and one before open', async () => {
    const { reader, simulator } = await readerOnSimulator();
    expect(await reader.readCard({ timeoutMs: 10 })).toMatchObject({ reason: 'reader-offline' });
    await reader.open();
    const first = reader.readCard({ timeoutMs: 60 });
    expect(await reader.readCard({ timeoutMs: 10 })).toMatchObject({ reason: 'read-failed', detail: 'a read is already in progress' });
    expect(await first).toMatchObject({ reason: 'timeout' });
    expect(countOf(simulator.receivedCommands, 'sam-status')).toBe(1);
  });

  it('emits no card data without a request: a reply nobody asked for is dropped', async () => {
    const { reader, simulator, pair } = await readerOnSimulator();
    await reader.open();
    const seen: unknown[] = [];
    reader.onStatusChange((status) => seen.push(status));
    // The device end pushes a complete read reply while the driver is idle.
    const { readReplyFrame } = await import('../syntheticCards.js');
    await pair.device.write(readReplyFrame(residentTextBlock()));
    await until(() => true, 'delivery');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    // Nor does it leak into the next request: with no card present that request times out.
    const result = await reader.readCard({ timeoutMs: 30 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(countOf(simulator.receivedCommands, 'read-text-photo')).toBe(0);
  });
});
