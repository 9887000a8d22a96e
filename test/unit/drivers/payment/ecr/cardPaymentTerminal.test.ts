import { describe, expect, it } from 'vitest';
import { CardPaymentTerminal } from '../../../../../drivers/payment/ecr/cardPaymentTerminal.js';
import { SimulatedCardPaymentTerminal, type SimulatedTerminalBehaviour } from '../../../../../drivers/payment/ecr/simulatedCardPaymentTerminal.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';

/** Outcomes never depend on timing: a reply either comes (well inside this) or never comes. */
const NEVER = 60_000;

async function setup(behaviour: SimulatedTerminalBehaviour = 'approve', options: { chunkSize?: number; silenceMs?: number } = {}) {
  const pair = createInMemoryTransportPair('ecr');
  pair.setChunkSize(options.chunkSize ?? null);
  const simulator = new SimulatedCardPaymentTerminal(pair.device, { behaviour });
  // Short timeouts only matter where the terminal is silent; there the outcome is the same at any length.
  const silence = options.silenceMs ?? NEVER;
  const terminal = new CardPaymentTerminal({ id: 'pos-1', transport: pair.host, simulated: true, ackTimeoutMs: silence, responseTimeoutMs: silence });
  await simulator.open();
  await terminal.open();
  return { pair, simulator, terminal };
}

