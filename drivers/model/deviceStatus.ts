import { z } from 'zod';
import { localizedTextSchema } from '../../config/localizedText.js';

/**
 * The uniform device model (after XFS4IoT Common.Status and UnifiedPOS): every device the
 * runtime knows reports this shape, whatever its transport and protocol.
 */
export const deviceKindSchema = z.enum([
  'id-card-reader',
  'receipt-printer',
  'payment-code-scanner',
  'card-payment-terminal',
  'camera',
  'permit-reader',
]);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

export const deviceStateSchema = z.enum(['offline', 'connecting', 'ready', 'busy', 'fault']);
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const deviceFaultSchema = z.strictObject({
  code: z.string().min(1),
  message: localizedTextSchema,
});
export type DeviceFault = z.infer<typeof deviceFaultSchema>;

export const deviceStatusSchema = z.strictObject({
  id: z.string().min(1),
  kind: deviceKindSchema,
  /** How it is attached, in words a field engineer recognises: "simulated", "serial /dev/ttyUSB0", "usb 0400:c35a". */
  binding: z.string(),
  simulated: z.boolean(),
  state: deviceStateSchema,
  fault: deviceFaultSchema.nullable(),
  capabilities: z.array(z.string()),
  statistics: z.record(z.string(), z.number()),
  updatedAt: z.number(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
