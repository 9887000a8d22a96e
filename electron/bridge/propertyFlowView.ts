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
 * The real-estate transfer flow (不动产转移登记) as the renderer sees it: one screen per step,
 * plain data, no identity data (the platform's masked names and ID numbers only). The runtime
 * builds it (electron/runtime/flows/property/propertyView.ts); this schema is the contract.
 *
 * Screens that the endorsement also has (insert-id-card, capture-face, staff-verify,
 * choose-payment, scan-code, show-qr) have the same shape in both flows, so the renderer draws them
 * with the same components; the party they are for is `currentParty` in the common part.
 */

const reason = z.strictObject({ code: z.string(), message: localizedTextSchema });
const partyRole = z.enum(['seller', 'buyer', 'co-owner', 'mortgagor', 'mortgagee']);
const deliveryMethod = z.enum(['electronic', 'print-at-terminal', 'window', 'post']);
const receipt = z.enum(['printed', 'kept-for-staff']).nullable();
const stars = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** Every party the platform lists, with where they stand in this visit. */
export const partyProgressSchema = z.strictObject({
  partyId: z.string(),
  role: partyRole,
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  /** Optional parties (e.g. the lender) need not come to the terminal. */
  required: z.boolean(),
  share: z.string().nullable(),
  verified: z.boolean(),
  signed: z.boolean(),
});
export type PartyProgress = z.infer<typeof partyProgressSchema>;

export const propertyCaseSummarySchema = z.strictObject({
  caseNumber: z.string(),
  contractFilingNumber: z.string(),
  registrationType: z.enum(['transfer', 'transfer-with-mortgage']),
  property: z.strictObject({
    /** 不动产单元号 (28 characters). */
    unitNumber: z.string(),
    address: z.string(),
    areaSquareMeters: z.number(),
    use: z.enum(['housing', 'non-housing']),
    useDescription: localizedTextSchema,
  }),
  mortgage: z.strictObject({ lender: z.string(), electronicCertificate: z.boolean() }).nullable(),
});
export type PropertyCaseSummary = z.infer<typeof propertyCaseSummarySchema>;

/** Taxes come from the platform with their status; the terminal never computes one. */
export const taxLineSchema = z.strictObject({ taxId: z.string(), name: localizedTextSchema, amountFen: z.number().int(), status: z.enum(['paid', 'unpaid']) });

const feeLine = z.strictObject({ code: z.string(), label: localizedTextSchema, unitFen: z.number().int(), count: z.number().int(), amountFen: z.number().int() });

export const propertyScreenSchema = z.discriminatedUnion('screen', [
  z.strictObject({
    screen: z.literal('busy'),
    activity: z.enum([
      'starting',
      'looking-up-case',
      'comparing-face',
      'verifying-party',
      'paying',
      'confirming-payment',
      'cancelling-payment',
      'submitting',
      'arranging-delivery',
      'refunding',
      'handing-off',
      'printing-receipt',
      'saving-rating',
    ]),
  }),
  /** Type the contract filing number (网签合同备案号) or the case number on the on-screen keypad. */
  z.strictObject({ screen: z.literal('find-case'), attempt: z.number().int(), maxAttempts: z.number().int() }),
  /** The property and every party, to confirm before anyone verifies. */
  z.strictObject({ screen: z.literal('review-case'), taxes: z.array(taxLineSchema) }),
  /** currentParty places their own ID card. */
  insertIdCardScreenSchema,
  captureFaceScreenSchema,
  staffVerifyScreenSchema,
  /** currentParty signs on the touchscreen (image and strokes go to the runtime). */
  z.strictObject({ screen: z.literal('sign') }),
  /**
   * Taxes (shown, with status) and the fees from config; the citizen picks extra certificates.
   * `fees` are the lines for `extraCertificates.chosen` (the runtime's current choice), so a
   * screen showing another count adds (picked − chosen) × unitFen.
   */
  z.strictObject({
    screen: z.literal('review-fees'),
    taxes: z.array(taxLineSchema),
    fees: z.array(feeLine),
    extraCertificates: z.strictObject({ chosen: z.number().int(), max: z.number().int(), unitFen: z.number().int() }),
  }),
  choosePaymentScreenSchema,
  scanCodeScreenSchema,
  showQrScreenSchema,
  z.strictObject({
    screen: z.literal('choose-delivery'),
    options: z.array(
      z.strictObject({
        method: deliveryMethod,
        available: z.boolean(),
        reason: reason.nullable(),
        /** Post only: where it would be mailed (masked by the platform). */
        addressOnFile: z.strictObject({ recipient: z.string().min(1).max(64), address: z.string().min(4).max(200) }).optional(),
      }),
    ),
    /** With an online-bank mortgage the lender's proof goes to the bank electronically. */
    mortgageProof: z.literal('electronic-to-lender').nullable(),
  }),
  z.strictObject({
    screen: z.literal('rate'),
    outcome: z.enum(['accepted', 'refunded', 'handed-to-staff']),
    receipt,
    levels: z.array(z.strictObject({ stars, label: localizedTextSchema, bad: z.boolean() })),
    badReasons: z.array(z.strictObject({ code: z.string(), label: localizedTextSchema })),
  }),
  z.strictObject({
    screen: z.literal('result'),
    outcome: z.enum(['accepted', 'refunded', 'handed-to-staff', 'refused', 'parties-missing', 'cancelled']),
    reasons: z.array(reason),
    /** For parties-missing: who still has to come (the renderer names them from `parties`). */
    missingPartyIds: z.array(z.string()),
    acceptanceNumber: z.string().nullable(),
    expectedCompletionDate: z.string().nullable(),
    delivery: z
      .strictObject({
        method: deliveryMethod,
        certificates: z.array(z.strictObject({ kind: z.enum(['ownership', 'mortgage-proof']), certificateNumber: z.string(), electronic: z.boolean(), printed: z.boolean() })),
      })
      .nullable(),
    receipt,
  }),
]);

const viewCommon = z.strictObject({
  ...flowViewCommonShape,
  propertyCase: propertyCaseSummarySchema.nullable(),
  parties: z.array(partyProgressSchema),
  /** The party the identify/sign screens are for; null elsewhere. */
  currentPartyId: z.string().nullable(),
});

export const propertyViewSchema = z.intersection(propertyScreenSchema, viewCommon);
export type PropertyScreenView = z.infer<typeof propertyScreenSchema>;
export type PropertyView = z.infer<typeof propertyViewSchema>;
