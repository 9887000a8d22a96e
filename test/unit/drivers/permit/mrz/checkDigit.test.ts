import { describe, expect, it } from 'vitest';
import { computeCheckDigit, mrzCharValue } from '../../../../../drivers/permit/mrz/checkDigit.js';

describe('MRZ check digit (ICAO 9303 Part 3 §4.9, weights 7-3-1)', () => {
  it('gives the check digits printed on the ICAO specimens', () => {
    // Part 5 TD1 specimen (Utopia): document number, birth date, expiry date.
    expect(computeCheckDigit('D23145890')).toBe(7);
    expect(computeCheckDigit('740812')).toBe(2);
    expect(computeCheckDigit('120415')).toBe(9);
    // Part 4 TD3 specimen passport number.
    expect(computeCheckDigit('L898902C3')).toBe(6);
    // Part 5 composite of the TD1 specimen: line 1 6–30, line 2 1–7, 9–15, 19–29.
    expect(computeCheckDigit('D231458907<<<<<<<<<<<<<<<' + '7408122' + '1204159' + '<<<<<<<<<<<')).toBe(6);
  });

  it('matches the number check digit of the anonymised Aliyun 往来港澳通行证 sample (CSC886084772…)', () => {
    expect(computeCheckDigit('C88608477')).toBe(2);
  });

  it('values digits as themselves, letters as 10–35 and the filler as 0; other characters have none', () => {
    expect(['0', '9', 'A', 'Z', '<'].map(mrzCharValue)).toEqual([0, 9, 10, 35, 0]);
    expect(['a', ' ', '«', '', 'AB'].map(mrzCharValue)).toEqual([null, null, null, null, null]);
    expect(computeCheckDigit('12a4')).toBeNull();
    expect(computeCheckDigit('')).toBe(0);
  });
});
