import type { Alignment } from '../escpos/escPosCommands.js';

/**
 * A receipt after layout: every text line is final (wrapped, padded) so the ESC/POS encoder and
 * the plain-text preview print the very same lines.
 */
export type ReceiptBlock =
  /** Double-size lines take two columns per column, so they were laid out at half the width. */
  | { kind: 'text'; lines: string[]; align: Alignment; bold?: boolean; doubleSize?: boolean }
  | { kind: 'rule' }
  | { kind: 'blank-lines'; count: number }
  | { kind: 'qr-code'; payload: string }
  | { kind: 'cut' };

export interface ReceiptDocument {
  columns: number;
  blocks: ReceiptBlock[];
}
