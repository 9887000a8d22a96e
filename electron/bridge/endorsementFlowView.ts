import { z } from 'zod';
import { localizedTextSchema } from '../../config/localizedText.js';
import {
  captureFaceScreenSchema,
  choosePaymentScreenSchema,
  flowViewCommonShape,
  insertIdCardScreenSchema,
  scanCodeScreenSchema,
  showQrScreenSchema,
  staffVerifyScreenSchema,
} from './sharedFlowScreens.js';

/**
 * The exit-entry endorsement flow as the renderer sees it: one screen per step, plain data,
 * no identity data (masked numbers only). The runtime builds it with flowView()
 * (electron/runtime/flows/endorsement/endorsementView.ts); this schema is the contract.
 */

const endorsementKind = z.enum(['G', 'L', 'T', 'S', 'Q', 'D', 'J', 'Y', 'F', 'X', 'C']);
const destination = z.enum(['HK', 'MO', 'TW']);
const entries = z.enum(['single', 'double', 'multiple']);
const reason = z.strictObject({ code: z.string(), message: localizedTextSchema });

const offeredOption = z.strictObject({
  optionCode: z.string(),
  entries,
  validityMonths: z.number(),
  stayDays: z.number(),
  feeCode: z.string(),
  fee: z.strictObject({ code: z.string(), amountFen: z.number().int(), label: localizedTextSchema }),
});

export const endorsementScreenSchema = z.discriminatedUnion('screen', [
  z.strictObject({
    screen: z.literal('busy'),
    activity: z.enum([
      'starting',
      'comparing-face',
      'checking-eligibility',
      'requesting-approval',
      'paying',
      'confirming-payment',
      'cancelling-payment',
      'issuing',
      'refunding',
      'handing-off',
      'printing-receipt',
      'saving-rating',
    ]),
  }),
  z.strictObject({ screen: z.literal('insert-permit'), attempt: z.number().int(), maxAttempts: z.number().int() }),
  insertIdCardScreenSchema,
  captureFaceScreenSchema,
  staffVerifyScreenSchema,
  z.strictObject({
    screen: z.literal('choose-endorsement'),
    choices: z.array(z.strictObject({ kind: endorsementKind, destination, options: z.array(offeredOption) })),
    refused: z.array(z.strictObject({ kind: endorsementKind, destination: destination.nullable(), reason })),
  }),
  choosePaymentScreenSchema,
  scanCodeScreenSchema,
  showQrScreenSchema,
  z.strictObject({
    screen: z.literal('rate'),
    /** What happened, shown above the rating so nobody rates blind. */
    outcome: z.enum(['issued', 'refunded', 'handed-to-staff']),
    receipt: z.enum(['printed', 'kept-for-staff']).nullable(),
    levels: z.array(z.strictObject({ stars: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]), label: localizedTextSchema, bad: z.boolean() })),
    badReasons: z.array(z.strictObject({ code: z.string(), label: localizedTextSchema })),
  }),
  z.strictObject({
    screen: z.literal('result'),
    outcome: z.enum(['issued', 'refunded', 'handed-to-staff', 'refused', 'cancelled']),
    reasons: z.array(reason),
    endorsements: z.array(
      z.strictObject({ kind: endorsementKind, destination, entries, validFrom: z.string(), validUntil: z.string(), stayDays: z.number(), endorsementNumber: z.string() }),
    ),
    receipt: z.enum(['printed', 'kept-for-staff']).nullable(),
  }),
]);

const viewCommon = z.strictObject({
  ...flowViewCommonShape,
  holder: z
    .strictObject({
      permitType: z.enum(['hk-macau', 'taiwan']),
      permitNumberMasked: z.string(),
      nameMasked: z.string().nullable(),
      idNumberMasked: z.string().nullable(),
    })
    .nullable(),
});

export const endorsementViewSchema = z.intersection(endorsementScreenSchema, viewCommon);
export type EndorsementScreenView = z.infer<typeof endorsementScreenSchema>;
export type EndorsementView = z.infer<typeof endorsementViewSchema>;
