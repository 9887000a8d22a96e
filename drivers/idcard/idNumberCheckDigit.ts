/**
 * GB 11643-1999 check digit (ISO 7064 MOD 11-2), used by resident ID numbers, HK/Macau/Taiwan
 * residence permits and the 2023 foreigner permanent residence card (research/idcard.md §5).
 */

/** 2^(17−i) mod 11 for the 17 body digits. */
export const ID_NUMBER_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character for (Σ weight·digit) mod 11 = index: r = (12 − Σ mod 11) mod 11, 10 written as X. */
export const ID_NUMBER_CHECK_CHARACTERS: readonly string[] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/** The check character for 17 digits, or null when the input is not 17 ASCII digits. */
export function computeIdNumberCheckDigit(first17Digits: string): string | null {
  if (!/^\d{17}$/.test(first17Digits)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17Digits[i]) * (ID_NUMBER_WEIGHTS[i] ?? 0);
  return ID_NUMBER_CHECK_CHARACTERS[sum % 11] ?? null;
}

/** True for 17 digits followed by their check character (upper-case X, as printed on the card). */
export function isIdNumberCheckDigitValid(idNumber: string): boolean {
  if (idNumber.length !== 18) return false;
  const expected = computeIdNumberCheckDigit(idNumber.slice(0, 17));
  return expected !== null && expected === idNumber[17];
}
