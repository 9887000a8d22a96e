import { EscPosStreamParser } from '../escpos/escPosStreamParser.js';

/** Cuts in a job, found by parsing it as the printer will, so a 0x1D 0x56 inside QR data or text is not counted. */
export function countCutCommands(jobBytes: Uint8Array): number {
  return new EscPosStreamParser().push(jobBytes).filter((token) => token.kind === 'cut').length;
}
