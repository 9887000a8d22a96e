import { readFileSync, existsSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformClient } from '../../../electron/platform/platformClient.js';
import type { PlatformEvent } from '../../../electron/platform/platformApiTypes.js';
import { SEED_HOLDERS, SEED_PROPERTY_CASES } from '../../platform-sim/seedData.js';
import { type PlatformHarness, heartbeat, okValue, registered, startHarness, syntheticJpeg, syntheticPng } from './platformTestKit.js';

/**
 * Every operation of the contract through the terminal's PlatformClient (and the admins'
 * FleetAdminClient) against the simulator, with requests and responses checked against the
 * OpenAPI document on both sides.
 */

let h: PlatformHarness;
let terminal: PlatformClient;
const TERMINAL = 'GZ-OPS-0001';

const holderId = (permitNumber: string) => SEED_HOLDERS.find((x) => x.permitNumber === permitNumber)?.idNumber ?? '';
const party = (caseNumber: string, partyId: string) =>
  SEED_PROPERTY_CASES.find((c) => c.case.caseNumber === caseNumber)?.parties.find((p) => p.partyId === partyId)?.idNumber ?? '';
const key = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  h = await startHarness();
  terminal = h.client(TERMINAL);
  await registered(terminal, TERMINAL);
});

afterEach(() => {
  expect(h.allViolations()).toEqual([]);
});

afterAll(async () => {
  await h.close();
});

async function faceMatch(subject: { idNumber: string } | { permitType: 'CS' | 'CD'; permitNumber: string }, seed = 1) {
  const comparison = okValue(
    await terminal.compareFace({ purpose: 'endorsement', subject, liveImage: { format: 'jpeg', dataBase64: syntheticJpeg(seed) }, reference: 'permit-chip-photo' }),
  );
  return comparison;
}

async function paidOrder(caseNumber: string, amountFen: number, service: 'exit-entry-endorsement' | 'property-transfer' = 'exit-entry-endorsement') {
  const idempotencyKey = key('pay');
  const created = okValue(
    await terminal.createPaymentOrder({
      idempotencyKey,
      caseNumber,
      service,
      method: 'payment-code',
      amountFen,
      items: [{ code: service === 'exit-entry-endorsement' ? 'endorsement-single' : 'registration-housing', amountFen }],
      paymentCode: '134567890123456780',
    }),
  );
  expect(created.order.state).toBe('paid');
  return idempotencyKey;
}

describe('registration, heartbeat and commands', () => {
  it('refuses every operation until the terminal registers, and a terminal id that is not the credential’s', async () => {
    const stranger = h.client('GZ-OPS-0099');
    expect(await stranger.sendHeartbeat(heartbeat(1))).toMatchObject({ kind: 'rejected', status: 403, error: { code: 'terminal-not-registered', retryable: true } });
    const impostor = await stranger.registerTerminal({ terminalId: TERMINAL, groups: [], versions: { app: '0.1.0' }, configVersion: null, devices: [] });
    expect(impostor).toMatchObject({ kind: 'rejected', error: { code: 'terminal-mismatch' } });
    const again = okValue(await terminal.registerTerminal({ terminalId: TERMINAL, groups: ['guangzhou'], versions: { app: '0.1.1' }, configVersion: null, devices: [] }));
    expect(again).toMatchObject({ terminalId: TERMINAL, firstRegistration: false, heartbeatIntervalSeconds: 30, signatureWindowSeconds: 300 });
  });

  it('delivers queued commands with every heartbeat until their result is reported, once per result', async () => {
    const admin = h.admin();
    const restart = okValue(await admin.queueTerminalCommand(TERMINAL, { kind: 'restart-app' })).command;
    const selfTest = okValue(await admin.queueTerminalCommand(TERMINAL, { kind: 'device-self-test', force: true, parameters: { deviceId: 'printer' } })).command;
    expect(selfTest).toMatchObject({ kind: 'device-self-test', force: true, parameters: { deviceId: 'printer' } });

    const first = okValue(await terminal.sendHeartbeat(heartbeat(1)));
    expect(first.commands.map((c) => c.commandId)).toEqual([restart.commandId, selfTest.commandId]);
    const second = okValue(await terminal.sendHeartbeat(heartbeat(2)));
    expect(second.commands.map((c) => c.commandId)).toEqual([restart.commandId, selfTest.commandId]);

    const result = await terminal.reportCommandResult(selfTest.commandId, {
      outcome: 'succeeded',
      finishedAt: new Date().toISOString(),
      selfTests: [{ deviceId: 'printer', passed: true, faultCode: null }],
    });
    expect(okValue(result)).toEqual({ commandId: selfTest.commandId, recorded: true, duplicate: false, outcome: 'succeeded' });
    const repeat = okValue(await terminal.reportCommandResult(selfTest.commandId, { outcome: 'failed', finishedAt: new Date().toISOString() }));
    expect(repeat).toMatchObject({ duplicate: true, outcome: 'succeeded' });

    const third = okValue(await terminal.sendHeartbeat(heartbeat(3)));
    expect(third.commands.map((c) => c.commandId)).toEqual([restart.commandId]);
    const recorded = h.sim.records.commands().find((c) => c.commandId === selfTest.commandId);
    expect(recorded).toMatchObject({ deliveries: 2, resultOutcome: 'succeeded', resultReports: 2 });

    expect(await terminal.reportCommandResult('cmd_does-not-exist', { outcome: 'succeeded', finishedAt: new Date().toISOString() })).toMatchObject({
      kind: 'rejected',
      error: { code: 'command-not-found' },
    });
    expect(await admin.queueTerminalCommand('GZ-NOBODY-01', { kind: 'reboot' })).toMatchObject({ kind: 'rejected', error: { code: 'unknown-terminal' } });
  });

  it('stores uploaded logs after checking their SHA-256', async () => {
    const admin = h.admin();
    const command = okValue(await admin.queueTerminalCommand(TERMINAL, { kind: 'upload-logs', parameters: { sinceHours: 24 } })).command;
    const text = '2026-11-23T08:00:00Z printer ready\n2026-11-23T08:01:00Z session ended\n';
    const sha256 = createHash('sha256').update(text).digest('hex');
    const contentBase64 = Buffer.from(text).toString('base64');
    const upload = okValue(await terminal.uploadLogs({ commandId: command.commandId, fileName: 'kiosk-2026-11-23.log', contentType: 'text/plain', contentBase64, sha256 }));
    expect(upload.sizeBytes).toBe(Buffer.byteLength(text));
    expect(h.sim.records.logUploads().find((u) => u.uploadId === upload.uploadId)?.content).toBe(text);
    const corrupt = await terminal.uploadLogs({ commandId: null, fileName: 'x.log', contentType: 'text/plain', contentBase64, sha256: '0'.repeat(64) });
    expect(corrupt).toMatchObject({ kind: 'rejected', status: 422, error: { code: 'checksum-mismatch' } });
  });

  it('shows the fleet with the last heartbeat of each terminal', async () => {
    okValue(await terminal.sendHeartbeat(heartbeat(4, { serviceState: 'out-of-service', outOfServiceReasons: ['printer-fault'], outbox: { depth: 17, oldestAgeSeconds: 90 } })));
    const fleet = okValue(await h.admin().listTerminals());
    const summary = fleet.terminals.find((t) => t.terminalId === TERMINAL);
    expect(summary).toMatchObject({
      online: true,
      serviceState: 'out-of-service',
      groups: ['guangzhou'],
      outbox: { depth: 17, oldestAgeSeconds: 90 },
      diskFreeBytes: 40_000_000_000,
      clockOffsetMs: 12,
      pendingCommands: 2,
    });
    expect(summary?.devices.map((d) => `${d.id}:${d.paper ?? '-'}`)).toEqual(['printer:near-end', 'idcard:-']);
  });
});

