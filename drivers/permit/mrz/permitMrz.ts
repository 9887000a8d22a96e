import type { MrzDate } from './mrzDate.js';

/**
 * What the parser makes of a machine-readable zone. CS and CD are the document codes of the
 * card permits (往来港澳通行证 and 大陆居民往来台湾通行证; sources in permitLineLayout.ts);
 * any other code is a document the kiosk does not take for an endorsement.
 */
export type PermitDocumentType = 'hk-macau-permit' | 'taiwan-permit' | 'other';

/**
 * - 'td1': ICAO Doc 9303 Part 5, three lines of 30 (identity cards).
 * - 'permit-line': the one line of 30 printed on the card permits (see permitLineLayout.ts).
 */
export type MrzLayout = 'td1' | 'permit-line';

export type MrzSex = 'male' | 'female' | 'unspecified';

/** Things that did not stop the read but that staff may want to know about. */
export type MrzWarning =
  /** The number does not have the shape recorded for this permit (see documentNumberFormat.ts); the check digit passed. */
  | { code: 'unexpected-document-number-format' }
  /** A CS/CD document in TD1 form whose issuing state is not CHN. */
  | { code: 'issuing-state-not-chn'; issuingState: string };

export interface PermitMrz {
  layout: MrzLayout;
  /** Fillers removed: "CS", "CD", "I", "ID". */
  documentCode: string;
  documentType: PermitDocumentType;
  /** Null when the layout has no such field and the document code does not imply one. */
  issuingState: string | null;
  /** True when issuingState comes from the document code (card permits are issued by China), not from the MRZ. */
  issuingStateImplied: boolean;
  documentNumber: string;
  birthDate: MrzDate;
  expiryDate: MrzDate;
  /** The expiry date is before the `today` the parser was given. */
  expired: boolean;
  /** Null when the layout carries no sex (the permit line). */
  sex: MrzSex | null;
  /** Null when the layout carries no nationality (the permit line). */
  nationality: string | null;
  /** Primary identifier (pinyin surname for Chinese holders); null when the layout carries no name. */
  surname: string | null;
  /** Secondary identifiers in order; null when the layout carries no name. */
  givenNames: string[] | null;
  /** Optional-data fields with fillers removed, empty ones left out. */
  optionalData: string[];
  /** The lines as read, for the chip plug-in's DG1 comparison; personal data, never logged. */
  lines: string[];
  warnings: MrzWarning[];
}

export function documentTypeOf(documentCode: string): PermitDocumentType {
  if (documentCode === 'CS') return 'hk-macau-permit';
  if (documentCode === 'CD') return 'taiwan-permit';
  return 'other';
}
