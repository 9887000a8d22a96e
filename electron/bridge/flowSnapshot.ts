import { z } from 'zod';
import { endorsementViewSchema } from './endorsementFlowView.js';
import { propertyViewSchema } from './propertyFlowView.js';

const flowStatus = z.enum(['active', 'completed', 'cancelled', 'compensated', 'handed-to-staff']);

/** The citizen's running flow in the snapshot: which service, and its current screen. */
export const flowSnapshotSchema = z.discriminatedUnion('kind', [
  z.strictObject({ flowId: z.string(), kind: z.literal('exit-entry-endorsement'), serviceId: z.string(), status: flowStatus, view: endorsementViewSchema }),
  z.strictObject({ flowId: z.string(), kind: z.literal('property-transfer'), serviceId: z.string(), status: flowStatus, view: propertyViewSchema }),
]);
export type FlowSnapshot = z.infer<typeof flowSnapshotSchema>;
export type FlowKind = FlowSnapshot['kind'];