describe('event batches', () => {
  const now = () => new Date().toISOString();
  const events = (): PlatformEvent[] => [
    { eventId: key('ev-case'), type: 'case', occurredAt: now(), sequence: 1, payload: { caseNumber: 'CJ2026000999', service: 'exit-entry-endorsement', status: 'completed' } },
    { eventId: key('ev-pay'), type: 'payment', occurredAt: now(), sequence: 2, payload: { idempotencyKey: 'pay-00000999', caseNumber: 'CJ2026000999', method: 'qr', amountFen: 1500, state: 'delivered', orderId: 'PO0000000999', reference: null } },
    {
      eventId: key('ev-rate'),
      type: 'rating',
      occurredAt: now(),
      sequence: 3,
      payload: { caseNumber: 'CJ2026000999', service: 'exit-entry-endorsement', level: 'dissatisfied', satisfaction: 2, channel: 5, assessNumber: 1, badReasons: ['too-slow'], comment: null, callbackRequested: true, callbackPhone: '020-12345678', ratedAt: now() },
    },
    { eventId: key('ev-dev'), type: 'device-fault', occurredAt: now(), sequence: 4, payload: { deviceId: 'printer', kind: 'receipt-printer', state: 'fault', faultCode: 'paper-out', message: { 'zh-CN': '缺纸', en: 'Out of paper' }, cleared: false } },
    { eventId: key('ev-audit'), type: 'audit-digest', occurredAt: now(), sequence: 5, payload: { fromSequence: 1, toSequence: 40, entryCount: 40, headHash: 'a'.repeat(64) } },
  ];

  it('acknowledges every kind of event and stores each id once, whatever batch brings it again', async () => {
    const batch = { batchId: key('batch'), sentAt: now(), events: events() };
    const ids = batch.events.map((e) => e.eventId);
    expect(okValue(await terminal.postEventBatch(batch))).toEqual({ batchId: batch.batchId, acknowledged: ids, refused: [], duplicateBatch: false });
    // The same batch again (its answer was lost): the first answer, nothing stored twice.
    expect(okValue(await terminal.postEventBatch(batch))).toMatchObject({ acknowledged: ids, duplicateBatch: true });
    // A new batch carrying an old event with a new one.
    const fresh = events()[0] as PlatformEvent;
    const mixed = okValue(await terminal.postEventBatch({ batchId: key('batch'), sentAt: now(), events: [batch.events[0] as PlatformEvent, fresh] }));
    expect(mixed.acknowledged).toEqual([ids[0], fresh.eventId]);

    const stored = h.sim.records.events({ terminalId: TERMINAL });
    for (const id of [...ids, fresh.eventId]) expect(stored.filter((e) => e.eventId === id)).toHaveLength(1);
    expect(stored.find((e) => e.eventId === ids[0])?.deliveries).toBe(2);
    expect(h.sim.records.ratings().find((r) => r.eventId === ids[2])?.payload).toMatchObject({ level: 'dissatisfied', satisfaction: 2, channel: 5 });
  });

  it('refuses a bad event on its own and acknowledges the rest', async () => {
    const [good, , rating] = events();
    const inverted = { ...(rating as Extract<PlatformEvent, { type: 'rating' }>) };
    // GB/T 39046 direction (1 = 非常满意) sent by mistake for a very satisfied citizen.
    inverted.payload = { ...inverted.payload, level: 'very-satisfied', satisfaction: 1, badReasons: [] };
    const malformed = { eventId: key('ev-bad'), type: 'case', occurredAt: now(), payload: { caseNumber: 'CJ2026000999' } } as PlatformEvent;
    const answer = okValue(await terminal.postEventBatch({ batchId: key('batch'), sentAt: now(), events: [good as PlatformEvent, inverted, malformed] }));
    expect(answer.acknowledged).toEqual([good?.eventId]);
    expect(answer.refused.map((r) => [r.eventId, r.error.code, r.error.retryable])).toEqual([
      [inverted.eventId, 'rating-mismatch', false],
      [malformed.eventId, 'invalid-event', false],
    ]);
  });

  it('refuses a batch id reused for other events', async () => {
    const batchId = key('batch');
    okValue(await terminal.postEventBatch({ batchId, sentAt: now(), events: events().slice(0, 1) }));
    expect(await terminal.postEventBatch({ batchId, sentAt: now(), events: events().slice(1, 2) })).toMatchObject({
      kind: 'rejected',
      status: 409,
      error: { code: 'idempotency-key-reused' },
    });
  });
});

