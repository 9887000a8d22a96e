import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasRealTimeStatusPattern,
  parseRealTimeStatus,
  realTimeStatusRequest,
  type RealTimeStatusKind,
} from '../../../../drivers/printer/escpos/realTimeStatus.js';

/** Every real answer has bits 1 and 4 set (0x12) and bits 0 and 7 clear. */
const BASE = 0x12;
const KINDS: RealTimeStatusKind[] = ['printer', 'offline-cause', 'error-cause', 'roll-paper'];

function status<K extends RealTimeStatusKind>(kind: K, reply: number) {
  const result = parseRealTimeStatus(kind, reply);
  if (!result.ok) throw new Error(`unexpected ${JSON.stringify(result.error)}`);
  return result.status;
}

describe('DLE EOT real-time status', () => {
  it('requests are DLE EOT 1..4', () => {
    expect(KINDS.map((kind) => Buffer.from(realTimeStatusRequest(kind)).toString('hex'))).toEqual(['100401', '100402', '100403', '100404']);
  });

  it('n=1 printer: all clear is online', () => {
    expect(status('printer', BASE)).toEqual({
      kind: 'printer',
      rawByte: 0x12,
      drawerPin3High: false,
      offline: false,
      waitingForOnlineRecovery: false,
      feedButtonPressed: false,
    });
  });

  it('n=1 printer: each bit sets exactly its own flag', () => {
    expect(status('printer', BASE | 0x04)).toMatchObject({ drawerPin3High: true, offline: false, waitingForOnlineRecovery: false, feedButtonPressed: false });
    expect(status('printer', BASE | 0x08)).toMatchObject({ drawerPin3High: false, offline: true, waitingForOnlineRecovery: false, feedButtonPressed: false });
    expect(status('printer', BASE | 0x20)).toMatchObject({ drawerPin3High: false, offline: false, waitingForOnlineRecovery: true, feedButtonPressed: false });
    expect(status('printer', BASE | 0x40)).toMatchObject({ drawerPin3High: false, offline: false, waitingForOnlineRecovery: false, feedButtonPressed: true });
  });

  it('n=2 offline cause: each bit sets exactly its own flag', () => {
    const none = { coverOpen: false, paperFedByFeedButton: false, stoppedByPaperEnd: false, errorOccurred: false };
    expect(status('offline-cause', BASE)).toEqual({ kind: 'offline-cause', rawByte: BASE, ...none });
    expect(status('offline-cause', BASE | 0x04)).toMatchObject({ ...none, coverOpen: true });
    expect(status('offline-cause', BASE | 0x08)).toMatchObject({ ...none, paperFedByFeedButton: true });
    expect(status('offline-cause', BASE | 0x20)).toMatchObject({ ...none, stoppedByPaperEnd: true });
    expect(status('offline-cause', BASE | 0x40)).toMatchObject({ ...none, errorOccurred: true });
  });

  it('n=3 error cause: each bit sets exactly its own flag', () => {
    const none = { mechanicalError: false, autocutterError: false, unrecoverableError: false, autoRecoverableError: false };
    expect(status('error-cause', BASE)).toEqual({ kind: 'error-cause', rawByte: BASE, ...none });
    expect(status('error-cause', BASE | 0x04)).toMatchObject({ ...none, mechanicalError: true });
    expect(status('error-cause', BASE | 0x08)).toMatchObject({ ...none, autocutterError: true });
    expect(status('error-cause', BASE | 0x20)).toMatchObject({ ...none, unrecoverableError: true });
    expect(status('error-cause', BASE | 0x40)).toMatchObject({ ...none, autoRecoverableError: true });
  });

  it('n=4 roll paper: Epson near end 0x0C, end 0x60, both, and either near-end sensor alone', () => {
    expect(status('roll-paper', BASE)).toEqual({ kind: 'roll-paper', rawByte: BASE, paperNearEnd: false, paperEnd: false });
    expect(status('roll-paper', BASE | 0x0c)).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(status('roll-paper', BASE | 0x60)).toMatchObject({ paperNearEnd: false, paperEnd: true });
    expect(status('roll-paper', BASE | 0x6c)).toMatchObject({ paperNearEnd: true, paperEnd: true });
    expect(status('roll-paper', BASE | 0x04)).toMatchObject({ paperNearEnd: true });
    expect(status('roll-paper', BASE | 0x08)).toMatchObject({ paperNearEnd: true });
  });

  it('n=4 roll paper: bit 6 alone is not paper end (the Citizen PPU-231II presenter sensor)', () => {
    expect(status('roll-paper', BASE | 0x40)).toMatchObject({ paperNearEnd: false, paperEnd: false });
    expect(status('roll-paper', BASE | 0x20)).toMatchObject({ paperEnd: true });
  });

  it('rejects a reply whose fixed bits are wrong, naming request and byte', () => {
    for (const reply of [0x00, 0x13, 0x92, 0x10, 0x02, 0x11, 0x14]) {
      expect(parseRealTimeStatus('printer', reply)).toEqual({
        ok: false,
        error: { kind: 'invalid-status-reply', request: 'printer', reply, reason: 'fixed-bits-wrong' },
      });
    }
  });

  it('rejects a value that is not a byte', () => {
    for (const reply of [-1, 256, 1.5, Number.NaN]) {
      expect(parseRealTimeStatus('roll-paper', reply)).toMatchObject({ ok: false, error: { reason: 'not-a-byte' } });
    }
  });

  it('property: any number gives a status or a typed error, never a throw, and only 0xx1xx10b bytes are accepted', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.oneof(fc.integer({ min: 0, max: 255 }), fc.double()), (kind, reply) => {
        const result = parseRealTimeStatus(kind, reply);
        const validByte = Number.isInteger(reply) && reply >= 0 && reply <= 255 && (reply & 0x93) === 0x12;
        expect(result.ok).toBe(validByte);
        expect(hasRealTimeStatusPattern(reply)).toBe(validByte);
        if (result.ok) expect(result.status.kind).toBe(kind);
      }),
    );
  });

  it('accepts exactly the 16 bytes matching the pattern', () => {
    const accepted = Array.from({ length: 256 }, (_, byte) => byte).filter((byte) => parseRealTimeStatus('printer', byte).ok);
    expect(accepted).toHaveLength(16);
    expect(accepted).toContain(0x12);
    expect(accepted).toContain(0x7e);
  });

  it('tells DLE EOT answers from ASB first bytes, XON and XOFF', () => {
    expect(hasRealTimeStatusPattern(0x12)).toBe(true);
    expect(hasRealTimeStatusPattern(0x10)).toBe(false); // ASB byte 1: 0xx1xx00b
    expect(hasRealTimeStatusPattern(0x11)).toBe(false); // XON
    expect(hasRealTimeStatusPattern(0x13)).toBe(false); // XOFF
  });
});
