import { describe, expect, it } from 'vitest';
import { propertyViewSchema } from '../../../../../electron/bridge/propertyFlowView.js';
import type { SubmissionRequest } from '../../../../../electron/platform/platformApiTypes.js';
import { PROPERTY_FLOW_KIND } from '../../../../../electron/runtime/flows/property/propertyContext.js';
import { createPropertyFlow } from '../../../../../electron/runtime/flows/property/propertyFlow.js';
import { STEP_META } from '../../../../../electron/runtime/flows/property/propertySteps.js';
import { propertyView } from '../../../../../electron/runtime/flows/property/propertyView.js';
import { VAULT_PURPOSE } from '../../../../../electron/runtime/flows/property/propertyWork.js';
import {
  buyersTurn,
  captureFace,
  deliveryOptionsAnswer,
  demoCase,
  driveToPayment,
  driveToReview,
  flowOf,
  ok,
  openPropertyHarness,
  PARTY_IDS,
  partyTakesTurn,
  payByCode,
  piiRows,
  PropertyWorld,
  receiptJobId,
  refusedAnswer,
  rejected,
  sampleFees,
  sellerAtCamera,
  send,
  sign,
  unknown,
  until,
  untilFinished,
  untilStep,
  type PropertyHarness,
} from './propertyHarness.js';
import { expectSoundStepTable, outboxEvents } from '../flowTestKit.js';

const outbox = (h: PropertyHarness, kind: string) => outboxEvents(h.store, kind);
const paymentsOf = (h: PropertyHarness, flowId: string) => h.ledger.forCase(flowOf(h, flowId).context.caseRef!);
const view = (h: PropertyHarness, flowId: string) => {
  const flow = flowOf(h, flowId);
  return propertyViewSchema.parse(propertyView(flow.context, flow.step, h.options));
};

/** Records every screen the flow shows, each checked against the bridge contract's schema. */
function watchScreens(h: PropertyHarness): string[] {
  const screens: string[] = [];
  h.engine.onChange((flow) => {
    const parsed = propertyViewSchema.parse(propertyView(flow.context, flow.step, h.options));
    screens.push(`${flow.step}:${parsed.screen}`);
  });
  return screens;
}

describe('property-transfer flow definition', () => {
  it('declares a phase, a timeout and fault texts in both languages for every step, and only repeats safe steps on resume', () => {
    const definition = createPropertyFlow(openPropertyHarness(new PropertyWorld()).options);
    expectSoundStepTable(definition, STEP_META);
    expect(definition.steps['insert-id-card']!.devices).toEqual(['id-card-reader']);
    expect(definition.steps['sign']!.faults['party-absent']?.next).toBe('parties-missing');
  });

  it('has pure transitions: the same event and context always lead to the same place', () => {
    const definition = createPropertyFlow(openPropertyHarness(new PropertyWorld()).options);
    const context = { caseRef: 'prop-1', lookupFailures: 1, lookup: { by: 'case-number' as const, number: 'BDC2026000999' } };
    const first = definition.steps['lookup-case']!.on({ type: 'case-not-found' }, context);
    expect(definition.steps['lookup-case']!.on({ type: 'case-not-found' }, context)).toEqual(first);
    expect(first).toMatchObject({ to: 'find-case', context: { lookupFailures: 2, lastFault: { step: 'lookup-case', code: 'case-not-found' } } });
    expect(context.lookupFailures).toBe(1);
  });
});

