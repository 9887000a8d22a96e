import type { Alignment } from '../escpos/escPosCommands.js';
import { alignText } from './alignText.js';
import { wrapText } from './wrapText.js';

export interface TableColumn {
  width: number;
  align?: Alignment;
}

/**
 * Lays out rows of cells in fixed-width columns separated by `gap` spaces. A cell that does not
 * fit wraps inside its column and the row grows downwards. Column widths are the caller's
 * design decision, so a table wider than the paper is a programming error and throws.
 */
export function tableRows(columns: readonly TableColumn[], rows: readonly (readonly string[])[], totalWidth: number, gap = 1): string[] {
  const needed = columns.reduce((sum, column) => sum + column.width, 0) + gap * Math.max(0, columns.length - 1);
  if (needed > totalWidth) throw new RangeError(`table needs ${needed} columns, the paper has ${totalWidth}`);
  const separator = ' '.repeat(gap);
  return rows.flatMap((row) => {
    const cells = columns.map((column, i) => wrapText(row[i] ?? '', column.width));
    const height = Math.max(...cells.map((lines) => lines.length));
    return Array.from({ length: height }, (_, lineIndex) =>
      columns
        .map((column, i) => alignText(cells[i]?.[lineIndex] ?? '', column.width, column.align ?? 'left'))
        .join(separator)
        .replace(/ +$/u, ''),
    );
  });
}
