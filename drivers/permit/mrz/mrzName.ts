import { MRZ_FILLER } from './mrzCharacters.js';

export interface MrzName {
  surname: string;
  givenNames: string[];
}

/**
 * The name field (ICAO Doc 9303 Part 3 §4.6): primary identifier, `<<`, secondary identifiers
 * separated by `<`, padded with `<`. A name with no `<<` (truncated to the full width) is all
 * surname. Inner `<` in the surname (compound surnames) become spaces.
 */
export function parseMrzName(field: string): MrzName {
  const trimmed = field.replace(/<+$/, '');
  const separator = trimmed.indexOf(`${MRZ_FILLER}${MRZ_FILLER}`);
  const primary = separator === -1 ? trimmed : trimmed.slice(0, separator);
  const secondary = separator === -1 ? '' : trimmed.slice(separator + 2);
  return {
    surname: primary.split(MRZ_FILLER).filter(Boolean).join(' '),
    givenNames: secondary.split(MRZ_FILLER).filter(Boolean),
  };
}

/** The name field for a holder: `SURNAME<<GIVEN<NAMES`, cut to `width` and padded with `<`. */
export function encodeMrzName(name: MrzName, width: number): string {
  const primary = name.surname.trim().split(/\s+/).filter(Boolean).join(MRZ_FILLER);
  const secondary = name.givenNames.join(MRZ_FILLER);
  const text = secondary ? `${primary}${MRZ_FILLER}${MRZ_FILLER}${secondary}` : primary;
  return text.slice(0, width).padEnd(width, MRZ_FILLER);
}