describe('config bundles', () => {
  const bundle = (version: number, targets: { terminals?: string[]; groups?: string[] }) => ({
    format: 'kiosk-config-bundle/1',
    version,
    targets,
    issuedAt: '2026-11-23T08:00:00+08:00',
    keyId: 'admin-2026',
    algorithm: 'ed25519',
    config: { idle: { warnAfterSeconds: 90, countdownSeconds: 30 } },
    signature: 'c2lnbmF0dXJl',
  });

  it('publishes for targets, serves the newest matching bundle, and records acknowledgements once each', async () => {
    const admin = h.admin();
    expect(okValue(await terminal.fetchLatestConfigBundle())).toEqual({ bundle: null });
    const published = okValue(await admin.publishConfigBundle(bundle(5, { groups: ['guangzhou'] })));
    expect(published).toMatchObject({ version: 5, targets: { terminals: [], groups: ['guangzhou'] }, matchedTerminals: [TERMINAL] });
    expect(await admin.publishConfigBundle(bundle(5, { groups: ['guangzhou'] }))).toMatchObject({ kind: 'rejected', error: { code: 'version-exists' } });
    okValue(await admin.publishConfigBundle(bundle(6, { terminals: ['GZ-OTHER-0001'] })));
    expect(await admin.publishConfigBundle(bundle(7, {}))).toMatchObject({ kind: 'rejected', error: { code: 'invalid-bundle' } });

    const latest = okValue(await terminal.fetchLatestConfigBundle());
    expect(latest.bundle).toMatchObject({ version: 5, contentSha256: published.contentSha256, bundle: bundle(5, { groups: ['guangzhou'] }) });
    expect(okValue(await terminal.fetchLatestConfigBundle(5))).toEqual({ bundle: null });
    expect(okValue(await terminal.sendHeartbeat(heartbeat(10))).latestConfigVersion).toBe(5);

    const applied = { outcome: 'applied' as const, acknowledgedAt: new Date().toISOString(), runningVersion: 5 };
    expect(okValue(await terminal.acknowledgeConfigBundle(5, applied))).toEqual({ version: 5, outcome: 'applied', recorded: true, duplicate: false });
    expect(okValue(await terminal.acknowledgeConfigBundle(5, applied))).toMatchObject({ duplicate: true });
    const rolledBack = { outcome: 'rolled-back' as const, reason: { code: 'unhealthy', message: 'printer did not come back within 120 s' }, acknowledgedAt: new Date().toISOString(), runningVersion: null };
    okValue(await terminal.acknowledgeConfigBundle(5, rolledBack));
    expect(await terminal.acknowledgeConfigBundle(99, applied)).toMatchObject({ kind: 'rejected', error: { code: 'bundle-not-found' } });

    const listed = okValue(await admin.listConfigBundles());
    expect(listed.bundles.map((b) => b.version)).toEqual([6, 5]);
    expect(listed.bundles[1]?.acknowledgements.map((a) => [a.terminalId, a.outcome, a.reason?.code ?? null])).toEqual([
      [TERMINAL, 'applied', null],
      [TERMINAL, 'rolled-back', 'unhealthy'],
    ]);
    expect(h.sim.records.configAcknowledgements().filter((a) => a.version === 5).map((a) => [a.outcome, a.reports])).toEqual([
      ['applied', 2],
      ['rolled-back', 1],
    ]);
  });
});

