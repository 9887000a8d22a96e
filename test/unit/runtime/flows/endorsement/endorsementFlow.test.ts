import { describe, expect, it } from 'vitest';
import { ENDORSEMENT_FLOW_KIND } from '../../../../../electron/runtime/flows/endorsement/endorsementContext.js';
import { createEndorsementFlow } from '../../../../../electron/runtime/flows/endorsement/endorsementFlow.js';
import { STEP_META } from '../../../../../electron/runtime/flows/endorsement/endorsementSteps.js';
import { flowView } from '../../../../../electron/runtime/flows/endorsement/endorsementView.js';
import {
  approvedAnswer,
  captureFace,
  driveToPayment,
  eligibilityAnswer,
  failedIssueAnswer,
  faceNoMatch,
  flowOf,
  Gate,
  HOLDER,
  IdCardReaderFake,
  ok,
  openHarness,
  payByCode,
  permitFacts,
  PermitReaderFake,
  receiptJobId,
  rejected,
  send,
  unavailable,
  unknown,
  until,
  untilFinished,
  untilStep,
  World,
  type Harness,
} from './endorsementHarness.js';

const outbox = (h: Harness, kind: string) =>
  (h.store.db.prepare('SELECT event_id AS id, payload FROM outbox_events WHERE kind = ? ORDER BY seq').all(kind) as Array<{ id: string; payload: string }>).map((row) => ({
    id: row.id,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }));
const piiRows = (h: Harness) => (h.store.db.prepare('SELECT COUNT(*) AS n FROM pii_records').get() as { n: number }).n;
const paymentsOf = (h: Harness, flowId: string) => h.ledger.forCase(flowOf(h, flowId).context.caseRef!);

describe('endorsement flow definition', () => {
  it('declares a phase, a timeout and fault texts in both languages for every step, and only repeats safe steps on resume', () => {
    const definition = createEndorsementFlow();
    for (const [name, step] of Object.entries(definition.steps)) {
      for (const fault of Object.values(step.faults)) {
        expect(fault.message['zh-CN'].length, `${name} zh`).toBeGreaterThan(3);
        expect(fault.message.en.length, `${name} en`).toBeGreaterThan(10);
      }
      expect(step.phase).toBe(STEP_META[name as keyof typeof STEP_META].phase);
    }
    expect(definition.steps.charge!.onResume).toEqual({ type: 'resume-payment' });
    expect(Object.entries(definition.steps).filter(([, s]) => s.phase === 'paying').map(([n]) => n)).toEqual(['charge', 'settle-payment', 'show-qr', 'cancel-qr']);
    expect(definition.steps['read-permit']!.devices).toEqual(['permit-reader']);
    expect(definition.steps['print-receipt']!.devices).toEqual(['receipt-printer']);
  });

  it('has pure transitions: the same event and context always lead to the same place', () => {
    const definition = createEndorsementFlow();
    const context = { caseRef: 'endo-1', permitReadFailures: 1 };
    const event = { type: 'permit-read-failed', code: 'bad-read', message: { 'zh-CN': '请重放', en: 'Place it again' } };
    const first = definition.steps['read-permit']!.on(event, context);
    expect(definition.steps['read-permit']!.on(event, context)).toEqual(first);
    expect(first).toMatchObject({ to: 'read-permit', context: { permitReadFailures: 2, lastFault: { code: 'read-failed' } } });
    expect(context).toEqual({ caseRef: 'endo-1', permitReadFailures: 1 });
  });
});

