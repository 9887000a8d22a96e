import type { PermitDocumentType } from './permitMrz.js';

/**
 * The shape of card-permit numbers, as far as public sources show it. Used for a warning
 * only, never to reject a read whose check digit passed: the sources are secondary and the
 * issuer changes number ranges when they run out.
 *
 * - 往来港澳通行证 (CS): 9 characters, "C" and 8 digits from 2014; since about 2018 the second
 *   character may be a letter other than I and O (maisiku.com/m/22584.html, secondary). The
 *   Aliyun OCR sample number "C88600000" fits (help.aliyun.com/document_detail/406521.htm).
 * - 往来台湾通行证 (CD): 9 characters starting with "L" is what the card-type permit is
 *   generally described as carrying. UNVERIFIED: no source in the research corpus confirms it,
 *   so the same shape as CS with L is assumed.
 */
const EXPECTED: Partial<Record<PermitDocumentType, RegExp>> = {
  'hk-macau-permit': /^C[0-9A-HJ-NP-Z][0-9]{7}$/,
  'taiwan-permit': /^L[0-9A-HJ-NP-Z][0-9]{7}$/,
};

/** True when the number fits what is known for this permit, or nothing is known. */
export function hasExpectedNumberFormat(documentType: PermitDocumentType, documentNumber: string): boolean {
  const pattern = EXPECTED[documentType];
  return pattern === undefined || pattern.test(documentNumber);
}
