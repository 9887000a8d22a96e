import { z } from 'zod';
import { localizedTextSchema } from '../../config/localizedText.js';
import { paymentChoiceSchema, showQrScreenSchema } from './paymentChoiceView.js';

/**
 * What every citizen flow's view has in common: the screens both flows show with the same
 * shape (so the renderer draws them with the same components), and the fields of every screen.
 */

export const insertIdCardScreenSchema = z.strictObject({ screen: z.literal('insert-id-card'), attempt: z.number().int(), maxAttempts: z.number().int() });
export const captureFaceScreenSchema = z.strictObject({ screen: z.literal('capture-face'), attemptsLeft: z.number().int(), staffPathOffered: z.literal(true) });
export const staffVerifyScreenSchema = z.strictObject({ screen: z.literal('staff-verify') });
export const choosePaymentScreenSchema = z.strictObject({ screen: z.literal('choose-payment'), ...paymentChoiceSchema.shape });
export const scanCodeScreenSchema = z.strictObject({ screen: z.literal('scan-code') });
export { showQrScreenSchema };

/** The fields of every screen of every flow. */
export const flowViewCommonShape = {
  step: z.string(),
  phase: z.enum(['before-payment', 'paying', 'after-payment']),
  /** The cancel button: only before money moves. */
  canCancel: z.boolean(),
  timeoutMs: z.number().nullable(),
  fault: z.strictObject({ code: z.string(), message: localizedTextSchema, detail: localizedTextSchema.nullable() }).nullable(),
  caseNumber: z.string().nullable(),
  amountFen: z.number().int().nullable(),
};
