import { EscPosEncoder, type EscPosEncodeResult, type EscPosEncoderOptions } from '../escpos/escPosEncoder.js';
import type { ReceiptBlock, ReceiptDocument } from './receiptDocument.js';

const RULE_CHARACTER = '-';
const QR_OPTIONS = { model: 2, moduleSize: 6, errorCorrection: 'M' } as const;

function encodeBlock(encoder: EscPosEncoder, block: ReceiptBlock, columns: number): void {
  switch (block.kind) {
    case 'text': {
      encoder.align(block.align);
      if (block.bold) encoder.bold(true);
      if (block.doubleSize) {
        encoder.chineseCharacterSize({ doubleWidth: true, doubleHeight: true }).characterSize({ width: 2, height: 2 });
      }
      for (const line of block.lines) encoder.line(line);
      if (block.doubleSize) {
        encoder.chineseCharacterSize({ doubleWidth: false, doubleHeight: false }).characterSize({ width: 1, height: 1 });
      }
      if (block.bold) encoder.bold(false);
      encoder.align('left');
      return;
    }
    case 'rule':
      encoder.line(RULE_CHARACTER.repeat(columns));
      return;
    case 'blank-lines':
      encoder.newline(block.count);
      return;
    case 'qr-code':
      encoder.align('center').qrCode(block.payload, QR_OPTIONS).newline().align('left');
      return;
    case 'cut':
      // GS V 66 0: feed the last line past the cutter, then cut partially (what receiptline sends).
      encoder.cut('partial', 0);
      return;
  }
}

/** The ESC/POS bytes of a laid-out receipt, starting from a reset printer (ESC @). */
export function encodeReceiptDocument(document: ReceiptDocument, options: EscPosEncoderOptions = {}): EscPosEncodeResult {
  const encoder = new EscPosEncoder(options).initialise();
  for (const block of document.blocks) encodeBlock(encoder, block, document.columns);
  return encoder.encode();
}