describe('endorsement flow through the real engine and store', () => {
  it('happy path: issued, delivered, one receipt printed, rating in the outbox, identity purged', async () => {
    const world = new World();
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    const offered = flowView(flowOf(h, flowId).context, 'choose-payment');
    expect(offered).toMatchObject({ screen: 'choose-payment', amountFen: 1500, canCancel: true, caseNumber: 'CJ2026000042' });

    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('rate');
    const [payment] = paymentsOf(h, flowId);
    expect(payment).toMatchObject({ state: 'delivered', amountFen: 1500, method: 'payment-code', providerReference: 'WX4200000001' });
    expect(world.charges()).toBe(1);
    expect(world.platform.callsOf('issue')[0]!.body).toMatchObject({ caseNumber: 'CJ2026000042', paymentIdempotencyKey: payment!.paymentId });
    expect(world.printed).toEqual([receiptJobId(h, flowId)]);

    const receipt = h.receipts.text(receiptJobId(h, flowId));
    expect(receipt).toContain('签注成功');
    expect(receipt).toContain('CJ2026000042');
    expect(receipt).toContain('￥15.00');
    expect(receipt).toContain('4401**********');
    expect(receipt).toContain('E000000042');
    expect(receipt).not.toContain(HOLDER.idNumber);
    expect(receipt).not.toContain(HOLDER.paymentCode);

    expect(send(h, flowId, { type: 'rate', level: 5 })).toMatchObject({ ok: true });
    const done = await untilFinished(h, flowId);
    expect(done).toMatchObject({ step: 'done', status: 'completed', context: { outcome: 'issued', receipt: 'printed' } });
    const ratings = outbox(h, 'rating');
    expect(ratings).toEqual([
      {
        id: `rating-${done.context.caseRef}`,
        payload: expect.objectContaining({ caseNumber: 'CJ2026000042', service: 'exit-entry-endorsement', level: 'very-satisfied', satisfaction: 5, channel: 5, badReasons: [] }),
      },
    ]);
    expect(piiRows(h)).toBe(0);
    expect(h.repository.transitions(flowId).map((t) => t.toStep)).toEqual([
      'read-permit',
      'read-id-card',
      'capture-face',
      'compare-face',
      'eligibility',
      'choose',
      'approval',
      'choose-payment',
      'scan-code',
      'charge',
      'issue',
      'print-receipt',
      'rate',
      'record-rating',
      'done',
    ]);
  });

  it('offers only what the platform allows and the config prices, with the config fee', async () => {
    const h = openHarness(new World());
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, flow.flowId, 'capture-face');
    captureFace(h, flow.flowId);
    await untilStep(h, flow.flowId, 'choose');
    const view = flowView(flowOf(h, flow.flowId).context, 'choose');
    expect(view.screen === 'choose-endorsement' && view.choices[0]!.options.map((o) => [o.optionCode, o.fee.amountFen])).toEqual([
      ['G-HK-3M-1', 1500],
      ['G-HK-3M-2', 3000],
    ]);
    // Not among the allowed options: the choice is not applicable and nothing moves.
    expect(send(h, flow.flowId, { type: 'choose', kind: 'G', destination: 'HK', optionCode: 'G-HK-2Y-M' })).toEqual({ ok: false, reason: 'not-applicable' });
    expect(send(h, flow.flowId, { type: 'choose', kind: 'S', destination: 'HK', optionCode: 'G-HK-3M-1' })).toEqual({ ok: false, reason: 'not-applicable' });
    expect(flowOf(h, flow.flowId).step).toBe('choose');
  });

  it('refused by eligibility: ends refused with the platform reasons, nothing approved or charged', async () => {
    const world = new World();
    const reason = { code: 'registered-state-employee', message: { 'zh-CN': '登记备案的国家工作人员请到窗口办理', en: 'Registered state employees apply at the counter' } };
    world.platform.eligibility = [ok(eligibilityAnswer({ allowed: [], refused: [{ kind: 'G', destination: 'HK', reason }, { kind: 'L', destination: 'HK', reason }] }))];
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, flow.flowId, 'capture-face');
    captureFace(h, flow.flowId);
    const done = await untilFinished(h, flow.flowId);
    expect(done).toMatchObject({ step: 'refused', status: 'cancelled', context: { outcome: 'refused', refusalReasons: [reason] } });
    expect(flowView(done.context, done.step)).toMatchObject({ screen: 'result', outcome: 'refused', reasons: [reason], canCancel: false });
    expect(world.platform.callsOf('approval')).toHaveLength(0);
    expect(world.charges()).toBe(0);
    expect(piiRows(h)).toBe(0);
  });

  it('refused at approval: ends refused with the case number, nothing charged', async () => {
    const world = new World();
    const reason = { code: 'exit-restricted', message: { 'zh-CN': '审批未通过，请到窗口咨询', en: 'Not approved: please ask at the counter' } };
    world.platform.approval = [ok({ approvalId: 'ap-2', caseNumber: 'CJ2026000043', decision: 'refused', reasons: [reason], payable: null })];
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, flow.flowId, 'capture-face');
    captureFace(h, flow.flowId);
    await untilStep(h, flow.flowId, 'choose');
    send(h, flow.flowId, { type: 'choose', kind: 'G', destination: 'HK', optionCode: 'G-HK-3M-1' });
    const done = await untilFinished(h, flow.flowId);
    expect(done).toMatchObject({ step: 'refused', status: 'cancelled', context: { outcome: 'refused', caseNumber: 'CJ2026000043', refusalReasons: [reason] } });
    expect(world.platform.callsOf('approval')[0]!.body).toMatchObject({ idempotencyKey: `${done.context.caseRef}-approval`, selections: [{ kind: 'G', destination: 'HK', optionCode: 'G-HK-3M-1' }] });
    expect(world.charges()).toBe(0);
  });

  it('stops before money moves when the approved amount is not the fee the terminal showed', async () => {
    const world = new World();
    world.platform.approval = [ok(approvedAnswer(2000))];
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, flow.flowId, 'capture-face');
    captureFace(h, flow.flowId);
    await untilStep(h, flow.flowId, 'choose');
    send(h, flow.flowId, { type: 'choose', kind: 'G', destination: 'HK', optionCode: 'G-HK-3M-1' });
    const done = await untilFinished(h, flow.flowId);
    expect(done).toMatchObject({ step: 'cancelled', context: { lastFault: { code: 'fee-mismatch' } } });
    expect(world.charges()).toBe(0);
  });

  it('approval retried with the same key through unclear answers; still no answer → cancelled, nothing charged', async () => {
    const world = new World();
    world.platform.approval = [unknown, unavailable, ok(approvedAnswer())];
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    const keys = world.platform.callsOf('approval').map((c) => (c.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(flowOf(h, flowId).context.caseNumber).toBe('CJ2026000042');

    const second = new World();
    second.platform.approval = [unavailable];
    const h2 = openHarness(second);
    const flow = h2.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h2, flow.flowId, 'capture-face');
    captureFace(h2, flow.flowId);
    await untilStep(h2, flow.flowId, 'choose');
    send(h2, flow.flowId, { type: 'choose', kind: 'G', destination: 'HK', optionCode: 'G-HK-3M-1' });
    expect(await untilFinished(h2, flow.flowId)).toMatchObject({ step: 'cancelled', context: { lastFault: { step: 'approval', code: 'platform-unavailable' } } });
    expect(second.platform.callsOf('approval')).toHaveLength(3);
  });

  it('payment declined, then paid with a bank card: one declined attempt, one delivered', async () => {
    const world = new World({ code: { charge: [{ kind: 'declined', reason: 'NOTENOUGH', message: { 'zh-CN': '余额不足', en: 'Insufficient funds' } }] } });
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'choose-payment', context: { lastFault: { code: 'payment-declined' }, codeToken: null } });
    expect(flowView(flowOf(h, flowId).context, 'choose-payment').fault?.message.en).toMatch(/nothing was charged/);

    send(h, flowId, { type: 'pay', method: 'bank-card' });
    await untilStep(h, flowId, 'rate');
    expect(paymentsOf(h, flowId).map((p) => [p.method, p.state]).sort()).toEqual([
      ['bank-card', 'delivered'],
      ['payment-code', 'declined'],
    ]);
    expect(world.codeProvider.count('charge')).toBe(1);
    expect(world.cardProvider.count('charge')).toBe(1);
    const receipt = h.receipts.text(receiptJobId(h, flowId));
    expect(receipt).toContain('银行卡');
    expect(receipt).toContain('622202******0123');
  });

  it('an unreadable or missing payment code goes back to the payment choice, nothing opened in the ledger', async () => {
    const h = openHarness(new World());
    h.scanner.script = [{ fail: 'unreadable' }, { fail: 'timeout' }];
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'choose-payment', context: { lastFault: { step: 'scan-code', code: 'scan-failed' } } });
    await payByCode(h, flowId);
    expect(flowOf(h, flowId).context.lastFault).toMatchObject({ step: 'scan-code', code: 'timed-out' });
    expect(paymentsOf(h, flowId)).toEqual([]);
  });

  it('payment unknown, then paid on query: charged once, delivered', async () => {
    const world = new World({ code: { charge: [{ kind: 'unknown', reason: 'timeout' }], query: [{ kind: 'waiting' }, { kind: 'paid', providerReference: 'WX4200000077', payerHint: '13**********6789' }] } });
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('rate');
    expect(paymentsOf(h, flowId).map((p) => [p.state, p.providerReference])).toEqual([['delivered', 'WX4200000077']]);
    expect(world.codeProvider.count('charge')).toBe(1);
    expect(world.codeProvider.count('query')).toBe(2);
  });

  it('payment unknown, then reversed: nothing kept, back to the payment choice, and the citizen may still cancel', async () => {
    const world = new World({ code: { charge: [{ kind: 'unknown', reason: 'timeout' }], query: [{ kind: 'waiting' }], reverse: [{ kind: 'reversed' }] } });
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'choose-payment', context: { lastFault: { code: 'payment-reversed' } } });
    expect(paymentsOf(h, flowId).map((p) => p.state)).toEqual(['reversed']);
    expect(world.codeProvider.count('reverse')).toBe(1);
    expect(send(h, flowId, { type: 'cancel' })).toMatchObject({ ok: true, flow: { step: 'cancelled', status: 'cancelled' } });
    expect(world.platform.callsOf('issue')).toHaveLength(0);
  });

  it('issuing fails after payment: refunded automatically, and the receipt says so', async () => {
    const world = new World({ code: { refund: [{ kind: 'refunded', refundReference: 'RF2026000001' }] } });
    world.platform.issuance = [ok(failedIssueAnswer())];
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'rate', context: { outcome: 'refunded', issueFailure: { code: 'endorsement-write-failed' } } });
    expect(paymentsOf(h, flowId).map((p) => p.state)).toEqual(['refunded']);
    const receipt = h.receipts.text(receiptJobId(h, flowId));
    expect(receipt).toContain('未能签注，已退款');
    expect(receipt).toContain('RF2026000001');
    expect(receipt).toContain('签注写入失败');
    expect(receipt).toContain('CJ2026000042');
    send(h, flowId, { type: 'rate.skip' });
    expect(await untilFinished(h, flowId)).toMatchObject({ step: 'done-refunded', status: 'compensated' });
    expect(outbox(h, 'rating')).toEqual([]);
  });

  it('refund impossible: the payment goes to staff and the receipt sends the citizen to the counter', async () => {
    const world = new World({ code: { refund: [{ kind: 'rejected', reason: 'order too old' }] } });
    world.platform.issuance = [ok(failedIssueAnswer())];
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'rate', context: { outcome: 'handed-to-staff', lastFault: { code: 'refund-impossible' } } });
    expect(paymentsOf(h, flowId).map((p) => p.state)).toEqual(['handed-to-staff']);
    const receipt = h.receipts.text(receiptJobId(h, flowId));
    expect(receipt).toContain('请到人工窗口');
    expect(receipt).toContain('费用暂未退回');
    h.clock.advance(60_000); // no rating: the rating screen times out
    expect(await untilFinished(h, flowId)).toMatchObject({ step: 'staff-handoff', status: 'handed-to-staff' });
  });

  it('an issuing answer that stays unclear is never refunded: staff hand-off after the same-key retries', async () => {
    const world = new World();
    world.platform.issuance = [unknown];
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'rate', context: { outcome: 'handed-to-staff', lastFault: { code: 'issue-unclear' } } });
    const keys = world.platform.callsOf('issue').map((c) => (c.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(world.codeProvider.count('refund')).toBe(0);
    expect(paymentsOf(h, flowId).map((p) => p.state)).toEqual(['handed-to-staff']);
  });

  it('issuing unavailable on every try (nothing issued): refunded', async () => {
    const world = new World();
    world.platform.issuance = [unavailable];
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId).context.outcome).toBe('refunded');
    expect(world.platform.callsOf('issue')).toHaveLength(4);
    expect(paymentsOf(h, flowId).map((p) => p.state)).toEqual(['refunded']);
  });

  it('holder mismatch: an ID card of someone else ends the flow before anything else', async () => {
    const world = new World();
    world.idCardReader = new IdCardReaderFake({ birthDate: '1991-03-07' });
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    const done = await untilFinished(h, flow.flowId);
    expect(done).toMatchObject({ step: 'cancelled', status: 'cancelled', context: { lastFault: { step: 'read-id-card', code: 'holder-mismatch' } } });
    expect(flowView(done.context, done.step).fault?.message['zh-CN']).toContain('不是同一人');
    expect(world.platform.calls).toHaveLength(0);
    expect(piiRows(h)).toBe(0);
  });

  it('a permit with three months or less left is refused; one day more is accepted', async () => {
    const world = new World();
    // The hall date is 2026-11-23.
    world.permitReader = new PermitReaderFake([{ ok: true, permit: permitFacts({ expiry: '2027-02-23' }) }]);
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    expect(await untilFinished(h, flow.flowId)).toMatchObject({ step: 'cancelled', context: { lastFault: { code: 'permit-expiring' } } });

    world.permitReader.script = [{ ok: true, permit: permitFacts({ expiry: '2027-02-24' }) }];
    const second = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, second.flowId, 'capture-face');
    expect(flowOf(h, second.flowId).context.permit).toMatchObject({ expiry: '2027-02-24', numberMasked: 'C9*****23' });
  });

  it('three bad permit reads end the flow; a good read after one bad one goes on', async () => {
    const world = new World();
    const bad = { ok: false as const, code: 'bad-read' as const, message: { 'zh-CN': '未能读取', en: 'Could not read' } };
    world.permitReader = new PermitReaderFake([bad, bad, bad]);
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    expect(await untilFinished(h, flow.flowId)).toMatchObject({ step: 'cancelled', context: { permitReadFailures: 3, lastFault: { code: 'too-many-attempts' } } });
    expect(world.permitReader.reads).toBe(3);

    world.permitReader.script = [bad, { ok: true, permit: permitFacts() }];
    const second = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, second.flowId, 'capture-face');
    expect(flowOf(h, second.flowId).context).toMatchObject({ permitReadFailures: 1, lastFault: null });
  });

  it('face no-match three times: only the staff path is left, the images are gone, staff verification is what the platform sees', async () => {
    const world = new World();
    world.platform.face = [faceNoMatch];
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    for (let attempt = 1; attempt <= 3; attempt++) {
      await untilStep(h, flow.flowId, 'capture-face');
      expect(captureFace(h, flow.flowId)).toMatchObject({ ok: true });
      await until(() => flowOf(h, flow.flowId).context.faceAttempts === attempt, `attempt ${attempt}`);
    }
    await untilStep(h, flow.flowId, 'staff-verify');
    expect(flowOf(h, flow.flowId).context.lastFault).toMatchObject({ code: 'face-attempts-exhausted' });
    // A fourth picture is not taken, and not kept.
    expect(captureFace(h, flow.flowId)).toEqual({ ok: false, reason: 'not-applicable' });
    expect((h.store.db.prepare("SELECT COUNT(*) AS n FROM pii_records WHERE purpose = 'endorsement-face'").get() as { n: number }).n).toBe(0);
    expect(world.platform.callsOf('face')).toHaveLength(3);

    expect(send(h, flow.flowId, { type: 'staff.verified', staffId: 'staff-07' })).toMatchObject({ ok: true });
    await untilStep(h, flow.flowId, 'choose');
    expect(world.platform.callsOf('eligibility')[0]!.body).toMatchObject({
      holder: { permitType: 'CS', permitNumber: HOLDER.permitNumber, idNumber: HOLDER.idNumber },
      verification: { method: 'staff-assisted', staffId: 'staff-07' },
    });
  });

  it('the citizen may ask for staff instead of the camera', async () => {
    const h = openHarness(new World());
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, flow.flowId, 'capture-face');
    expect(send(h, flow.flowId, { type: 'verify.staff' })).toMatchObject({ ok: true, flow: { step: 'staff-verify' } });
    expect(send(h, flow.flowId, { type: 'staff.verified', staffId: '' })).toEqual({ ok: false, reason: 'not-applicable' });
  });

  it('cancel: allowed before payment, refused while paying and after payment', async () => {
    const world = new World();
    const h = openHarness(world);
    const first = await driveToPayment(h);
    expect(send(h, first, { type: 'cancel' })).toMatchObject({ ok: true, flow: { step: 'cancelled', status: 'cancelled' } });
    expect(world.charges()).toBe(0);

    // While the card terminal waits for the PIN: paying.
    const gate = new Gate();
    const charge = world.cardProvider.charge.bind(world.cardProvider);
    world.cardProvider.charge = async (request) => {
      await gate.opened;
      return charge(request);
    };
    const second = await driveToPayment(h);
    send(h, second, { type: 'pay', method: 'bank-card' });
    await untilStep(h, second, 'charge');
    expect(flowView(flowOf(h, second).context, 'charge').canCancel).toBe(false);
    expect(send(h, second, { type: 'cancel' })).toEqual({ ok: false, reason: 'cancel-not-allowed' });

    // While the platform issues: after payment.
    world.platform.issueGate = new Gate();
    gate.open();
    await untilStep(h, second, 'issue');
    expect(send(h, second, { type: 'cancel' })).toEqual({ ok: false, reason: 'cancel-not-allowed' });
    world.platform.issueGate.open();
    await untilStep(h, second, 'rate');
    expect(paymentsOf(h, second).map((p) => p.state)).toEqual(['delivered']);
  });

  it('times out a waiting step by its own declaration', async () => {
    const h = openHarness(new World());
    const flowId = await driveToPayment(h);
    h.clock.advance(119_999);
    expect(flowOf(h, flowId).step).toBe('choose-payment');
    h.clock.advance(1);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'cancelled', context: { lastFault: { step: 'choose-payment', code: 'timed-out' } } });
  });

  it('a 差评 carries its reasons and callback request; unknown reasons are refused', async () => {
    const h = openHarness(new World());
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(send(h, flowId, { type: 'rate', level: 1, reasons: ['made-up-reason'] })).toEqual({ ok: false, reason: 'not-applicable' });
    expect(send(h, flowId, { type: 'rate', level: 6 })).toEqual({ ok: false, reason: 'not-applicable' });
    expect(send(h, flowId, { type: 'rate', level: 1, reasons: ['too-slow', 'machine-trouble'], callback: true })).toMatchObject({ ok: true });
    await untilFinished(h, flowId);
    expect(outbox(h, 'rating')[0]!.payload).toMatchObject({
      level: 'very-dissatisfied',
      satisfaction: 1,
      badReasons: ['too-slow', 'machine-trouble'],
      callbackRequested: true,
      callbackPhone: null,
    });
  });

  it('a receipt the printer could not print does not stop the flow: it is kept for staff', async () => {
    const world = new World();
    world.printer = 'paper-end';
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId)).toMatchObject({ step: 'rate', context: { outcome: 'issued', receipt: 'kept-for-staff', lastFault: { code: 'receipt-not-printed' } } });
    expect(h.store.db.prepare('SELECT state FROM print_jobs WHERE job_id = ?').get(receiptJobId(h, flowId))).toEqual({ state: 'failed' });
    expect(paymentsOf(h, flowId).map((p) => p.state)).toEqual(['delivered']);
  });

  it('a rejected eligibility check shows the platform sentence and charges nothing', async () => {
    const world = new World();
    world.platform.eligibility = [rejected('verification-failed')];
    const h = openHarness(world);
    const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
    await untilStep(h, flow.flowId, 'capture-face');
    captureFace(h, flow.flowId);
    const done = await untilFinished(h, flow.flowId);
    expect(done).toMatchObject({ step: 'cancelled', context: { lastFault: { code: 'platform-rejected', detail: { en: 'Not accepted' } } } });
    expect(world.platform.callsOf('eligibility')).toHaveLength(1);
  });
});
