import { alignText } from '../layout/alignText.js';
import { displayWidth } from '../layout/displayWidth.js';
import { wrapText } from '../layout/wrapText.js';
import type { ReceiptBlock, ReceiptDocument } from './receiptDocument.js';

const RULE_CHARACTER = '-';

function trimRight(line: string): string {
  return line.replace(/ +$/u, '');
}

const CUT_LABEL = ' 切纸 cut ';

function cutMarker(columns: number): string {
  const free = Math.max(0, columns - displayWidth(CUT_LABEL));
  return '~'.repeat(Math.floor(free / 2)) + CUT_LABEL + '~'.repeat(free - Math.floor(free / 2));
}

function previewBlock(block: ReceiptBlock, columns: number): string[] {
  switch (block.kind) {
    case 'text':
      // Double-size lines are shown at normal size; the alignment is what matters for a proof-read.
      return block.lines.map((line) => alignText(line, columns, block.align));
    case 'rule':
      return [RULE_CHARACTER.repeat(columns)];
    case 'blank-lines':
      return Array.from({ length: block.count }, () => '');
    case 'qr-code':
      return wrapText(`[QR] ${block.payload}`, columns).map((line) => alignText(line, columns, 'center'));
    case 'cut':
      return [cutMarker(columns)];
  }
}

/** The receipt as plain text, line for line as laid out for the printer, without control bytes. */
export function renderReceiptPreview(document: ReceiptDocument): string {
  return `${document.blocks.flatMap((block) => previewBlock(block, document.columns)).map(trimRight).join('\n')}\n`;
}
