import type { PermitMrz } from '../mrz/permitMrz.js';

/**
 * The plug-in interface for reading a card permit's contactless chip. Types only: this build
 * has no chip reader, and none is faked.
 *
 * What is known (research/domain.md §1.4, from an open Android reader; not official): the
 * chip answers as an ICAO 9303 eMRTD over ISO 14443 / ISO-DEP (application A0 00 00 02 47 10 01),
 * opened with Basic Access Control keyed from the MRZ's document number, birth date and expiry
 * date with their check digits (ICAO Doc 9303 Part 11 §4.3). It holds DG1 (90 characters: the
 * printed line, then GBK-coded Chinese name and pinyin), DG2 (face), DG11 (Chinese name, place
 * of birth), DG12 (issuing authority and date), DG14/DG15 and EF.SOD. Writing endorsements
 * needs the issuer's keys and secure module, which are not public: out of scope.
 *
 * An implementation wraps a licensed reader SDK or a PC/SC reader with an eMRTD library, runs
 * in the device host, and must never log the key or any data group.
 */
export interface PermitChipReader {
  /** For status and logs: the SDK or library and its version. */
  readonly name: string;
  readChip(request: PermitChipReadRequest): Promise<PermitChipReadResult>;
}

/** The MRZ fields BAC (and PACE with the MRZ as password) derive the access key from. */
export interface PermitChipAccessKey {
  documentNumber: string;
  /** YYMMDD, as in the MRZ. */
  birthDate: string;
  /** YYMMDD, as in the MRZ. */
  expiryDate: string;
}

export type PermitDataGroup = 'DG1' | 'DG2' | 'DG11' | 'DG12';

export interface PermitChipReadRequest {
  key: PermitChipAccessKey;
  dataGroups: readonly PermitDataGroup[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export type PermitChipReadResult =
  | {
      ok: true;
      /** DG1's MRZ text; its first 30 characters should equal the printed line the OCR read. */
      dg1Mrz: string;
      /** DG2's face image as stored (JPEG or JPEG 2000), for 人证比对; deleted right after use. */
      face: { format: 'jpeg' | 'jpeg2000'; bytes: Uint8Array } | null;
      /** The raw data groups read, for fields this interface does not decode. */
      raw: ReadonlyMap<PermitDataGroup, Uint8Array>;
      /** EF.SOD signature and hashes checked against the issuer's certificates. */
      passiveAuthentication: 'verified' | 'failed' | 'not-performed';
    }
  | {
      ok: false;
      reason: 'no-chip' | 'access-denied' | 'timeout' | 'cancelled' | 'io-error';
      /** For staff logs; never key material or chip data. */
      detail: string;
    };

/** The access key for a permit whose MRZ was read. */
export function chipAccessKeyOf(permit: PermitMrz): PermitChipAccessKey {
  return { documentNumber: permit.documentNumber, birthDate: permit.birthDate.yymmdd, expiryDate: permit.expiryDate.yymmdd };
}
