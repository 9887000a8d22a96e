import type { EndorsementServices } from './endorsement/endorsementServices.js';
import type { PropertyServices } from './property/propertyServices.js';

/** One services object serves every citizen flow the engine runs (createCitizenFlows builds it). */
export type CitizenFlowServices = EndorsementServices & PropertyServices;
