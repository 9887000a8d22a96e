/**
 * Whether a whole ID number read from a card could be the one the platform masked
 * (440106********0011): same length, and every character the mask shows is the same. A mask in
 * another style (a different length) proves nothing, so it is not held against the card; the
 * platform's own check decides then.
 */
export function idNumberFitsMask(idNumber: string, masked: string): boolean {
  const whole = [...idNumber.toUpperCase()];
  const shown = [...masked.toUpperCase()];
  if (whole.length !== shown.length) return true;
  return shown.every((character, index) => character === '*' || character === whole[index]);
}
