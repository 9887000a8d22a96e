import { z } from 'zod';

/**
 * What can be done to the simulator behind a `simulated` binding: what a citizen or the
 * hardware would do (place a card, show a payment code, run out of paper, pull the cable) and
 * the faults of the simulators. Plain zod, no simulator code: the bridge contract (and so the
 * renderer) validates these too. applySimulatorAction (simulatorAction.ts) carries them out.
 */

const on = z.boolean();

export const simulatorActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('unplug') }),
  z.strictObject({ action: z.literal('replug') }),
  z.strictObject({
    action: z.literal('idcard.place-card'),
    /** Synthetic identity only; the check digit is the caller's (tests use a wrong one on purpose). */
    name: z.string().min(1).max(15).optional(),
    idNumber: z.string().regex(/^\d{17}[\dX]$/, 'must be 17 digits and a check character').optional(),
    /**
     * 'permit-holder': the synthetic citizen whose card matches the synthetic HK/Macau permit;
     * 'property-*': the parties of the platform simulator's demo property case (demos).
     */
    persona: z.enum(['permit-holder', 'property-seller', 'property-buyer', 'property-co-owner']).optional(),
  }),
  z.strictObject({ action: z.literal('idcard.remove-card') }),
  z.strictObject({
    action: z.literal('idcard.fault'),
    fault: z.enum(['silence', 'bad-checksum', 'garbage', 'card-removed-mid-read']),
  }),
  z.strictObject({ action: z.literal('idcard.sam-failure'), on }),
  z.strictObject({ action: z.literal('printer.paper-near-end'), on }),
  z.strictObject({ action: z.literal('printer.paper-end'), on }),
  /** The roll runs out part-way through the next job. */
  z.strictObject({ action: z.literal('printer.paper-out-mid-job') }),
  z.strictObject({ action: z.literal('printer.cover-open'), on }),
  z.strictObject({ action: z.literal('printer.cutter-jam') }),
  z.strictObject({ action: z.literal('printer.cutter-cleared') }),
  z.strictObject({ action: z.literal('printer.silent'), on }),
  z.strictObject({ action: z.literal('scanner.present-code'), wallet: z.enum(['wechat', 'alipay', 'unionpay']) }),
  z.strictObject({ action: z.literal('scanner.noise') }),
  z.strictObject({ action: z.literal('scanner.unreadable') }),
  z.strictObject({
    action: z.literal('card-terminal.behaviour'),
    behaviour: z.enum(['approve', 'decline', 'cancel', 'approve-then-silent', 'silent', 'nak']),
  }),
  z.strictObject({ action: z.literal('card-terminal.corrupt-next') }),
  /** A citizen lays a synthetic card permit on the reader. */
  z.strictObject({ action: z.literal('permit.present'), document: z.enum(['hk-macau-permit', 'taiwan-permit']) }),
  /** The next zone is misread: one check digit fails. */
  z.strictObject({ action: z.literal('permit.misread'), check: z.enum(['document-number', 'birth-date', 'expiry-date', 'composite']) }),
  z.strictObject({ action: z.literal('permit.noise') }),
]);
export type SimulatorAction = z.infer<typeof simulatorActionSchema>;
export type SimulatorActionName = SimulatorAction['action'];
