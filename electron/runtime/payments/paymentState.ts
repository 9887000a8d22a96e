/**
 * The life of one payment attempt (ARCHITECTURE.md "Money"; research/payment.md §5.1):
 *
 *   created ──▶ pending ──▶ paid ──▶ delivered
 *      │           │          ├───▶ refunding ──▶ refunded
 *      │           │          └───▶ handed-to-staff ◀── refunding (refund impossible)
 *      │           ├──▶ reversed   (cancelled at the provider before it settled; nothing kept)
 *      │           └──▶ declined   (the provider said no for certain; nothing charged)
 *      └──▶ cancelled               (never sent to the provider)
 *
 * `pending` means the request has (or may have) left the kiosk: the money may be moving. It is
 * never treated as a failure; it is resolved by querying, then reversing.
 */
export const PAYMENT_STATES = [
  'created',
  'pending',
  'paid',
  'delivered',
  'reversed',
  'refunding',
  'refunded',
  'handed-to-staff',
  'declined',
  'cancelled',
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export type PaymentMethod = 'payment-code' | 'qr' | 'bank-card';

const NEXT: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  created: ['pending', 'cancelled'],
  pending: ['paid', 'reversed', 'declined', 'handed-to-staff'],
  paid: ['delivered', 'refunding', 'handed-to-staff'],
  refunding: ['refunded', 'handed-to-staff'],
  delivered: [],
  reversed: [],
  refunded: [],
  'handed-to-staff': [],
  declined: [],
  cancelled: [],
};

export function canMove(from: PaymentState, to: PaymentState): boolean {
  return NEXT[from].includes(to);
}

export function isFinal(state: PaymentState): boolean {
  return NEXT[state].length === 0;
}

/** States in which the citizen's money is (or may be) with us and the service not yet settled. */
export const UNFINISHED_STATES: readonly PaymentState[] = PAYMENT_STATES.filter((s) => !isFinal(s));

/** The citizen was charged and kept the charge: the money must match a delivered service or a staff hand-off. */
export function isChargeKept(state: PaymentState): boolean {
  return state === 'paid' || state === 'delivered' || state === 'handed-to-staff' || state === 'refunding';
}
