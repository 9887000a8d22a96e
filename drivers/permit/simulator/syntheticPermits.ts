import { generatePermitLineMrz, generateTd1Mrz, type Td1Data } from '../mrz/generateMrz.js';
import type { MrzLayout } from '../mrz/permitMrz.js';

/**
 * SYNTHETIC permit holders for tests, demos and the simulator: made-up pinyin names and numbers
 * in a range no real permit uses (all zeros but the last digit). Never real identity data.
 */
export const SYNTHETIC_PERMIT_HOLDERS = {
  'hk-macau-permit': {
    documentCode: 'CS',
    issuingState: 'CHN',
    documentNumber: 'C00000001',
    birthDate: '900101',
    expiryDate: '340615',
    sex: 'F',
    nationality: 'CHN',
    surname: 'CESHI',
    givenNames: ['XIAOHONG'],
  },
  'taiwan-permit': {
    documentCode: 'CD',
    issuingState: 'CHN',
    documentNumber: 'L00000002',
    birthDate: '851120',
    expiryDate: '330301',
    sex: 'M',
    nationality: 'CHN',
    surname: 'MONI',
    givenNames: ['DAWEI'],
  },
} as const satisfies Record<string, Td1Data>;

export type SyntheticPermitKind = keyof typeof SYNTHETIC_PERMIT_HOLDERS;

/** The zone of a synthetic permit as an OCR reader reads it: the printed line, or a TD1 form for TD1 paths. */
export function syntheticPermitZone(kind: SyntheticPermitKind, layout: MrzLayout = 'permit-line'): string[] {
  const holder = SYNTHETIC_PERMIT_HOLDERS[kind];
  return layout === 'permit-line' ? generatePermitLineMrz(holder) : generateTd1Mrz(holder);
}

/**
 * ICAO Doc 9303 Part 4's specimen passport (Utopia, a fictional state): two lines of 44, for the
 * "a passport was placed instead" path.
 */
export const SPECIMEN_PASSPORT_ZONE: readonly string[] = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
