import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_NUMBER_CHECK_CHARACTERS, ID_NUMBER_WEIGHTS, computeIdNumberCheckDigit, isIdNumberCheckDigitValid } from '../../../../drivers/idcard/idNumberCheckDigit.js';
import { RESIDENT_ID_NUMBER, withCheckDigit } from './syntheticCards.js';

describe('GB 11643 check digit', () => {
  it('uses the published weights and mod-11 table', () => {
    expect(ID_NUMBER_WEIGHTS).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
    expect(ID_NUMBER_CHECK_CHARACTERS).toEqual(['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2']);
  });

  it('accepts the standard example with X and the synthetic fixture', () => {
    expect(computeIdNumberCheckDigit('11010519491231002')).toBe('X');
    expect(isIdNumberCheckDigitValid('11010519491231002X')).toBe(true);
    expect(computeIdNumberCheckDigit('11010119900101123')).toBe('7');
    expect(isIdNumberCheckDigitValid(RESIDENT_ID_NUMBER)).toBe(true);
    // Σ = 112, 112 mod 11 = 2 → X
    expect(isIdNumberCheckDigitValid('11010119900101100X')).toBe(true);
  });

  it('rejects a wrong check digit, a lower-case x, wrong lengths and non-digits', () => {
    expect(isIdNumberCheckDigitValid('110101199001011236')).toBe(false);
    expect(isIdNumberCheckDigitValid('11010119900101100x')).toBe(false);
    expect(isIdNumberCheckDigitValid('11010119900101123')).toBe(false);
    expect(isIdNumberCheckDigitValid('1101011990010112370')).toBe(false);
    expect(isIdNumberCheckDigitValid('1101011990010112A7')).toBe(false);
    expect(computeIdNumberCheckDigit('1101011990010112')).toBeNull();
  });

  it('agrees with the independent formula r = (12 − Σ mod 11) mod 11 for any 17 digits, and catches any single-digit change', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, position, delta) => {
        const valid = withCheckDigit(first17);
        expect(computeIdNumberCheckDigit(first17)).toBe(valid[17]);
        expect(isIdNumberCheckDigitValid(valid)).toBe(true);
        const changedDigit = String((Number(first17[position]) + delta) % 10);
        const changed = valid.slice(0, position) + changedDigit + valid.slice(position + 1);
        expect(isIdNumberCheckDigitValid(changed)).toBe(false);
      }),
    );
  });
});
