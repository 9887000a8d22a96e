import { samWireTimeMs } from './samWireTime.js';

/**
 * Per-command timeouts and the card poll interval (research/idcard.md §6). Defaults follow the
 * Synjones SDK, the most generous of the public ones, since a kiosk would rather wait a little
 * longer than tell a citizen their card failed.
 */
export interface IdCardReaderTimings {
  /** Reset, SAM status, SAM id: 300 ms in Synjones and YinanSoft. */
  readonly controlTimeoutMs: number;
  /** Find card: Synjones 500, YinanSoft 100. */
  readonly findTimeoutMs: number;
  readonly selectTimeoutMs: number;
  /** Read text + photo: Synjones 3500, YinanSoft 2000; the card's own crypto is the slow part. */
  readonly readTimeoutMs: number;
  /** Between presence polls; guocihong warns to keep it above 300 ms. */
  readonly pollIntervalMs: number;
  /** This many command timeouts in a row mean the reader itself has stopped answering. */
  readonly silentCommandsBeforeFault: number;
}

export const DEFAULT_ID_CARD_READER_TIMINGS: IdCardReaderTimings = {
  controlTimeoutMs: 300,
  findTimeoutMs: 500,
  selectTimeoutMs: 500,
  readTimeoutMs: 3500,
  pollIntervalMs: 300,
  silentCommandsBeforeFault: 3,
};

/** Longest standard reply of each step, so slow baud rates get their wire time on top of the timeout. */
const REPLY_BYTES = { control: 27, find: 15, select: 19, read: 1295 } as const;
export type SamStep = keyof typeof REPLY_BYTES;

export function stepTimeoutMs(step: SamStep, timings: IdCardReaderTimings, baudRate: number): number {
  const base = { control: timings.controlTimeoutMs, find: timings.findTimeoutMs, select: timings.selectTimeoutMs, read: timings.readTimeoutMs }[step];
  return base + samWireTimeMs(REPLY_BYTES[step], baudRate);
}