describe('property-transfer flow through the real engine and store', () => {
  it('happy path: three parties verify and sign, one extra certificate, paid, accepted, printed here, rated; identity purged', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const screens = watchScreens(h);
    const flowId = await driveToPayment(h);
    expect(view(h, flowId)).toMatchObject({ screen: 'choose-payment', amountFen: 9_000, canCancel: true, caseNumber: 'BDC2026000101', methods: ['payment-code', 'qr', 'bank-card'] });

    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('choose-delivery');
    const delivery = view(h, flowId);
    expect(delivery).toMatchObject({ screen: 'choose-delivery', canCancel: false, phase: 'after-payment' });
    if (delivery.screen !== 'choose-delivery') throw new Error('not on choose-delivery');
    // No mailing address on file for the case, and the kiosk cannot take one: post is shown, unavailable, with the terminal's reason.
    expect(delivery.options.find((o) => o.method === 'post')).toMatchObject({ available: false, reason: { code: 'post-at-counter' } });
    expect(send(h, flowId, { type: 'choose-delivery', method: 'post' })).toMatchObject({ ok: false, reason: 'not-applicable' });
    send(h, flowId, { type: 'choose-delivery', method: 'print-at-terminal' });
    await untilStep(h, flowId, 'rate');

    // Money: one charge of 80 + 10 yuan, delivered once the case was accepted.
    const [payment] = paymentsOf(h, flowId);
    expect(payment).toMatchObject({ state: 'delivered', amountFen: 9_000, method: 'payment-code', providerReference: 'WX4200000101' });
    // The ledger names the case as the platform does (不动产 case number), besides the flow's own reference.
    expect(payment!.caseNumber).toBe(flowOf(h, flowId).context.propertyCase?.caseNumber);
    expect(payment!.caseNumber).toBe('BDC2026000101');
    expect(world.charges()).toBe(1);

    // The submission: every party's verification and signature, the paid order, the extra certificate, one key.
    const [submit] = world.platform.callsOf('submit');
    const body = submit!.body as SubmissionRequest & { caseNumber: string };
    expect(body).toMatchObject({ caseNumber: 'BDC2026000101', idempotencyKey: `${flowOf(h, flowId).context.caseRef}-submit`, paymentIdempotencyKeys: [payment!.paymentId], extraCertificates: 1 });
    expect(body.parties.map((p) => [p.partyId, p.partyVerificationId])).toEqual([
      ['S1', 'pv-1'],
      ['B1', 'pv-2'],
      ['B2', 'pv-3'],
    ]);
    expect(body.parties.every((p) => p.signature.strokes.length === 1 && p.signature.imagePngBase64.startsWith('iVBORw0KGgo'))).toBe(true);
    // Faces were compared for each party by ID number, under the property purpose, against the platform's record.
    expect(world.platform.callsOf('face').map((c) => c.body)).toEqual(
      (['S1', 'B1', 'B2'] as const).map((party) => expect.objectContaining({ purpose: 'property-party', subject: { idNumber: PARTY_IDS[party] }, reference: 'platform-record' })),
    );
    expect(world.platform.callsOf('verify').map((c) => (c.body as { partyId: string }).partyId)).toEqual(['S1', 'B1', 'B2']);

    const receipt = h.receipts.text(receiptJobId(h, flowId));
    expect(receipt).toContain('BDC2026000101');
    expect(receipt).toContain('SL20260000001');
    expect(receipt).toContain('￥90.00');
    expect(receipt).toContain('￥80.00');
    expect(receipt).toContain('￥10.00');
    expect(receipt).toContain('本机打印');
    expect(receipt).toContain('不动产权证书 粤(2026)广州市不动产权第0000001号');
    expect(receipt).toContain('陈*国');
    expect(receipt).toContain('12345');
    for (const idNumber of Object.values(PARTY_IDS)) expect(receipt).not.toContain(idNumber);

    send(h, flowId, { type: 'rate', level: 5 });
    const ended = await untilFinished(h, flowId);
    expect(ended).toMatchObject({ step: 'done', status: 'completed' });
    expect(view(h, flowId)).toMatchObject({
      screen: 'result',
      outcome: 'accepted',
      acceptanceNumber: 'SL20260000001',
      delivery: { method: 'print-at-terminal', certificates: [{ kind: 'ownership', printed: true, electronic: false }] },
      receipt: 'printed',
    });
    expect(outbox(h, 'rating')).toEqual([
      { id: `rating-${ended.context.caseRef}`, payload: expect.objectContaining({ caseNumber: 'BDC2026000101', service: 'property-transfer', satisfaction: 5, channel: 5 }) },
    ]);
    // ID numbers, faces and signatures left the vault; the context never held any.
    expect(piiRows(h)).toBe(0);
    const stored = JSON.stringify(ended.context);
    for (const idNumber of Object.values(PARTY_IDS)) expect(stored).not.toContain(idNumber);
    expect(stored).not.toContain('iVBORw0KGgo');
    // Every screen on the way matched the contract, and each party went card → face → sign.
    expect(screens.filter((s) => s.startsWith('sign:'))).toHaveLength(3);
    expect(screens.at(-1)).toBe('done:result');
  });

  it('deletes each face image right after its comparison and keeps signatures only until the submission', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const flowId = await sellerAtCamera(h);
    captureFace(h, flowId);
    await untilStep(h, flowId, 'sign');
    expect(piiRows(h, VAULT_PURPOSE.face)).toBe(0);
    expect(piiRows(h, VAULT_PURPOSE.idCard)).toBe(1);
    sign(h, flowId);
    await partyTakesTurn(h, flowId, 'B1');
    await partyTakesTurn(h, flowId, 'B2');
    await untilStep(h, flowId, 'review-fees');
    expect(piiRows(h, VAULT_PURPOSE.signature)).toBe(3);
    send(h, flowId, { type: 'confirm-fees', extraCertificates: 0 });
    await untilStep(h, flowId, 'choose-payment');
    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('choose-delivery');
    // The platform has the signatures: the kiosk keeps none.
    expect(piiRows(h)).toBe(0);
  });

  it('turns away a card that is not the current party’s and lets the right party try again', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const flowId = await buyersTurn(h);
    // The seller's card again, at the buyer's turn: the mask shows it is not the buyer's.
    world.reader.place('S1');
    await until(() => flowOf(h, flowId).context.idCardReadFailures === 1, 'the mismatch');
    expect(view(h, flowId)).toMatchObject({ screen: 'insert-id-card', attempt: 2, currentPartyId: 'B1', fault: { code: 'card-not-this-party' } });
    expect(world.platform.callsOf('verify')).toHaveLength(1);
    world.reader.place('B1');
    await untilStep(h, flowId, 'capture-face');
    expect(view(h, flowId)).toMatchObject({ screen: 'capture-face', currentPartyId: 'B1', fault: null });
  });

  it('sends a card the mask cannot tell apart back when the platform says it is not the party’s', async () => {
    const world = new PropertyWorld();
    world.platform.verification = [
      ok({ partyVerificationId: null, partyId: 'S1', verified: false, reason: { code: 'identity-mismatch', message: { 'zh-CN': '身份证件与该当事人不符', en: 'The ID card does not belong to this party' } }, remainingPartyIds: ['S1', 'B1', 'B2'] }),
      ok({ partyVerificationId: 'pv-77', partyId: 'S1', verified: true, reason: null, remainingPartyIds: ['B1', 'B2'] }),
    ];
    const h = openPropertyHarness(world);
    const flowId = await sellerAtCamera(h);
    captureFace(h, flowId);
    await until(() => flowOf(h, flowId).context.lastFault?.code === 'card-not-this-party', 'the platform refusal');
    expect(flowOf(h, flowId).step).toBe('insert-id-card');
    expect(view(h, flowId).fault).toMatchObject({ code: 'card-not-this-party', detail: { en: 'The ID card does not belong to this party' } });
    world.reader.place('S1');
    await untilStep(h, flowId, 'capture-face');
    captureFace(h, flowId);
    await untilStep(h, flowId, 'sign');
    expect(flowOf(h, flowId).context.progress?.S1?.verificationId).toBe('pv-77');
  });

  it('ends with parties-missing when a party is absent: nothing charged, the missing parties named, identity purged', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const flowId = await buyersTurn(h);
    expect(send(h, flowId, { type: 'party-absent' }).ok).toBe(true);
    const ended = await untilFinished(h, flowId);
    expect(ended).toMatchObject({ step: 'parties-missing', status: 'cancelled' });
    expect(view(h, flowId)).toMatchObject({ screen: 'result', outcome: 'parties-missing', missingPartyIds: ['B1', 'B2'], fault: { code: 'party-absent' } });
    expect(paymentsOf(h, flowId)).toEqual([]);
    expect(world.charges()).toBe(0);
    expect(piiRows(h)).toBe(0);
  });

  it('refuses a case with an unpaid tax before anyone verifies, nothing charged', async () => {
    const world = new PropertyWorld();
    const unpaid = demoCase({
      caseNumber: 'BDC2026000103',
      taxes: [{ taxId: 'T-103-2', name: { 'zh-CN': '增值税', en: 'Value-added tax' }, amountFen: 310_000, status: 'unpaid' }],
    });
    world.platform.lookup = [ok(unpaid)];
    const h = openPropertyHarness(world);
    const flowId = await driveToReview(h);
    expect(view(h, flowId)).toMatchObject({ screen: 'review-case', taxes: [{ taxId: 'T-103-2', status: 'unpaid' }] });
    send(h, flowId, { type: 'confirm-case' });
    const ended = await untilFinished(h, flowId);
    expect(ended.step).toBe('refused');
    expect(view(h, flowId)).toMatchObject({ screen: 'result', outcome: 'refused', reasons: [{ code: 'taxes-unpaid' }] });
    expect(world.platform.callsOf('verify')).toEqual([]);
    expect(paymentsOf(h, flowId)).toEqual([]);
  });

  it('lets the citizen retype a number that finds nothing, then ends the visit after too many tries', async () => {
    const world = new PropertyWorld();
    world.platform.lookup = [rejected('case-not-found')];
    const h = openPropertyHarness(world);
    const flow = h.engine.start(PROPERTY_FLOW_KIND, {});
    for (let attempt = 1; attempt <= 2; attempt++) {
      await until(() => flowOf(h, flow.flowId).step === 'find-case' && (flowOf(h, flow.flowId).context.lookupFailures ?? 0) === attempt - 1, `attempt ${attempt}`);
      send(h, flow.flowId, { type: 'find-case', by: 'case-number', number: 'BDC2026009999' });
      await until(() => flowOf(h, flow.flowId).context.lookupFailures === attempt, `failure ${attempt}`);
    }
    expect(view(h, flow.flowId)).toMatchObject({ screen: 'find-case', attempt: 3, maxAttempts: 3, fault: { code: 'case-not-found' } });
    send(h, flow.flowId, { type: 'find-case', by: 'case-number', number: 'BDC2026009999' });
    const ended = await untilFinished(h, flow.flowId);
    expect(ended).toMatchObject({ step: 'cancelled', context: { cancelReason: 'too-many-attempts' } });
    expect(world.platform.callsOf('lookup').map((c) => c.body)).toEqual([{ caseNumber: 'BDC2026009999' }, { caseNumber: 'BDC2026009999' }, { caseNumber: 'BDC2026009999' }]);
  });

  it('tells the citizen a case is already accepted and does not let it be applied for again', async () => {
    const world = new PropertyWorld();
    world.platform.lookup = [ok(demoCase({ status: 'accepted' })), ok(demoCase())];
    const h = openPropertyHarness(world);
    const flow = h.engine.start(PROPERTY_FLOW_KIND, {});
    await untilStep(h, flow.flowId, 'find-case');
    send(h, flow.flowId, { type: 'find-case', by: 'contract-filing-number', number: 'WQ2026000123' });
    await until(() => flowOf(h, flow.flowId).context.lookupFailures === 1, 'the refusal');
    expect(view(h, flow.flowId)).toMatchObject({ screen: 'find-case', fault: { code: 'case-already-accepted' } });
  });

  it('charges the registration fee by use and extra certificates from config, and refuses more extras than owners', async () => {
    const world = new PropertyWorld();
    world.platform.lookup = [ok(demoCase({ property: { ...demoCase().property, use: 'non-housing', useDescription: { 'zh-CN': '办公', en: 'Office' } } }))];
    const h = openPropertyHarness(world);
    const flowId = await driveToReview(h);
    send(h, flowId, { type: 'confirm-case' });
    for (const party of ['S1', 'B1', 'B2'] as const) await partyTakesTurn(h, flowId, party);
    await untilStep(h, flowId, 'review-fees');
    const fees = sampleFees();
    expect(view(h, flowId)).toMatchObject({
      screen: 'review-fees',
      fees: [{ code: 'registration-other', unitFen: fees.nonHousing.amountFen, count: 1, amountFen: fees.nonHousing.amountFen }],
      extraCertificates: { chosen: 0, max: 1, unitFen: fees.extraCertificate.amountFen },
    });
    // Two owners (buyer and co-owner): one certificate each, so at most one extra.
    expect(send(h, flowId, { type: 'confirm-fees', extraCertificates: 2 })).toMatchObject({ ok: false, reason: 'not-applicable' });
    send(h, flowId, { type: 'confirm-fees', extraCertificates: 1 });
    await untilStep(h, flowId, 'choose-payment');
    expect(flowOf(h, flowId).context.payable).toEqual({
      amountFen: fees.nonHousing.amountFen + fees.extraCertificate.amountFen,
      items: [
        { code: 'registration-other', label: fees.nonHousing.label, unitFen: fees.nonHousing.amountFen, count: 1, amountFen: fees.nonHousing.amountFen },
        { code: 'extra-certificate', label: fees.extraCertificate.label, unitFen: fees.extraCertificate.amountFen, count: 1, amountFen: fees.extraCertificate.amountFen },
      ],
    });
  });

  it('withholds the payment code and the QR code over their configured limits: the screen says so and neither can be chosen', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world, { options: { paymentLimits: { paymentCodeMaxFen: 5_000, qrMaxFen: 6_000 } } });
    const flowId = await driveToPayment(h);
    expect(view(h, flowId)).toMatchObject({
      screen: 'choose-payment',
      methods: ['bank-card'],
      withheld: [
        { method: 'payment-code', reason: 'over-limit', limitFen: 5_000 },
        { method: 'qr', reason: 'over-limit', limitFen: 6_000 },
      ],
    });
    expect(send(h, flowId, { type: 'pay', method: 'payment-code' })).toMatchObject({ ok: false, reason: 'not-applicable' });
    expect(send(h, flowId, { type: 'pay', method: 'qr' })).toMatchObject({ ok: false, reason: 'not-applicable' });
    send(h, flowId, { type: 'pay', method: 'bank-card' });
    await untilStep(h, flowId, 'choose-delivery');
    expect(world.cardProvider.count('charge')).toBe(1);
    expect(world.codeProvider.count('charge')).toBe(0);
  });

  it('refunds when the registration system refuses the paid submission; the receipt says refunded', async () => {
    const world = new PropertyWorld();
    world.platform.submission = [ok(refusedAnswer())];
    const h = openPropertyHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('rate');
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['refunded']);
    expect(world.codeProvider.count('refund')).toBe(1);
    expect(view(h, flowId)).toMatchObject({ screen: 'rate', outcome: 'refunded' });
    const receipt = h.receipts.text(receiptJobId(h, flowId));
    expect(receipt).toContain('已退款');
    expect(receipt).toContain('该不动产已被查封');
    expect(receipt).toContain('退款金额 Refunded');
    send(h, flowId, { type: 'rate', level: 3 });
    const ended = await untilFinished(h, flowId);
    expect(ended).toMatchObject({ step: 'done-refunded', status: 'compensated' });
    expect(view(h, flowId)).toMatchObject({ screen: 'result', outcome: 'refunded', reasons: [{ code: 'registration-blocked' }] });
  });

  it('hands an unclear submission to staff and never refunds it on its own', async () => {
    const world = new PropertyWorld();
    world.platform.submission = [unknown];
    const h = openPropertyHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('rate');
    // The same key every time, and no refund.
    const keys = new Set(world.platform.callsOf('submit').map((c) => (c.body as SubmissionRequest).idempotencyKey));
    expect(keys.size).toBe(1);
    expect(world.platform.callsOf('submit').length).toBe(h.options.submitRetryDelaysMs.length + 1);
    expect(paymentsOf(h, flowId).map((e) => e.state)).toEqual(['handed-to-staff']);
    expect(world.codeProvider.count('refund')).toBe(0);
    expect(h.receipts.text(receiptJobId(h, flowId))).toContain('请到人工窗口');
    send(h, flowId, { type: 'rate.skip' });
    expect(await untilFinished(h, flowId)).toMatchObject({ step: 'staff-handoff', status: 'handed-to-staff' });
  });

  it('picks the counter when the citizen does not choose how to receive the certificate', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const flowId = await driveToPayment(h, 0);
    await payByCode(h, flowId);
    expect(flowOf(h, flowId).step).toBe('choose-delivery');
    h.clock.advance(STEP_META['choose-delivery'].timeoutMs!);
    await untilStep(h, flowId, 'rate');
    expect(world.platform.callsOf('delivery').map((c) => (c.body as { method: string }).method)).toEqual(['window']);
    expect(h.receipts.text(receiptJobId(h, flowId))).toContain('窗口领取');
  });

  it('posts the certificate to the address the platform holds for the case: shown masked, chosen without typing, on the receipt', async () => {
    const world = new PropertyWorld();
    const onFile = { recipient: '李*', address: '广州市海珠区****' };
    world.platform.deliveryOptions = [
      ok(
        deliveryOptionsAnswer({
          options: [
            { method: 'window', available: true, reason: null },
            { method: 'post', available: true, reason: null, addressOnFile: onFile },
          ],
        }),
      ),
    ];
    const h = openPropertyHarness(world);
    const flowId = await driveToPayment(h, 0);
    await payByCode(h, flowId);
    const delivery = view(h, flowId);
    if (delivery.screen !== 'choose-delivery') throw new Error('not on choose-delivery');
    expect(delivery.options.find((o) => o.method === 'post')).toEqual({ method: 'post', available: true, reason: null, addressOnFile: onFile });

    expect(send(h, flowId, { type: 'choose-delivery', method: 'post' })).toMatchObject({ ok: true });
    await untilStep(h, flowId, 'rate');
    expect(world.platform.callsOf('delivery').map((c) => c.body)).toEqual([
      expect.objectContaining({ method: 'post', useAddressOnFile: true }),
    ]);
    expect(world.platform.callsOf('delivery')[0]!.body).not.toHaveProperty('postalAddress');
    expect(h.receipts.text(receiptJobId(h, flowId))).toContain('寄往 Posted to: 李* 广州市海珠区****');
  });

  it('does not let the citizen cancel once the money has moved', async () => {
    const world = new PropertyWorld();
    const h = openPropertyHarness(world);
    const flowId = await driveToPayment(h);
    expect(view(h, flowId).canCancel).toBe(true);
    await payByCode(h, flowId);
    expect(send(h, flowId, { type: 'cancel', reason: 'citizen' })).toMatchObject({ ok: false, reason: 'cancel-not-allowed' });
  });
});

