import type { LocalizedText } from '../../../../config/localizedText.js';
import type { Destination, EndorsementKind, Entries, IssuedEndorsement, Reason, Verification } from '../../../platform/platformApiTypes.js';
import type { FaultNote, LiveFaceImage, PaymentChoice, QrEnding, RatingChoice, ShownQr } from '../shared/flowContextParts.js';

export type { FaultNote, PaymentChoice, RatingChoice } from '../shared/flowContextParts.js';

/** The flow kind the engine registers and the bridge starts. */
export const ENDORSEMENT_FLOW_KIND = 'exit-entry-endorsement';

export type PermitKind = 'hk-macau' | 'taiwan';

/** The permit as the flow may keep it: the vault record holds the rest. */
export interface PermitSummary {
  /** PII vault record with the whole permit facts (number, birth date, sex). */
  record: string;
  permitType: PermitKind;
  numberMasked: string;
  /** YYYY-MM-DD. */
  expiry: string;
}

export interface IdCardSummary {
  /** PII vault record with the ID number. */
  record: string;
  idNumberMasked: string;
}

/** A fee from the terminal's config fee table. */
export interface ConfiguredFee {
  code: string;
  amountFen: number;
  label: LocalizedText;
}

export interface OfferedOption {
  optionCode: string;
  entries: Entries;
  validityMonths: number;
  stayDays: number;
  /** The platform's fee code; `fee` is what the config charges for it. */
  feeCode: string;
  fee: ConfiguredFee;
}

export interface OfferedChoice {
  kind: EndorsementKind;
  destination: Destination;
  options: OfferedOption[];
}

export interface RefusedChoice {
  kind: EndorsementKind;
  destination: Destination | null;
  reason: Reason;
}

export interface EligibilitySummary {
  eligibilityId: string;
  /** As the platform masks it (王*明). */
  holderNameMasked: string;
  allowed: OfferedChoice[];
  refused: RefusedChoice[];
}

export interface Selection {
  kind: EndorsementKind;
  destination: Destination;
  option: OfferedOption;
}

export interface PayableSummary {
  amountFen: number;
  payableReference: string;
  items: Array<{ feeCode: string; amountFen: number; description: LocalizedText }>;
}

/** How the case ended, for the receipt, the rating and the result screen. */
export type EndorsementOutcome = 'issued' | 'refunded' | 'handed-to-staff' | 'refused';

/**
 * Everything the endorsement flow persists between steps. It holds NO identity data: vault
 * record ids, masked summaries, platform ids, case numbers and payment ids only (ARCHITECTURE
 * "Data"; a test dumps the tables to prove it).
 */
export type EndorsementContext = {
  /** This case's key for vault records, ledger entries and idempotency keys (set by the first step). */
  caseRef?: string;
  permit?: PermitSummary;
  idCard?: IdCardSummary;
  permitReadFailures?: number;
  idCardReadFailures?: number;
  /** The live face image waiting for comparison (a vault record, deleted right after the call). */
  faceImage?: LiveFaceImage | null;
  faceAttempts?: number;
  verification?: Verification;
  eligibility?: EligibilitySummary;
  selection?: Selection;
  caseNumber?: string;
  payable?: PayableSummary;
  payment?: PaymentChoice;
  /** The scanner port's one-time token for the scanned code; useless after a restart by design. */
  codeToken?: string | null;
  paymentId?: string;
  /** The QR code on the screen while the citizen pays with their phone (the platform's link, nothing personal). */
  qr?: ShownQr | null;
  qrEnding?: QrEnding | null;
  outcome?: EndorsementOutcome;
  refusalReasons?: Reason[];
  endorsements?: IssuedEndorsement[];
  endorsementPrintLines?: string[];
  issueFailure?: Reason | null;
  receipt?: 'printed' | 'kept-for-staff';
  rating?: RatingChoice | null;
  lastFault?: FaultNote | null;
  cancelReason?: string;
};
