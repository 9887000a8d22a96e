/** GB/T 2261.1 sex codes as stored on the card (research §4a). */
export type SexValue = 'unknown' | 'male' | 'female' | 'unspecified' | 'invalid';

export interface CardSex {
  code: string;
  value: SexValue;
}

const SEX_BY_CODE: Readonly<Record<string, Exclude<SexValue, 'invalid'>>> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };

export function parseSexCode(code: string): CardSex {
  return { code, value: SEX_BY_CODE[code] ?? 'invalid' };
}
