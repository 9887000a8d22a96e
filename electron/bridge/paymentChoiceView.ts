import { z } from 'zod';
import { localizedTextSchema } from '../../config/localizedText.js';

/**
 * The choose-payment screen's data, the same in every flow: what is being paid for, the
 * methods offered for this amount, and the ones withheld because the amount is over their
 * limit (payment codes have daily caps, so a large amount goes to the bank card).
 */
export const paymentMethodSchema = z.enum(['payment-code', 'bank-card']);
export type PaymentMethodChoice = z.infer<typeof paymentMethodSchema>;

export const paymentChoiceSchema = z.strictObject({
  items: z.array(z.strictObject({ description: localizedTextSchema, amountFen: z.number().int() })),
  methods: z.array(paymentMethodSchema),
  withheld: z.array(z.strictObject({ method: paymentMethodSchema, reason: z.literal('over-limit'), limitFen: z.number().int() })),
});
export type PaymentChoice = z.infer<typeof paymentChoiceSchema>;
