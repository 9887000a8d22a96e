import type { Alignment } from '../escpos/escPosCommands.js';
import { displayWidth } from './displayWidth.js';

/** Pads text with spaces to exactly `width` columns; text wider than that is returned unchanged. */
export function alignText(text: string, width: number, alignment: Alignment): string {
  const free = width - displayWidth(text);
  if (free <= 0) return text;
  if (alignment === 'left') return text + ' '.repeat(free);
  if (alignment === 'right') return ' '.repeat(free) + text;
  const left = Math.floor(free / 2);
  return ' '.repeat(left) + text + ' '.repeat(free - left);
}