describe('exit-entry endorsement', () => {
  it('eligibility, approval, payment, issuing: the happy path, idempotent at each step', async () => {
    const comparison = await faceMatch({ permitType: 'CS', permitNumber: 'C10000001' });
    expect(comparison).toMatchObject({ decision: 'match', retained: false });
    const eligibility = okValue(
      await terminal.checkEndorsementEligibility({
        holder: { permitType: 'CS', permitNumber: 'C10000001', idNumber: holderId('C10000001') },
        verification: { method: 'face', comparisonId: comparison.comparisonId },
      }),
    );
    expect(eligibility.holder).toEqual({ permitType: 'CS', permitNumberMasked: 'C1*****01', nameMasked: '王*明' });
    expect(eligibility.allowed.map((c) => `${c.kind}-${c.destination}`)).toEqual(['G-HK', 'G-MO', 'L-HK', 'L-MO']);
    expect(eligibility.refused.map((r) => `${r.kind}:${r.reason.code}`)).toEqual(['T:window-only-kind', 'S:window-only-kind', 'Q:window-only-kind', 'D:window-only-kind']);

    const approval = { idempotencyKey: key('appr'), eligibilityId: eligibility.eligibilityId, selections: [{ kind: 'G' as const, destination: 'HK' as const, optionCode: 'G-HK-3M-2' }] };
    const approved = okValue(await terminal.requestEndorsementApproval(approval));
    expect(approved).toMatchObject({ decision: 'approved', reasons: [], payable: { amountFen: 3000, items: [{ feeCode: 'endorsement-double', amountFen: 3000 }] } });
    expect(okValue(await terminal.requestEndorsementApproval(approval)).caseNumber).toBe(approved.caseNumber);
    expect(await terminal.requestEndorsementApproval({ ...approval, selections: [{ kind: 'L', destination: 'HK', optionCode: 'L-HK-3M-1' }] })).toMatchObject({
      kind: 'rejected',
      error: { code: 'idempotency-key-reused' },
    });

    const unpaidKey = key('pay');
    const issueUnpaid = await terminal.issueEndorsement({ idempotencyKey: key('iss'), caseNumber: approved.caseNumber, paymentIdempotencyKey: unpaidKey });
    expect(issueUnpaid).toMatchObject({ kind: 'rejected', status: 409, error: { code: 'payment-not-settled' } });

    const paymentKey = await paidOrder(approved.caseNumber, 3000);
    const issuance = { idempotencyKey: key('iss'), caseNumber: approved.caseNumber, paymentIdempotencyKey: paymentKey };
    const issued = okValue(await terminal.issueEndorsement(issuance));
    expect(issued).toMatchObject({ status: 'issued', failure: null, endorsements: [{ kind: 'G', destination: 'HK', entries: 'double', stayDays: 7 }] });
    expect(issued.printLines.length).toBeGreaterThan(0);
    expect(okValue(await terminal.issueEndorsement(issuance))).toEqual(issued);
  });

  it('refuses with reasons per holder: non-scheme city, state employee, expiring permit, first endorsement, suspended kind', async () => {
    const check = async (permitType: 'CS' | 'CD', permitNumber: string) =>
      okValue(await terminal.checkEndorsementEligibility({ holder: { permitType, permitNumber }, verification: { method: 'staff-assisted', staffId: 'staff-07' } }));
    const nonScheme = await check('CS', 'C20000002');
    expect(nonScheme.allowed.map((c) => `${c.kind}-${c.destination}`)).toEqual(['L-HK', 'L-MO']);
    expect(nonScheme.refused.filter((r) => r.kind === 'G').map((r) => r.reason.code)).toEqual(['not-scheme-city-resident', 'not-scheme-city-resident']);
    for (const [permit, code] of [
      ['C30000003', 'registered-state-employee'],
      ['C40000004', 'permit-expiring'],
      ['C50000005', 'first-endorsement-at-window'],
    ] as const) {
      const answer = await check('CS', permit);
      expect(answer.allowed).toEqual([]);
      expect(new Set(answer.refused.map((r) => r.reason.code))).toEqual(new Set([code]));
    }
    const taiwan = await check('CD', 'L10000001');
    expect(taiwan.allowed.map((c) => `${c.kind}-${c.destination}`)).toEqual(['L-TW']);
    expect(taiwan.refused.find((r) => r.kind === 'G')?.reason.code).toBe('kind-suspended');
    expect(await terminal.checkEndorsementEligibility({ holder: { permitType: 'CS', permitNumber: 'C99999999' }, verification: { method: 'staff-assisted', staffId: 'staff-07' } })).toMatchObject({
      kind: 'rejected',
      status: 404,
      error: { code: 'holder-not-found' },
    });
  });

  it('a face that does not match proves nothing; nor does a comparison of someone else', async () => {
    const mismatch = await faceMatch({ permitType: 'CS', permitNumber: 'C70000007' });
    expect(mismatch.decision).toBe('no-match');
    expect(mismatch.score).toBeLessThan(mismatch.threshold);
    const refused = await terminal.checkEndorsementEligibility({
      holder: { permitType: 'CS', permitNumber: 'C70000007' },
      verification: { method: 'face', comparisonId: mismatch.comparisonId },
    });
    expect(refused).toMatchObject({ kind: 'rejected', error: { code: 'verification-failed', details: { reason: 'face-not-matched' } } });
    const someoneElse = await faceMatch({ idNumber: holderId('C10000001') });
    const borrowed = await terminal.checkEndorsementEligibility({
      holder: { permitType: 'CS', permitNumber: 'C20000002' },
      verification: { method: 'face', comparisonId: someoneElse.comparisonId },
    });
    expect(borrowed).toMatchObject({ kind: 'rejected', error: { code: 'verification-failed', details: { reason: 'comparison-of-someone-else' } } });
  });

  it('an approval the back end refuses carries no payable; an issue that fails is refunded', async () => {
    const eligibility = async (permitNumber: string) =>
      okValue(await terminal.checkEndorsementEligibility({ holder: { permitType: 'CS', permitNumber }, verification: { method: 'staff-assisted', staffId: 'staff-07' } }));
    const restricted = await eligibility('C80000008');
    const refused = okValue(
      await terminal.requestEndorsementApproval({ idempotencyKey: key('appr'), eligibilityId: restricted.eligibilityId, selections: [{ kind: 'L', destination: 'MO', optionCode: 'L-MO-3M-1' }] }),
    );
    expect(refused).toMatchObject({ decision: 'refused', payable: null, reasons: [{ code: 'exit-restricted' }] });

    const failing = await eligibility('C60000006');
    const approved = okValue(
      await terminal.requestEndorsementApproval({ idempotencyKey: key('appr'), eligibilityId: failing.eligibilityId, selections: [{ kind: 'G', destination: 'MO', optionCode: 'G-MO-3M-1' }] }),
    );
    const paymentKey = await paidOrder(approved.caseNumber, 1500);
    const issued = okValue(await terminal.issueEndorsement({ idempotencyKey: key('iss'), caseNumber: approved.caseNumber, paymentIdempotencyKey: paymentKey }));
    expect(issued).toMatchObject({ status: 'failed', endorsements: [], failure: { code: 'endorsement-write-failed' } });
    const refund = okValue(await terminal.refundPaymentOrder(paymentKey, { refundKey: key('rf'), amountFen: 1500, reason: 'issue-failed' }));
    expect(refund).toMatchObject({ refund: { state: 'succeeded', amountFen: 1500 }, order: { state: 'refunded', refundedFen: 1500 } });
  });
});

