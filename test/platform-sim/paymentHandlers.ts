import type {
  CreatePaymentOrderRequest,
  PaymentOrder,
  PaymentOrderState,
  Reason,
  Refund,
  RefundResponse,
} from '../../electron/platform/platformApiTypes.js';
import { type OperationHandlers, SimulatorError, iso, sha256Hex, terminalOf } from './simulatorHandler.js';
import type { SimulatorStore } from './simulatorStore.js';

/**
 * Payment orders, keyed by the terminal's idempotency key: creating twice never charges twice,
 * a query shows the order as it is now, pending orders settle or are reversed, paid orders are
 * refunded in full or in part (README.md has the payment-code rules that script the payer).
 *
 * The payment code itself is used to pick the channel and the scripted behaviour, then
 * forgotten: only its last four digits survive, masked, as the payer reference.
 */

const QR_VALID_MS = 2 * 3_600_000;

/** How the simulated payer behaves for an order, fixed at creation. */
type Behaviour = 'pay-now' | `pay-on-query:${number}` | 'never' | `fail:${string}` | 'await-card';

interface OrderRow {
  terminal_id: string;
  idempotency_key: string;
  order_id: string;
  request_sha256: string;
  case_number: string;
  service: PaymentOrder['service'];
  method: PaymentOrder['method'];
  amount_fen: number;
  state: PaymentOrderState;
  behaviour: Behaviour;
  queries: number;
  channel: PaymentOrder['channel'];
  payer_reference: string | null;
  qr_json: string | null;
  card_json: string | null;
  failure_json: string | null;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
  refunded_fen: number;
}

const FAILURES: Record<string, Reason> = {
  'insufficient-funds': { code: 'insufficient-funds', message: { 'zh-CN': '余额不足', en: 'Insufficient funds' } },
  'payment-code-expired': { code: 'payment-code-expired', message: { 'zh-CN': '付款码已失效，请刷新后重试', en: 'The payment code has expired: refresh it' } },
  'payment-code-unrecognised': {
    code: 'payment-code-unrecognised',
    message: { 'zh-CN': '无法识别的付款码', en: 'The payment code belongs to no supported wallet' },
  },
};
const CARD_DECLINED: Reason = { code: 'card-declined', message: { 'zh-CN': '银行卡交易被拒绝', en: 'The card payment was declined' } };

/** WeChat 10-15 + 16 digits, Alipay 25-30 + 14-22 digits, UnionPay 62 + 17 digits (research/payment.md §1.4-1.6). */
function channelOf(code: string): PaymentOrder['channel'] {
  if (/^1[0-5]\d{16}$/.test(code)) return 'wechat';
  if (/^(2[5-9]|30)\d{14,22}$/.test(code)) return 'alipay';
  if (/^62\d{17}$/.test(code)) return 'unionpay';
  return null;
}

/** The last digit of a payment code scripts the payer (README.md). */
function behaviourOfCode(code: string): Behaviour {
  const last = Number(code.slice(-1));
  if (last === 6) return 'pay-on-query:2';
  if (last === 7) return 'never';
  if (last === 8) return 'fail:insufficient-funds';
  if (last === 9) return 'fail:payment-code-expired';
  return 'pay-now';
}

export function orderView(store: SimulatorStore, row: OrderRow): PaymentOrder {
  const refunds = (
    store
      .stmt('SELECT refund_key, amount_fen, state, reason, created_at FROM refunds WHERE terminal_id = ? AND order_key = ? ORDER BY created_at, rowid')
      .all(row.terminal_id, row.idempotency_key) as { refund_key: string; amount_fen: number; state: Refund['state']; reason: Refund['reason']; created_at: number }[]
  ).map((r): Refund => ({ refundKey: r.refund_key, amountFen: r.amount_fen, state: r.state, reason: r.reason, createdAt: iso(r.created_at) }));
  return {
    orderId: row.order_id,
    idempotencyKey: row.idempotency_key,
    caseNumber: row.case_number,
    service: row.service,
    method: row.method,
    amountFen: row.amount_fen,
    state: row.state,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    paidAt: row.paid_at === null ? null : iso(row.paid_at),
    failure: row.failure_json === null ? null : (JSON.parse(row.failure_json) as Reason),
    channel: row.channel,
    payerReference: row.payer_reference,
    qr: row.qr_json === null ? null : (JSON.parse(row.qr_json) as PaymentOrder['qr']),
    card: row.card_json === null ? null : (JSON.parse(row.card_json) as PaymentOrder['card']),
    refundedFen: row.refunded_fen,
    refunds,
  };
}