describe('CardPaymentTerminal against the simulated terminal', () => {
  it('sale approved: masked PAN, 凭证号, 参考号 and batch come back with the caller reference', async () => {
    const { terminal, simulator } = await setup('approve', { chunkSize: 3 });
    const result = await terminal.sale({ reference: 'att-0001', amountFen: 1500 });
    expect(result).toEqual({
      outcome: 'approved',
      reference: 'att-0001',
      transaction: { type: 'sale', reference: 'att-0001', responseCode: '00', amountFen: 1500, voucherNo: '000001', referenceNo: '100000000001', batchNo: '000001', maskedPan: '622848******0001' },
    });
    expect(simulator.journal).toHaveLength(1);
    expect(terminal.status().state).toBe('ready');
  });

  it('sale declined: the response code and the terminal message (GBK) are reported', async () => {
    const { terminal } = await setup('decline');
    expect(await terminal.sale({ reference: 'att-0002', amountFen: 1500 })).toEqual({ outcome: 'declined', reference: 'att-0002', responseCode: '51', message: '余额不足' });
  });

  it('sale cancelled at the terminal', async () => {
    const { terminal } = await setup('cancel');
    expect(await terminal.sale({ reference: 'att-0003', amountFen: 1500 })).toEqual({ outcome: 'cancelled', reference: 'att-0003' });
  });

  it('terminal goes silent after approving: unknown, and a query by reference finds the approval without a second sale', async () => {
    const { terminal, simulator } = await setup('approve-then-silent', { silenceMs: 20 });
    expect(await terminal.sale({ reference: 'att-0004', amountFen: 8000 })).toEqual({ outcome: 'unknown', reference: 'att-0004', reason: 'no-response' });
    const query = await terminal.queryLast({ reference: 'att-0004' });
    expect(query).toMatchObject({ outcome: 'approved', reference: 'att-0004', transaction: { type: 'sale', amountFen: 8000 } });
    expect(simulator.journal.filter((t) => t.type === 'sale')).toHaveLength(1);
  });

  it('terminal silent from the start: unknown (it may have heard), never resent', async () => {
    const { terminal, simulator, pair } = await setup('silent', { silenceMs: 20 });
    let writes = 0;
    pair.device.onData(() => writes++);
    expect(await terminal.sale({ reference: 'att-0005', amountFen: 100 })).toEqual({ outcome: 'unknown', reference: 'att-0005', reason: 'no-response' });
    expect(writes).toBe(1);
    expect(simulator.journal).toHaveLength(0);
  });

  it('terminal NAKs every copy: not-sent after the configured attempts, nothing executed', async () => {
    const { terminal, simulator } = await setup('nak');
    expect(await terminal.sale({ reference: 'att-0006', amountFen: 100 })).toEqual({ outcome: 'not-sent', reference: 'att-0006', reason: 'rejected-by-terminal' });
    expect(terminal.status().statistics.naksReceived).toBe(3);
    expect(simulator.journal).toHaveLength(0);
  });

  it('a damaged answer is NAKed and the resent copy is used', async () => {
    const { terminal, simulator } = await setup('approve', { chunkSize: 1 });
    simulator.corruptNextResponse();
    expect(await terminal.sale({ reference: 'att-0007', amountFen: 100 })).toMatchObject({ outcome: 'approved' });
    expect(terminal.status().statistics.wireErrors).toBe(1);
    expect(simulator.journal).toHaveLength(1);
  });

  it('a late answer to an earlier request is ACKed and ignored, not taken as this one', async () => {
    const { terminal, simulator } = await setup('approve');
    const sale = terminal.sale({ reference: 'att-0009', amountFen: 300 });
    await simulator.sendUnsolicited({ answeredType: 'sale', answeredReference: 'att-0008', record: { type: 'sale', reference: 'att-0008', responseCode: '00' } });
    expect(await sale).toMatchObject({ outcome: 'approved', reference: 'att-0009', transaction: { amountFen: 300 } });
    expect(terminal.status().statistics.staleResponses).toBe(1);
  });

  it('void and refund of an approved sale; a void of an unknown 凭证号 is declined', async () => {
    const { terminal } = await setup('approve');
    const sale = await terminal.sale({ reference: 'att-0010', amountFen: 2000 });
    if (sale.outcome !== 'approved') throw new Error('sale not approved');
    const { voucherNo, referenceNo } = sale.transaction;
    expect(await terminal.voidSale({ reference: 'att-0010-v', amountFen: 2000, originalVoucherNo: voucherNo! })).toMatchObject({ outcome: 'approved', transaction: { type: 'void' } });
    expect(await terminal.refund({ reference: 'att-0010-r', amountFen: 500, originalReferenceNo: referenceNo!, originalDate: '20250101' })).toMatchObject({
      outcome: 'approved',
      transaction: { type: 'refund', amountFen: 500 },
    });
    expect(await terminal.voidSale({ reference: 'att-0011-v', amountFen: 1, originalVoucherNo: '999999' })).toMatchObject({ outcome: 'declined', responseCode: '25' });
  });

  it('settlement closes the batch with its count and net amount', async () => {
    const { terminal } = await setup('approve');
    await terminal.sale({ reference: 's1', amountFen: 1500 });
    await terminal.sale({ reference: 's2', amountFen: 8000 });
    expect(await terminal.settle({ reference: 'settle-1' })).toMatchObject({ outcome: 'approved', transaction: { type: 'settlement', count: 2, amountFen: 9500, batchNo: '000001' } });
    const next = await terminal.sale({ reference: 's3', amountFen: 100 });
    expect(next).toMatchObject({ transaction: { batchNo: '000002' } });
  });

  it('a query for a reference that is not the last transaction says not-found', async () => {
    const { terminal } = await setup('approve');
    expect(await terminal.queryLast({ reference: 'nothing-yet' })).toEqual({ outcome: 'not-found', reference: 'nothing-yet', lastReference: null });
    await terminal.sale({ reference: 'att-0012', amountFen: 100 });
    expect(await terminal.queryLast({ reference: 'att-0011' })).toEqual({ outcome: 'not-found', reference: 'att-0011', lastReference: 'att-0012' });
    const simulatorDeclined = await setup('decline');
    await simulatorDeclined.terminal.sale({ reference: 'd1', amountFen: 100 });
    expect(await simulatorDeclined.terminal.queryLast({ reference: 'd1' })).toMatchObject({ outcome: 'declined', responseCode: '51' });
  });

  it('unplugged while waiting for the answer: unknown (link lost), device offline with a fault', async () => {
    const { terminal, pair } = await setup('approve-then-silent');
    const sale = terminal.sale({ reference: 'att-0013', amountFen: 100 });
    // Wait until the terminal has ACKed, i.e. the request is on the terminal's side.
    await new Promise<void>((resolve) => pair.host.onData(() => resolve()));
    pair.unplug();
    expect(await sale).toEqual({ outcome: 'unknown', reference: 'att-0013', reason: 'link-lost' });
    expect(terminal.status()).toMatchObject({ state: 'offline', fault: { code: 'card-terminal-disconnected' } });
    expect(await terminal.sale({ reference: 'att-0014', amountFen: 100 })).toEqual({ outcome: 'not-sent', reference: 'att-0014', reason: 'terminal-offline' });
  });

  it('one request at a time: a second is not sent while the first runs', async () => {
    const { terminal } = await setup('approve');
    const first = terminal.sale({ reference: 'a1', amountFen: 100 });
    expect(await terminal.sale({ reference: 'a2', amountFen: 100 })).toEqual({ outcome: 'not-sent', reference: 'a2', reason: 'busy' });
    expect(await first).toMatchObject({ outcome: 'approved' });
  });

  it('not open: not-sent; an invalid request is a caller bug and throws before anything is sent', async () => {
    const pair = createInMemoryTransportPair();
    const terminal = new CardPaymentTerminal({ id: 'pos-2', transport: pair.host });
    expect(await terminal.sale({ reference: 'x', amountFen: 1 })).toEqual({ outcome: 'not-sent', reference: 'x', reason: 'terminal-offline' });
    await expect(terminal.sale({ reference: 'bad ref', amountFen: 1 })).rejects.toThrow(TypeError);
  });
});
