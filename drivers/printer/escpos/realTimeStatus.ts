import { DLE, EOT } from './escPosCommands.js';

/**
 * Real-time status, DLE EOT n (n = 1..4). The printer answers these even when offline or its
 * buffer is full, so they are the only reliable way to see paper end (research §5.1). Every
 * answer byte has the fixed pattern 0xx1xx10b; a byte that breaks it is something else (an ASB
 * frame, XON/XOFF, a stale reply) and is reported as such rather than misread.
 */

export type RealTimeStatusKind = 'printer' | 'offline-cause' | 'error-cause' | 'roll-paper';

const REQUEST_NUMBER: Record<RealTimeStatusKind, 1 | 2 | 3 | 4> = {
  printer: 1,
  'offline-cause': 2,
  'error-cause': 3,
  'roll-paper': 4,
};

export function realTimeStatusRequest(kind: RealTimeStatusKind): Uint8Array {
  return Uint8Array.of(DLE, EOT, REQUEST_NUMBER[kind]);
}

/** DLE EOT 1. */
export interface PrinterStatus {
  kind: 'printer';
  rawByte: number;
  drawerPin3High: boolean;
  offline: boolean;
  /** Bit 5, some models only. */
  waitingForOnlineRecovery: boolean;
  /** Bit 6, some models only. */
  feedButtonPressed: boolean;
}

/** DLE EOT 2: why the printer is offline. */
export interface OfflineCauseStatus {
  kind: 'offline-cause';
  rawByte: number;
  coverOpen: boolean;
  paperFedByFeedButton: boolean;
  stoppedByPaperEnd: boolean;
  errorOccurred: boolean;
}

/** DLE EOT 3: which error. */
export interface ErrorCauseStatus {
  kind: 'error-cause';
  rawByte: number;
  /** Bit 2: mechanical error on Epson TM-U220, black-mark error on Citizen. */
  mechanicalError: boolean;
  /** Recover with DLE ENQ 1/2 after clearing the jam. */
  autocutterError: boolean;
  unrecoverableError: boolean;
  /** Head overheat or supply voltage; clears by itself. */
  autoRecoverableError: boolean;
}

/** DLE EOT 4: roll paper sensors. */
export interface RollPaperStatus {
  kind: 'roll-paper';
  rawByte: number;
  paperNearEnd: boolean;
  paperEnd: boolean;
}

export type RealTimeStatus = PrinterStatus | OfflineCauseStatus | ErrorCauseStatus | RollPaperStatus;

export interface InvalidStatusReply {
  kind: 'invalid-status-reply';
  request: RealTimeStatusKind;
  reply: number;
  reason: 'not-a-byte' | 'fixed-bits-wrong';
}

interface StatusByKind {
  printer: PrinterStatus;
  'offline-cause': OfflineCauseStatus;
  'error-cause': ErrorCauseStatus;
  'roll-paper': RollPaperStatus;
}

export type RealTimeStatusResult<K extends RealTimeStatusKind> = { ok: true; status: StatusByKind[K] } | { ok: false; error: InvalidStatusReply };

/** Bits 0 and 7 clear, bits 1 and 4 set. */
const FIXED_BITS_MASK = 0b1001_0011;
const FIXED_BITS_VALUE = 0b0001_0010;

function isByte(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xff;
}

/** Tells a DLE EOT answer apart from ASB bytes (0xx1xx00b), XON/XOFF and GS r answers (research §5.4). */
export function hasRealTimeStatusPattern(reply: number): boolean {
  return isByte(reply) && (reply & FIXED_BITS_MASK) === FIXED_BITS_VALUE;
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

const DECODERS: { [K in RealTimeStatusKind]: (byte: number) => StatusByKind[K] } = {
  printer: (byte) => ({
    kind: 'printer',
    rawByte: byte,
    drawerPin3High: bit(byte, 2),
    offline: bit(byte, 3),
    waitingForOnlineRecovery: bit(byte, 5),
    feedButtonPressed: bit(byte, 6),
  }),
  'offline-cause': (byte) => ({
    kind: 'offline-cause',
    rawByte: byte,
    coverOpen: bit(byte, 2),
    paperFedByFeedButton: bit(byte, 3),
    stoppedByPaperEnd: bit(byte, 5),
    errorOccurred: bit(byte, 6),
  }),
  'error-cause': (byte) => ({
    kind: 'error-cause',
    rawByte: byte,
    mechanicalError: bit(byte, 2),
    autocutterError: bit(byte, 3),
    unrecoverableError: bit(byte, 5),
    autoRecoverableError: bit(byte, 6),
  }),
  // Epson sets bits 2+3 for near end and 5+6 for end; either near-end bit counts (Citizen wires
  // two sensors there), but only bit 5 means end, since the Citizen PPU-231II uses bit 6 for its presenter.
  'roll-paper': (byte) => ({
    kind: 'roll-paper',
    rawByte: byte,
    paperNearEnd: (byte & 0x0c) !== 0,
    paperEnd: bit(byte, 5),
  }),
};

/** Parses the one-byte answer to realTimeStatusRequest(kind); never throws. */
export function parseRealTimeStatus<K extends RealTimeStatusKind>(request: K, reply: number): RealTimeStatusResult<K> {
  if (!isByte(reply)) {
    return { ok: false, error: { kind: 'invalid-status-reply', request, reply, reason: 'not-a-byte' } };
  }
  if (!hasRealTimeStatusPattern(reply)) {
    return { ok: false, error: { kind: 'invalid-status-reply', request, reply, reason: 'fixed-bits-wrong' } };
  }
  return { ok: true, status: DECODERS[request](reply) };
}