describe('real-estate transfer', () => {
  const CASE = 'BDC2026000101';
  const signature = () => ({ imagePngBase64: syntheticPng(), strokes: [[[10, 10, 0], [20, 14, 16], [31, 20, 33]]] as [number, number, number][][] });

  it('finds the case by contract filing number or case number, with property, parties and taxes', async () => {
    const byFiling = okValue(await terminal.lookupPropertyCase({ contractFilingNumber: 'WQ2026000123' }));
    const byCase = okValue(await terminal.lookupPropertyCase({ caseNumber: CASE }));
    expect(byFiling).toEqual(byCase);
    expect(byCase.property).toMatchObject({ unitNumber: '440106001001GB00001F00010001', use: 'housing', areaSquareMeters: 89.5 });
    expect(byCase.parties.map((p) => `${p.partyId}:${p.role}:${p.required}:${p.verified}`)).toEqual(['S1:seller:true:false', 'B1:buyer:true:false', 'B2:co-owner:true:false']);
    expect(byCase.parties[0]?.idNumberMasked).toMatch(/^440106\*{8}\d{3}[\dX]$/);
    expect(byCase.taxes.every((t) => t.status === 'paid')).toBe(true);
    expect(await terminal.lookupPropertyCase({ caseNumber: 'BDC2026999999' })).toMatchObject({ kind: 'rejected', error: { code: 'case-not-found' } });
  });

  it('every required party verifies and signs; the case is refused, naming who is missing, until all have', async () => {
    const s1Face = await faceMatch({ idNumber: party(CASE, 'S1') });
    const s1 = okValue(await terminal.verifyPropertyParty(CASE, { partyId: 'S1', idNumber: party(CASE, 'S1'), verification: { method: 'face', comparisonId: s1Face.comparisonId } }));
    expect(s1).toMatchObject({ verified: true, reason: null, remainingPartyIds: ['B1', 'B2'] });
    const wrongCard = okValue(await terminal.verifyPropertyParty(CASE, { partyId: 'B1', idNumber: party(CASE, 'B2'), verification: { method: 'staff-assisted', staffId: 'staff-07' } }));
    expect(wrongCard).toMatchObject({ verified: false, partyVerificationId: null, reason: { code: 'identity-mismatch' }, remainingPartyIds: ['B1', 'B2'] });

    const early = okValue(
      await terminal.submitPropertyCase(CASE, {
        idempotencyKey: key('sub'),
        parties: [{ partyId: 'S1', partyVerificationId: s1.partyVerificationId ?? '', signature: signature() }],
        paymentIdempotencyKeys: [],
        extraCertificates: 0,
      }),
    );
    expect(early).toMatchObject({ status: 'refused', acceptanceNumber: null, missingPartyIds: ['B1', 'B2'] });
    expect(early.reasons.map((r) => r.code)).toEqual(['parties-missing', 'fee-unpaid']);

    const b1 = okValue(await terminal.verifyPropertyParty(CASE, { partyId: 'B1', idNumber: party(CASE, 'B1'), verification: { method: 'staff-assisted', staffId: 'staff-07' } }));
    const b2Face = await faceMatch({ idNumber: party(CASE, 'B2') }, 2);
    const b2 = okValue(await terminal.verifyPropertyParty(CASE, { partyId: 'B2', idNumber: party(CASE, 'B2'), verification: { method: 'face', comparisonId: b2Face.comparisonId } }));
    expect(b2.remainingPartyIds).toEqual([]);

    const feeKey = key('pay');
    const qr = okValue(
      await terminal.createPaymentOrder({ idempotencyKey: feeKey, caseNumber: CASE, service: 'property-transfer', method: 'qr', amountFen: 8000, items: [{ code: 'registration-housing', amountFen: 8000 }] }),
    );
    expect(qr.order).toMatchObject({ state: 'pending', qr: { content: expect.stringContaining(qr.order.orderId) } });
    expect(okValue(await terminal.queryPaymentOrder(feeKey)).state).toBe('paid');

    const submission = {
      idempotencyKey: key('sub'),
      parties: [s1, b1, b2].map((p) => ({ partyId: p.partyId, partyVerificationId: p.partyVerificationId ?? '', signature: signature() })),
      paymentIdempotencyKeys: [feeKey],
      extraCertificates: 1,
    };
    const accepted = okValue(await terminal.submitPropertyCase(CASE, submission));
    expect(accepted).toMatchObject({ status: 'accepted', reasons: [], missingPartyIds: [] });
    expect(accepted.acceptanceNumber).toMatch(/^SL\d{11}$/);
    expect(okValue(await terminal.submitPropertyCase(CASE, submission))).toEqual(accepted);
    expect(await terminal.submitPropertyCase(CASE, { ...submission, idempotencyKey: key('sub') })).toMatchObject({ kind: 'rejected', error: { code: 'case-already-accepted' } });

    const options = okValue(await terminal.getCertificateDeliveryOptions(CASE));
    expect(options.options.map((o) => `${o.method}:${o.available}`)).toEqual(['electronic:true', 'print-at-terminal:true', 'window:true', 'post:true']);
    // The buyers' mailing address from the filed contract, masked for a public screen.
    expect(options.options.find((o) => o.method === 'post')?.addressOnFile).toEqual({ recipient: expect.stringMatching(/^\p{Script=Han}\*+\p{Script=Han}?$/u), address: '广州市海珠区****' });
    const delivery = okValue(await terminal.chooseCertificateDelivery(CASE, { idempotencyKey: key('dlv'), method: 'print-at-terminal' }));
    expect(delivery).toMatchObject({ status: 'ready-to-print', certificates: [{ kind: 'ownership' }] });
    expect(delivery.certificates[0]?.printLines?.join('\n')).toContain('440106001001GB00001F00010001');
  });

  it('unpaid taxes refuse the case; a case that may not print says why; mortgage proofs go to the lender', async () => {
    const office = 'BDC2026000103';
    const verify = async (caseNumber: string, partyId: string) =>
      okValue(await terminal.verifyPropertyParty(caseNumber, { partyId, idNumber: party(caseNumber, partyId), verification: { method: 'staff-assisted', staffId: 'staff-07' } }));
    const parties = [await verify(office, 'S1'), await verify(office, 'B1')];
    const fee = await paidOrder(office, 55000, 'property-transfer');
    const refused = okValue(
      await terminal.submitPropertyCase(office, {
        idempotencyKey: key('sub'),
        parties: parties.map((p) => ({ partyId: p.partyId, partyVerificationId: p.partyVerificationId ?? '', signature: signature() })),
        paymentIdempotencyKeys: [fee],
        extraCertificates: 0,
      }),
    );
    expect(refused).toMatchObject({ status: 'refused', missingPartyIds: [], reasons: [{ code: 'taxes-unpaid' }] });
    const officeOptions = okValue(await terminal.getCertificateDeliveryOptions(office));
    expect(officeOptions.options.find((o) => o.method === 'print-at-terminal')).toMatchObject({ available: false, reason: { code: 'print-not-allowed' } });
    expect(await terminal.chooseCertificateDelivery(office, { idempotencyKey: key('dlv'), method: 'window' })).toMatchObject({ kind: 'rejected', error: { code: 'case-not-accepted' } });

    const mortgage = okValue(await terminal.lookupPropertyCase({ contractFilingNumber: 'WQ2026000456' }));
    expect(mortgage).toMatchObject({ registrationType: 'transfer-with-mortgage', mortgage: { electronicCertificate: true } });
    expect(mortgage.parties.find((p) => p.role === 'mortgagee')?.required).toBe(false);
    const mortgageOptions = okValue(await terminal.getCertificateDeliveryOptions(mortgage.caseNumber));
    expect(mortgageOptions.mortgageProof).toBe('electronic-to-lender');
    // No mailing address on file: post needs one typed in.
    expect(mortgageOptions.options.find((o) => o.method === 'post')).toEqual({ method: 'post', available: true, reason: null });
  });
});

