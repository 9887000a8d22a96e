import { CR, ETX, LF, STX } from './mrzTextLineDecoder.js';

export type MrzLineEnding = 'CR' | 'LF' | 'CRLF';

export interface MrzTextFraming {
  lineEnding: MrzLineEnding;
  /** STX before the first line, ETX after the last line's ending. */
  markers: boolean;
}

/** The bytes a reader in serial-text mode sends for one zone (MrzTextLineDecoder reads them back). */
export function encodeMrzText(lines: readonly string[], { lineEnding, markers }: MrzTextFraming): Uint8Array {
  const ending = lineEnding === 'CR' ? [CR] : lineEnding === 'LF' ? [LF] : [CR, LF];
  const bytes: number[] = markers ? [STX] : [];
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) bytes.push(line.charCodeAt(i) & 0xff);
    bytes.push(...ending);
  }
  if (markers) bytes.push(ETX);
  return Uint8Array.from(bytes);
}
