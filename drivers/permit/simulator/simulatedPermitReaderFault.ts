import type { CheckDigitName } from '../mrz/mrzError.js';

/**
 * Faults the SIMULATED permit reader takes on command, each for the next presented document
 * (or the next `times` ones). "No document" is simply presenting none: in serial-text mode a
 * reader with nothing on its glass sends nothing. Unplug and replug are the link's (the
 * in-memory pair's unplug()/replug(), or killing socat).
 */
export type SimulatedPermitReaderFault =
  /** OCR misreads one character covered by this check digit, so that check (and usually the composite, which covers it too) fails. */
  | { kind: 'misread'; check: CheckDigitName }
  /**
   * Bytes that are not MRZ text. 'before-zone': a line of its own ahead of the zone, which the
   * driver skips. 'inside-line': spliced into the middle of the first line, which makes it the
   * wrong length (a bad read).
   */
  | { kind: 'garbage'; where: 'before-zone' | 'inside-line'; bytes?: Uint8Array }
  /** The reader sends nothing for this document (hung, or did not see it). */
  | { kind: 'silence' }
  /** The reader stops after this many lines (document pulled away mid-scan, reader reset). */
  | { kind: 'cut-off'; afterLines: number };

export type SimulatedPermitReaderFaultKind = SimulatedPermitReaderFault['kind'];

/** A noise line: none of it is MRZ text. */
export const DEFAULT_NOISE: Readonly<Uint8Array> = Uint8Array.of(0x00, 0xff, 0x55, 0x13, 0x37, 0x7f, 0x80, 0xaa);
/** Spliced into a line: few enough that the line still looks like MRZ text, only the wrong length. */
export const DEFAULT_SPLICE: Readonly<Uint8Array> = Uint8Array.of(0xff, 0x00);
