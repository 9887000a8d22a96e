const VISIBLE_PREFIX = 4;
const VISIBLE_SUFFIX = 4;

/**
 * Keeps the region prefix and the last four characters, as a citizen recognises their own
 * number: 11010119000101123X → 1101**********123X. A receipt leaves the kiosk, so it never
 * carries a full ID number.
 */
export function maskIdNumber(idNumber: string): string {
  const characters = [...idNumber];
  if (characters.length <= VISIBLE_PREFIX + VISIBLE_SUFFIX) return '*'.repeat(characters.length);
  return (
    characters.slice(0, VISIBLE_PREFIX).join('') +
    '*'.repeat(characters.length - VISIBLE_PREFIX - VISIBLE_SUFFIX) +
    characters.slice(-VISIBLE_SUFFIX).join('')
  );
}