export function loadOrder(store: SimulatorStore, terminalId: string, key: string): OrderRow {
  const row = store.stmt('SELECT * FROM payment_orders WHERE terminal_id = ? AND idempotency_key = ?').get(terminalId, key) as OrderRow | undefined;
  if (!row) throw new SimulatorError('payment-order-not-found', { idempotencyKey: key });
  return row;
}

/** Moves a pending order to paid or failed; `charges` counts how often money was taken (must stay ≤ 1). */
export function settleOrder(store: SimulatorStore, row: OrderRow, outcome: 'paid' | Reason, now: number): void {
  if (outcome === 'paid') {
    store
      .stmt("UPDATE payment_orders SET state = 'paid', paid_at = ?, updated_at = ?, charges = charges + 1 WHERE terminal_id = ? AND idempotency_key = ?")
      .run(now, now, row.terminal_id, row.idempotency_key);
  } else {
    store
      .stmt("UPDATE payment_orders SET state = 'failed', failure_json = ?, updated_at = ? WHERE terminal_id = ? AND idempotency_key = ?")
      .run(JSON.stringify(outcome), now, row.terminal_id, row.idempotency_key);
  }
}

function setState(store: SimulatorStore, row: OrderRow, state: PaymentOrderState, now: number): void {
  store.stmt('UPDATE payment_orders SET state = ?, updated_at = ? WHERE terminal_id = ? AND idempotency_key = ?').run(state, now, row.terminal_id, row.idempotency_key);
}

/** The request without the payment code, whose digest decides whether a repeat is the same request. */
function requestDigest(request: CreatePaymentOrderRequest): string {
  const { paymentCode, ...rest } = request;
  return sha256Hex(JSON.stringify({ ...rest, paymentCodeHash: paymentCode === undefined ? null : sha256Hex(paymentCode) }));
}

export const paymentHandlers: Pick<
  OperationHandlers,
  'createPaymentOrder' | 'queryPaymentOrder' | 'listPaymentOrders' | 'confirmCardPayment' | 'reversePaymentOrder' | 'refundPaymentOrder'
