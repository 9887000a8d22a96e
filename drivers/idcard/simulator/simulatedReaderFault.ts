import type { SamCommandName } from '../samCommands.js';

/**
 * Faults the SIMULATED reader takes on command, each for the next matching command (or the
 * next `times` ones). No card, a card left on the reader and a failing SAM are states of the
 * simulator instead (placeCard/removeCard/setSamSelfTestFailed); unplug is the transport pair's.
 */
export type SimulatedReaderFault =
  /** No reply at all: the host must time out. */
  | { kind: 'silence'; on?: SamCommandName }
  /** The reply's checksum byte is inverted. */
  | { kind: 'bad-checksum'; on?: SamCommandName }
  /** Line noise before the reply; the default bytes cannot form part of a preamble. */
  | { kind: 'garbage-before-reply'; on?: SamCommandName; bytes?: Uint8Array }
  /**
   * The citizen pulls the card away during a read (30 01 / 30 10) that would have worked:
   * 'truncate' sends the first half of the reply and then nothing, 'fail' answers SW3 41.
   * Either way the card is gone afterwards.
   */
  | { kind: 'card-removed-mid-read'; mode: 'truncate' | 'fail' };

export type SimulatedReaderFaultKind = SimulatedReaderFault['kind'];

export const DEFAULT_GARBAGE: Readonly<Uint8Array> = Uint8Array.of(0x00, 0xff, 0x55, 0x13, 0x37, 0x0d, 0x0a);
