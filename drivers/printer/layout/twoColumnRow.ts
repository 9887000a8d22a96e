import { alignText } from './alignText.js';
import { displayWidth } from './displayWidth.js';
import { wrapText } from './wrapText.js';

/**
 * A label on the left and a value (an amount, a case number) flush right on the same line.
 * When both do not fit, the label wraps in the room left of the value; a value too wide for
 * that gets a right-aligned line of its own under the label.
 */
export function twoColumnRow(label: string, value: string, width: number, minimumGap = 1): string[] {
  const valueWidth = displayWidth(value);
  const labelRoom = width - valueWidth - minimumGap;
  if (labelRoom >= 2) {
    const [first = '', ...rest] = wrapText(label, labelRoom);
    return [first + ' '.repeat(width - displayWidth(first) - valueWidth) + value, ...rest];
  }
  return [...wrapText(label, width), ...wrapText(value, width).map((line) => alignText(line, width, 'right'))];
}