> = {
  createPaymentOrder(context) {
    const terminalId = terminalOf(context);
    const request = context.body;
    const digest = requestDigest(request);
    const existing = context.store
      .stmt('SELECT * FROM payment_orders WHERE terminal_id = ? AND idempotency_key = ?')
      .get(terminalId, request.idempotencyKey) as OrderRow | undefined;
    // The terminal gave up on this key and reversed it before any order arrived: a late create never charges.
    if (context.store.stmt('SELECT 1 FROM reversed_keys WHERE terminal_id = ? AND idempotency_key = ?').get(terminalId, request.idempotencyKey)) {
      throw new SimulatorError('order-key-reversed', { idempotencyKey: request.idempotencyKey });
    }
    if (existing) {
      if (existing.request_sha256 !== digest) throw new SimulatorError('idempotency-key-reused', { idempotencyKey: request.idempotencyKey });
      context.store
        .stmt('UPDATE payment_orders SET create_requests = create_requests + 1 WHERE terminal_id = ? AND idempotency_key = ?')
        .run(terminalId, request.idempotencyKey);
      return { order: orderView(context.store, existing), replayed: true };
    }
    if (request.items.reduce((sum, item) => sum + item.amountFen, 0) !== request.amountFen) {
      throw new SimulatorError('amount-mismatch', { problem: 'the items do not add up to amountFen' });
    }
    const orderId = `PO${String(context.store.next('payment-order')).padStart(10, '0')}`;
    let behaviour: Behaviour;
    let channel: PaymentOrder['channel'] = null;
    let payerReference: string | null = null;
    let qr: PaymentOrder['qr'] = null;
    if (request.method === 'payment-code') {
      const code = request.paymentCode ?? '';
      channel = channelOf(code);
      behaviour = channel === null ? 'fail:payment-code-unrecognised' : behaviourOfCode(code);
      payerReference = `****${code.slice(-4)}`;
    } else if (request.method === 'qr') {
      behaviour = context.settings.qrPaidOnQuery > 0 ? `pay-on-query:${context.settings.qrPaidOnQuery}` : 'never';
      qr = { content: `https://pay.platform-sim.invalid/qr/${orderId}`, expiresAt: iso(context.now + QR_VALID_MS) };
      channel = 'other';
    } else {
      behaviour = 'await-card';
      channel = 'bank-card';
    }
    context.store
      .stmt(
        `INSERT INTO payment_orders (terminal_id, idempotency_key, order_id, request_sha256, case_number, service, method, amount_fen,
           items_json, state, behaviour, channel, payer_reference, qr_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        terminalId,
        request.idempotencyKey,
        orderId,
        digest,
        request.caseNumber,
        request.service,
        request.method,
        request.amountFen,
        JSON.stringify(request.items),
        behaviour,
        channel,
        payerReference,
        qr ? JSON.stringify(qr) : null,
        context.now,
        context.now,
      );
    let row = loadOrder(context.store, terminalId, request.idempotencyKey);
    if (behaviour === 'pay-now') settleOrder(context.store, row, 'paid', context.now);
    else if (behaviour.startsWith('fail:')) settleOrder(context.store, row, FAILURES[behaviour.slice(5)] ?? CARD_DECLINED, context.now);
    row = loadOrder(context.store, terminalId, request.idempotencyKey);
    return { order: orderView(context.store, row), replayed: false };
  },

  queryPaymentOrder(context) {
    const terminalId = terminalOf(context);
    let row = loadOrder(context.store, terminalId, context.params.idempotencyKey ?? '');
    const queries = row.queries + 1;
    context.store.stmt('UPDATE payment_orders SET queries = ? WHERE terminal_id = ? AND idempotency_key = ?').run(queries, terminalId, row.idempotency_key);
    const scripted = /^pay-on-query:(\d+)$/.exec(row.behaviour);
    if (row.state === 'pending' && scripted && queries >= Number(scripted[1])) {
      settleOrder(context.store, row, 'paid', context.now);
      row = loadOrder(context.store, terminalId, row.idempotency_key);
    }
    return orderView(context.store, row);
  },

  listPaymentOrders(context) {
    const terminalId = terminalOf(context);
    const from = Date.parse(context.query.from ?? '');
    const to = Date.parse(context.query.to ?? '');
    const rows = context.store
      .stmt('SELECT * FROM payment_orders WHERE terminal_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, rowid')
      .all(terminalId, from, to) as OrderRow[];
    return { orders: rows.map((row) => orderView(context.store, row)) };
  },

  confirmCardPayment(context) {
    const terminalId = terminalOf(context);
    const row = loadOrder(context.store, terminalId, context.params.idempotencyKey ?? '');
    const result = context.body;
    if (row.method !== 'card') throw new SimulatorError('not-a-card-order');
    if (result.amountFen !== row.amount_fen) throw new SimulatorError('amount-mismatch', { orderFen: row.amount_fen });
    if (row.state !== 'pending') {
      // The same approval reported again (the terminal lost our answer) is not a second charge.
      const card = row.card_json === null ? null : (JSON.parse(row.card_json) as { acquirerReference: string });
      if (result.approved && row.state === 'paid' && card?.acquirerReference === result.acquirerReference) return orderView(context.store, row);
      if (!result.approved && row.state === 'failed') return orderView(context.store, row);
      throw new SimulatorError('order-not-pending', { state: row.state });
    }
    if (result.approved) {
      const card = { maskedPan: result.maskedPan ?? '', acquirerReference: result.acquirerReference ?? '', voucherNumber: result.voucherNumber ?? '' };
      context.store
        .stmt('UPDATE payment_orders SET card_json = ?, payer_reference = ? WHERE terminal_id = ? AND idempotency_key = ?')
        .run(JSON.stringify(card), card.maskedPan, terminalId, row.idempotency_key);
      settleOrder(context.store, row, 'paid', context.now);
    } else {
      settleOrder(context.store, row, CARD_DECLINED, context.now);
    }
    return orderView(context.store, loadOrder(context.store, terminalId, row.idempotency_key));
  },

  reversePaymentOrder(context) {
    const terminalId = terminalOf(context);
    const key = context.params.idempotencyKey ?? '';
    const found = context.store.stmt('SELECT 1 FROM payment_orders WHERE terminal_id = ? AND idempotency_key = ?').get(terminalId, key);
    if (!found) {
      // Nothing to reverse yet; bar the key so a create still on its way cannot take money later.
      context.store.stmt('INSERT OR IGNORE INTO reversed_keys (terminal_id, idempotency_key, reversed_at) VALUES (?, ?, ?)').run(terminalId, key, context.now);
      throw new SimulatorError('payment-order-not-found', { idempotencyKey: key }, true);
    }
    const row = loadOrder(context.store, terminalId, key);
    if (row.state === 'refunded' || row.refunded_fen > 0) throw new SimulatorError('not-reversible', { state: row.state, refundedFen: row.refunded_fen });
    // Pending: cancelled, nothing taken. Paid: reversed in full (money back). Failed or reversed: nothing to do.
    if (row.state === 'pending' || row.state === 'paid') setState(context.store, row, 'reversed', context.now);
    return orderView(context.store, loadOrder(context.store, terminalId, row.idempotency_key));
  },

  refundPaymentOrder(context) {
    const terminalId = terminalOf(context);
    const orderKey = context.params.idempotencyKey ?? '';
    const request = context.body;
    const row = loadOrder(context.store, terminalId, orderKey);
    const earlier = context.store
      .stmt('SELECT order_key, amount_fen, reason FROM refunds WHERE terminal_id = ? AND refund_key = ?')
      .get(terminalId, request.refundKey) as { order_key: string; amount_fen: number; reason: string } | undefined;
    if (earlier) {
      if (earlier.order_key !== orderKey || earlier.amount_fen !== request.amountFen || earlier.reason !== request.reason) {
        throw new SimulatorError('idempotency-key-reused', { refundKey: request.refundKey });
      }
      const order = orderView(context.store, row);
      const refund = order.refunds.find((r) => r.refundKey === request.refundKey) as Refund;
      const replay: RefundResponse = { refund, order, replayed: true };
      return replay;
    }
    if (row.state !== 'paid') throw new SimulatorError('not-refundable', { state: row.state });
    if (row.refunded_fen + request.amountFen > row.amount_fen) {
      throw new SimulatorError('refund-exceeds-paid', { refundableFen: row.amount_fen - row.refunded_fen });
    }
    context.store
      .stmt("INSERT INTO refunds (terminal_id, refund_key, order_key, amount_fen, reason, state, created_at) VALUES (?, ?, ?, ?, ?, 'succeeded', ?)")
      .run(terminalId, request.refundKey, orderKey, request.amountFen, request.reason, context.now);
    const refundedFen = row.refunded_fen + request.amountFen;
    context.store
      .stmt('UPDATE payment_orders SET refunded_fen = ?, state = ?, updated_at = ? WHERE terminal_id = ? AND idempotency_key = ?')
      .run(refundedFen, refundedFen === row.amount_fen ? 'refunded' : 'paid', context.now, terminalId, orderKey);
    const order = orderView(context.store, loadOrder(context.store, terminalId, orderKey));
    const refund = order.refunds.find((r) => r.refundKey === request.refundKey) as Refund;
    return { refund, order, replayed: false };
  },
};