describe('payment orders', () => {
  const CASE = 'CJ2026900001';
  const create = (idempotencyKey: string, paymentCode: string, amountFen = 1500) =>
    terminal.createPaymentOrder({ idempotencyKey, caseNumber: CASE, service: 'exit-entry-endorsement', method: 'payment-code', amountFen, items: [{ code: 'endorsement-single', amountFen }], paymentCode });

  it('pending then paid: the payer confirms while the terminal queries', async () => {
    const k = key('pay');
    const created = okValue(await create(k, '280000000000000006'));
    expect(created.order).toMatchObject({ state: 'pending', channel: 'alipay', payerReference: '****0006', paidAt: null });
    expect(okValue(await terminal.queryPaymentOrder(k)).state).toBe('pending');
    expect(okValue(await terminal.queryPaymentOrder(k))).toMatchObject({ state: 'paid', paidAt: expect.any(String) });
    expect(h.sim.records.paymentOrders().find((o) => o.idempotencyKey === k)).toMatchObject({ charges: 1, queries: 2 });
  });

  it('pending then reversed: nothing is taken, and reversal is idempotent', async () => {
    const k = key('pay');
    expect(okValue(await create(k, '134567890123456787')).order.state).toBe('pending');
    expect(okValue(await terminal.queryPaymentOrder(k)).state).toBe('pending');
    expect(okValue(await terminal.reversePaymentOrder(k, { reason: 'payer-timeout' })).state).toBe('reversed');
    expect(okValue(await terminal.reversePaymentOrder(k, { reason: 'payer-timeout' })).state).toBe('reversed');
    expect(okValue(await terminal.queryPaymentOrder(k)).state).toBe('reversed');
    expect(h.sim.records.paymentOrders().find((o) => o.idempotencyKey === k)?.charges).toBe(0);
  });

  it('reversing a key with no order bars it: a create that arrives late (delayed in the network) takes no money', async () => {
    const k = key('pay');
    expect(await terminal.reversePaymentOrder(k, { reason: 'unknown-outcome' })).toMatchObject({ kind: 'rejected', status: 404, error: { code: 'payment-order-not-found' } });
    expect(await create(k, '134567890123456780')).toMatchObject({ kind: 'rejected', status: 409, error: { code: 'order-key-reversed', retryable: false } });
    expect(h.sim.records.paymentOrders().find((o) => o.idempotencyKey === k)).toBeUndefined();
  });

  it('a retry with the same key never charges twice; the same key for another payment is refused', async () => {
    const k = key('pay');
    const first = okValue(await create(k, '6212345678901234560'));
    const retry = okValue(await create(k, '6212345678901234560'));
    expect(first).toMatchObject({ replayed: false, order: { state: 'paid', channel: 'unionpay' } });
    expect(retry).toMatchObject({ replayed: true, order: { orderId: first.order.orderId, state: 'paid' } });
    expect(await create(k, '6212345678901234560', 3000)).toMatchObject({ kind: 'rejected', status: 409, error: { code: 'idempotency-key-reused' } });
    expect(await create(k, '6212345678901234561')).toMatchObject({ kind: 'rejected', error: { code: 'idempotency-key-reused' } });
    expect(h.sim.records.paymentOrders().find((o) => o.idempotencyKey === k)).toMatchObject({ charges: 1, createRequests: 2 });
  });

  it('declined codes fail at once with the reason; the code itself is not kept', async () => {
    const k = key('pay');
    expect(okValue(await create(k, '134567890123456788')).order).toMatchObject({ state: 'failed', failure: { code: 'insufficient-funds' } });
    expect(okValue(await create(key('pay'), '134567890123456789')).order.failure?.code).toBe('payment-code-expired');
    expect(okValue(await create(key('pay'), '990000000000000000')).order.failure?.code).toBe('payment-code-unrecognised');
    const dump = h.sim.store.db.prepare('SELECT * FROM payment_orders').all();
    expect(JSON.stringify(dump)).not.toContain('134567890123456788');
  });

  it('card payments take the POS result; refunds are partial or full, idempotent, and never exceed the payment', async () => {
    const k = key('pay');
    const created = okValue(await terminal.createPaymentOrder({ idempotencyKey: k, caseNumber: CASE, service: 'property-transfer', method: 'card', amountFen: 8000, items: [{ code: 'registration-housing', amountFen: 8000 }] }));
    expect(created.order).toMatchObject({ state: 'pending', channel: 'bank-card', card: null });
    const approval = { approved: true, responseCode: '00', amountFen: 8000, maskedPan: '622202******1234', acquirerReference: '123456789012', voucherNumber: '000321', batchNumber: '000001', completedAt: new Date().toISOString() };
    const paid = okValue(await terminal.confirmCardPayment(k, approval));
    expect(paid).toMatchObject({ state: 'paid', card: { maskedPan: '622202******1234' }, payerReference: '622202******1234' });
    expect(okValue(await terminal.confirmCardPayment(k, approval)).state).toBe('paid');
    expect(await terminal.confirmCardPayment(k, { ...approval, amountFen: 7000 })).toMatchObject({ kind: 'rejected', error: { code: 'amount-mismatch' } });

    const partial = { refundKey: key('rf'), amountFen: 3000, reason: 'staff-decision' as const };
    expect(okValue(await terminal.refundPaymentOrder(k, partial))).toMatchObject({ replayed: false, order: { state: 'paid', refundedFen: 3000 } });
    expect(okValue(await terminal.refundPaymentOrder(k, partial))).toMatchObject({ replayed: true, order: { refundedFen: 3000 } });
    expect(await terminal.refundPaymentOrder(k, { refundKey: key('rf'), amountFen: 5001, reason: 'other' })).toMatchObject({ kind: 'rejected', status: 422, error: { code: 'refund-exceeds-paid' } });
    expect(okValue(await terminal.refundPaymentOrder(k, { refundKey: key('rf'), amountFen: 5000, reason: 'other' })).order).toMatchObject({ state: 'refunded', refundedFen: 8000 });
    expect(await terminal.reversePaymentOrder(k, { reason: 'other' })).toMatchObject({ kind: 'rejected', error: { code: 'not-reversible' } });

    const declinedKey = key('pay');
    okValue(await terminal.createPaymentOrder({ idempotencyKey: declinedKey, caseNumber: CASE, service: 'property-transfer', method: 'card', amountFen: 8000, items: [{ code: 'registration-housing', amountFen: 8000 }] }));
    expect(okValue(await terminal.confirmCardPayment(declinedKey, { approved: false, responseCode: '51', amountFen: 8000, completedAt: new Date().toISOString() }))).toMatchObject({ state: 'failed', failure: { code: 'card-declined' } });
    expect(await terminal.refundPaymentOrder(declinedKey, { refundKey: key('rf'), amountFen: 1, reason: 'other' })).toMatchObject({ kind: 'rejected', error: { code: 'not-refundable' } });
  });

  it('lists the orders of a day for reconciliation, and says when a key was never used', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const list = okValue(await terminal.listPaymentOrders({ from, to }));
    const mine = h.sim.records.paymentOrders().filter((o) => o.terminalId === TERMINAL);
    expect(list.orders.map((o) => o.orderId)).toEqual(mine.map((o) => o.orderId));
    expect(await terminal.queryPaymentOrder('never-used-0001')).toMatchObject({ kind: 'rejected', status: 404, error: { code: 'payment-order-not-found' } });
  });
});

