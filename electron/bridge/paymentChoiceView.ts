import { z } from 'zod';
import { localizedTextSchema } from '../../config/localizedText.js';

/**
 * The payment screens' data, the same in every flow. Choose-payment: what is being paid for,
 * the methods offered for this amount, and the ones withheld because the amount is over their
 * limit (payment codes have daily caps, so a large amount goes to the bank card). Show-qr: the
 * QR code the citizen pays with their phone (正扫).
 */
export const paymentMethodSchema = z.enum(['payment-code', 'qr', 'bank-card']);
export type PaymentMethodChoice = z.infer<typeof paymentMethodSchema>;

export const paymentChoiceSchema = z.strictObject({
  items: z.array(z.strictObject({ description: localizedTextSchema, amountFen: z.number().int() })),
  methods: z.array(paymentMethodSchema),
  withheld: z.array(z.strictObject({ method: paymentMethodSchema, reason: z.literal('over-limit'), limitFen: z.number().int() })),
});
export type PaymentChoice = z.infer<typeof paymentChoiceSchema>;

/**
 * The QR code on the screen, for the citizen's phone. `content` is the platform's payment link
 * (an https URL naming an order, never the citizen); the renderer draws it. At `expiresAt` the
 * runtime withdraws the order; until then the citizen may cancel the QR payment
 * (`flow.cancelPayment`) while `canCancelPayment` says so, and the runtime reverses it safely.
 * The amount is in the view's common part.
 */
export const showQrScreenSchema = z.strictObject({
  screen: z.literal('show-qr'),
  content: z
    .string()
    .max(512)
    .regex(/^https:\/\/[^\s]+$/, 'must be an https link'),
  expiresAt: z.iso.datetime(),
  canCancelPayment: z.boolean(),
});
export type ShowQrScreen = z.infer<typeof showQrScreenSchema>;