describe('property-transfer crash and resume', () => {
  it('a restart in charge queries the pending payment and never charges again', async () => {
    const world = new PropertyWorld({ code: { query: [{ kind: 'paid', providerReference: 'WX4200000202', payerHint: '13**********6789' }] } });
    // The provider takes the money and the answer never gets back: the runtime dies with the charge out.
    const original = world.codeProvider.charge.bind(world.codeProvider);
    world.codeProvider.charge = async (request) => {
      world.codeProvider.charge = original;
      await original(request);
      return new Promise(() => {});
    };
    const first = openPropertyHarness(world);
    const flowId = await driveToPayment(first);
    send(first, flowId, { type: 'pay', method: 'payment-code' });
    await until(() => world.codeProvider.count('charge') === 1, 'the charge to go out');
    expect(flowOf(first, flowId).step).toBe('charge');
    first.crash();

    const second = openPropertyHarness(world, { startMs: first.clock.now() + 10_000 });
    expect(second.engine.resumeAll().map((f) => f.flowId)).toEqual([flowId]);
    await untilStep(second, flowId, 'choose-delivery');
    expect(world.codeProvider.count('charge')).toBe(1);
    expect(world.codeProvider.count('query')).toBeGreaterThanOrEqual(1);
    expect(second.ledger.forCase(flowOf(second, flowId).context.caseRef!).map((e) => e.state)).toEqual(['delivered']);
    expect(world.platform.acceptedKeys()).toHaveLength(1);
  });

  it('a restart in submit after the platform accepted sends the very same submission again: accepted once, never refunded', async () => {
    const world = new PropertyWorld();
    const first = openPropertyHarness(world);
    // The platform accepts while the runtime is dying: the step's work finishes, its answer is never recorded.
    world.platform.onSubmit = () => {
      world.platform.onSubmit = null;
      first.engine.dispose();
    };
    const flowId = await driveToPayment(first);
    send(first, flowId, { type: 'pay', method: 'payment-code' });
    await until(() => world.platform.acceptedKeys().length === 1, 'the platform to accept');
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(flowOf(first, flowId).step).toBe('submit');
    first.crash();

    const second = openPropertyHarness(world, { startMs: first.clock.now() + 10_000 });
    second.engine.resumeAll();
    await untilStep(second, flowId, 'choose-delivery');
    const [before, after] = world.platform.callsOf('submit').map((c) => JSON.stringify(c.body));
    expect(after).toBe(before);
    expect(world.platform.acceptedKeys()).toHaveLength(1);
    expect(second.ledger.forCase(flowOf(second, flowId).context.caseRef!).map((e) => e.state)).toEqual(['delivered']);
    expect(world.codeProvider.count('refund')).toBe(0);
    expect(piiRows(second)).toBe(0);
  });
});
