import type { LocalizedText } from '../../../../config/localizedText.js';
import type { EndorsementOption } from '../../../platform/platformApiTypes.js';
import type { PlatformClient } from '../../../platform/platformClient.js';
import type { CommonFlowServices } from '../shared/flowServices.js';
import type { ConfiguredFee, PermitKind } from './endorsementContext.js';

export type { IdCardFacts, IdCardReadOutcome, PaymentCodePort, ReceiptPort } from '../shared/flowServices.js';

/** The permit as read (MRZ): identity data, so it goes straight into the vault. */
export interface PermitFacts {
  permitType: PermitKind;
  number: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** YYYY-MM-DD. */
  expiry: string;
  /** Null when the layout carries no sex (the one-line permit MRZ). */
  sex: 'male' | 'female' | null;
}

export type PermitReadOutcome =
  | { ok: true; permit: PermitFacts }
  | { ok: false; code: 'timeout' | 'cancelled' | 'reader-offline' | 'bad-read' | 'wrong-document'; message: LocalizedText };

/** What the flow calls on the platform; PlatformClient satisfies it. */
export type EndorsementPlatform = Pick<PlatformClient, 'checkEndorsementEligibility' | 'requestEndorsementApproval' | 'issueEndorsement' | 'compareFace'>;

/** The config fee for an option the platform offers, or null when the config has none (the option is not offered). */
export interface EndorsementFeeLookup {
  feeFor(option: EndorsementOption): ConfiguredFee | null;
}

/** The shared flow services (ID card, scanner, money, vault, receipt, outbox) plus the permit reader and the endorsement's platform calls. */
export interface EndorsementServices extends CommonFlowServices {
  readPermit(timeoutMs: number, signal: AbortSignal): Promise<PermitReadOutcome>;
  platform: EndorsementPlatform;
  fees: EndorsementFeeLookup;
}