describe('face comparison', () => {
  it('keeps no image: neither in the answer, nor in the records, nor anywhere in the database files', async () => {
    const marker = randomBytes(32);
    const image = Buffer.alloc(8192, 7);
    image.set([0xff, 0xd8, 0xff], 0);
    for (let at = 100; at + marker.length < image.length; at += 700) marker.copy(image, at);
    const answer = okValue(
      await terminal.compareFace({ purpose: 'property-party', subject: { idNumber: party('BDC2026000102', 'B1') }, liveImage: { format: 'jpeg', dataBase64: image.toString('base64') }, reference: 'id-card-photo' }),
    );
    expect(answer).toMatchObject({ decision: 'match', retained: false, threshold: 0.8 });
    expect(h.sim.records.faceComparisons().find((c) => c.comparisonId === answer.comparisonId)).toMatchObject({ imageBytes: 8192, decision: 'match' });
    h.sim.store.db.pragma('wal_checkpoint(PASSIVE)');
    for (const file of [h.sim.store.file, `${h.sim.store.file}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes(marker), file).toBe(false);
      expect(bytes.includes(Buffer.from(marker.toString('base64').slice(0, 40))), file).toBe(false);
    }
  });

  it('answers retry for a picture too small to hold a face, and refuses what is not the declared format or has no reference', async () => {
    const tiny = okValue(await terminal.compareFace({ purpose: 'endorsement', subject: { idNumber: holderId('C10000001') }, liveImage: { format: 'jpeg', dataBase64: syntheticJpeg(3, 200) }, reference: 'id-card-photo' }));
    expect(tiny).toMatchObject({ decision: 'retry', score: 0 });
    const notPng = await terminal.compareFace({ purpose: 'endorsement', subject: { idNumber: holderId('C10000001') }, liveImage: { format: 'png', dataBase64: syntheticJpeg(3) }, reference: 'id-card-photo' });
    expect(notPng).toMatchObject({ kind: 'rejected', status: 422, error: { code: 'bad-image' } });
    const nobody = await terminal.compareFace({ purpose: 'endorsement', subject: { idNumber: '110101199001011237' }, liveImage: { format: 'jpeg', dataBase64: syntheticJpeg(3) }, reference: 'platform-record' });
    expect(nobody).toMatchObject({ kind: 'rejected', status: 404, error: { code: 'subject-not-found' } });
  });
});

describe('requests the contract does not allow', () => {
  it('are refused by the simulator with every violation named', async () => {
    const unchecked = h.client(TERMINAL, { contract: undefined });
    const bad = await unchecked.chooseCertificateDelivery('BDC2026000101', { idempotencyKey: key('dlv'), method: 'post' });
    expect(bad).toMatchObject({ kind: 'rejected', status: 400, error: { code: 'invalid-request' } });
    const details = bad.kind === 'rejected' ? JSON.stringify(bad.error.details) : '';
    expect(details).toContain('postalAddress');
    // Post with both an address and the one on file is as wrong as with neither; either without post is too.
    const address = { recipient: '测试', phone: '13800000000', address: '广州市天河区示例路1号', postcode: '510000' };
    for (const body of [
      { idempotencyKey: key('dlv'), method: 'post' as const, postalAddress: address, useAddressOnFile: true as const },
      { idempotencyKey: key('dlv'), method: 'window' as const, useAddressOnFile: true as const },
    ]) {
      expect(await unchecked.chooseCertificateDelivery('BDC2026000101', body)).toMatchObject({ kind: 'rejected', status: 400, error: { code: 'invalid-request' } });
    }
    const both = await unchecked.lookupPropertyCase({ caseNumber: 'BDC2026000101', contractFilingNumber: 'WQ2026000123' } as never);
    expect(both).toMatchObject({ kind: 'rejected', error: { code: 'invalid-request' } });
  });
});
