import type { PlatformClient } from '../../../platform/platformClient.js';
import type { CommonFlowServices } from '../shared/flowServices.js';

/** What the flow calls on the platform; PlatformClient satisfies it. */
export type PropertyPlatform = Pick<
  PlatformClient,
  'lookupPropertyCase' | 'verifyPropertyParty' | 'submitPropertyCase' | 'getCertificateDeliveryOptions' | 'chooseCertificateDelivery' | 'compareFace'
>;

/** The shared flow services (ID card, scanner, money, vault, receipt, outbox) plus the registration system's calls. */
export interface PropertyServices extends CommonFlowServices {
  platform: PropertyPlatform;
}
