import type { LocalizedText } from '../../../../config/localizedText.js';
import type { AddressOnFile, DeliveryMethod, Party, PropertyCase, Reason, Verification } from '../../../platform/platformApiTypes.js';
import type { FaultNote, LiveFaceImage, PaymentChoice, QrEnding, RatingChoice, ReceiptState, ShownQr } from '../shared/flowContextParts.js';

/** The flow kind the engine registers and the bridge starts (the service kind in config). */
export const PROPERTY_FLOW_KIND = 'property-transfer';

/** A party as the platform lists it (masked name and ID number only), without the platform's own verified flag: this visit verifies everyone again. */
export type CaseParty = Omit<Party, 'verified'>;

/** The case as the flow keeps it: no status, old certificate number or loan amount, and the parties as the platform masked them. */
export type PropertyCaseInfo = Omit<PropertyCase, 'status' | 'property' | 'parties' | 'mortgage'> & {
  property: Omit<PropertyCase['property'], 'certificateNumber'>;
  parties: CaseParty[];
  mortgage: Omit<NonNullable<PropertyCase['mortgage']>, 'amountFen'> | null;
};

/** How far one party got in this visit: vault records and the platform's verification id. */
export interface PartyProgress {
  /** PII vault record with the ID number read from this party's card. */
  idCardRecord?: string;
  /** The platform's proof that this party verified (face or staff). */
  verificationId?: string;
  /** PII vault record with the signature (PNG and strokes), kept until submission. */
  signatureRecord?: string;
}

export interface FeeLine {
  code: string;
  label: LocalizedText;
  unitFen: number;
  count: number;
  amountFen: number;
}

export interface PropertyPayable {
  amountFen: number;
  items: FeeLine[];
}

export interface DeliveryOption {
  method: DeliveryMethod;
  available: boolean;
  reason: Reason | null;
  /** Post only: where the platform would mail it (masked), shown so the citizen can recognise it. */
  addressOnFile?: AddressOnFile;
}

export interface DeliveryOffer {
  options: DeliveryOption[];
  mortgageProof: 'electronic-to-lender' | null;
}

export interface ArrangedDelivery {
  method: DeliveryMethod;
  status: 'arranged' | 'ready-to-print';
  certificates: Array<{ kind: 'ownership' | 'mortgage-proof'; certificateNumber: string; electronic: boolean; printLines: string[] | null }>;
}

/** How the visit ended, for the receipt, the rating and the result screen. */
export type PropertyOutcome = 'accepted' | 'refunded' | 'handed-to-staff' | 'refused' | 'parties-missing';

/**
 * Everything the property-transfer flow persists between steps. No identity data: vault
 * record ids, the platform's masked parties, platform ids, case numbers and payment ids only.
 */
export type PropertyContext = {
  caseRef?: string;
  /** What the citizen typed to find the case (a contract filing or case number, not personal data). */
  lookup?: { by: 'contract-filing-number' | 'case-number'; number: string };
  lookupFailures?: number;
  propertyCase?: PropertyCaseInfo;
  /** The party the identify and sign steps are for. */
  currentPartyId?: string | null;
  progress?: Record<string, PartyProgress>;
  idCardReadFailures?: number;
  faceImage?: LiveFaceImage | null;
  faceAttempts?: number;
  /** The current party's face or staff verification, until the platform has checked it. */
  verification?: Verification | null;
  extraCertificates?: number;
  payable?: PropertyPayable;
  payment?: PaymentChoice;
  codeToken?: string | null;
  paymentId?: string;
  /** The QR code on the screen while the citizen pays with their phone (the platform's link, nothing personal). */
  qr?: ShownQr | null;
  qrEnding?: QrEnding | null;
  acceptance?: { acceptanceNumber: string | null; expectedCompletionDate: string | null };
  refusalReasons?: Reason[];
  missingPartyIds?: string[];
  /** Why the submission failed after payment (the refund's reason). */
  submitFailure?: Reason | null;
  deliveryOffer?: DeliveryOffer;
  /** The way the certificate is to be received, once chosen (or defaulted on a timeout). */
  deliveryChoice?: DeliveryMethod;
  delivery?: ArrangedDelivery | null;
  outcome?: PropertyOutcome;
  receipt?: ReceiptState;
  rating?: RatingChoice | null;
  lastFault?: FaultNote | null;
  cancelReason?: string;
};

/** The required parties, in the platform's order: the ones who must verify and sign here. */
export function requiredParties(propertyCase: PropertyCaseInfo | undefined): CaseParty[] {
  return (propertyCase?.parties ?? []).filter((party) => party.required);
}

/** The required parties that have not signed yet, in order. */
export function partiesStillToSign(context: PropertyContext): CaseParty[] {
  return requiredParties(context.propertyCase).filter((party) => !context.progress?.[party.partyId]?.signatureRecord);
}
