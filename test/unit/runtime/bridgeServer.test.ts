import { describe, expect, it } from 'vitest';
import { bridgeReplySchema, MAX_BRIDGE_MESSAGE_BYTES, MAX_BRIDGE_PHOTO_MESSAGE_BYTES, type Intent } from '../../../electron/bridge/bridgeContract.js';
import { BridgeRejection } from '../../../electron/bridge/bridgeErrors.js';
import { BridgeServer } from '../../../electron/runtime/bridge/bridgeServer.js';
import { RejectionAuditThrottle } from '../../../electron/runtime/bridge/rejectionAuditThrottle.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { RecordingAudit } from '../../helpers/runtimeFakes.js';

const origin = { transport: 'websocket' as const, peer: 'ws#1' };

function setup(intent: (i: Intent) => Promise<void> = async () => undefined) {
  const clock = new FakeClock();
  const audit = new RecordingAudit();
  const handled: Intent[] = [];
  const server = new BridgeServer(
    {
      intent: async (i) => {
        handled.push(i);
        await intent(i);
      },
      query: () => ({ answer: 42 }),
    },
    new RejectionAuditThrottle(audit, clock, 20),
    silentLogger,
  );
  return { server, audit, handled, clock };
}

const invalidMessages: [string, unknown][] = [
  ['not JSON', '{"kind": "intent",'],
  ['a binary frame (delivered as null)', null],
  ['a number', 42],
  ['an array', [1, 2, 3]],
  ['no kind', { id: 1, intent: { type: 'session.start' } }],
  ['an unknown kind', { kind: 'command', id: 1, intent: { type: 'session.start' } }],
  ['an unknown intent type', { kind: 'intent', id: 1, intent: { type: 'payment.refundEverything' } }],
  ['an extra envelope field', { kind: 'intent', id: 1, intent: { type: 'session.start' }, admin: true }],
  ['an extra intent field', { kind: 'intent', id: 1, intent: { type: 'session.start', force: true } }],
  ['a missing intent field', { kind: 'intent', id: 1, intent: { type: 'ui.setLanguage' } }],
  ['a language not in the contract', { kind: 'intent', id: 1, intent: { type: 'ui.setLanguage', language: 'fr' } }],
  ['a PIN that is not digits', { kind: 'intent', id: 1, intent: { type: 'staff.submitPin', pin: "1' OR 1=1" } }],
  ['a PIN that is too long', { kind: 'intent', id: 1, intent: { type: 'staff.submitPin', pin: '1'.repeat(40) } }],
  ['a negative id', { kind: 'intent', id: -5, intent: { type: 'session.start' } }],
  ['a fractional id', { kind: 'intent', id: 1.5, intent: { type: 'session.start' } }],
  ['a string id', { kind: 'intent', id: '1', intent: { type: 'session.start' } }],
  ['a wrong boolean', { kind: 'intent', id: 1, intent: { type: 'ui.setLargeText', enabled: 'yes' } }],
  ['an unknown query', { kind: 'query', id: 1, query: { type: 'audit.dump' } }],
  ['a prototype-pollution attempt', JSON.parse('{"kind":"intent","id":1,"intent":{"type":"session.start","__proto__":{"x":1}}}')],
  ['an oversize string', JSON.stringify({ kind: 'intent', id: 1, intent: { type: 'session.start' }, pad: 'x'.repeat(20_000) })],
  ['an oversize object', { kind: 'intent', id: 1, intent: { type: 'menu.selectService', serviceId: 'x'.repeat(20_000) } }],
  // Only the photo intent may be large, and even it only up to the photo limit.
  ['a large message dressed as another intent', { kind: 'intent', id: 1, intent: { type: 'session.start' }, photo: photoBase64(300_000) }],
  ['a photo over the photo limit', JSON.stringify(faceIntent(MAX_BRIDGE_PHOTO_MESSAGE_BYTES))],
];

/** Base64 text of the given length (the contract checks the alphabet, not the JPEG). */
function photoBase64(length: number): string {
  return 'A'.repeat(length);
}

function faceIntent(base64Length: number) {
  return { kind: 'intent', id: 1, intent: { type: 'flow.faceCaptured', format: 'jpeg', dataBase64: photoBase64(base64Length) } };
}

describe('BridgeServer', () => {
  it.each(invalidMessages)('rejects %s with a typed error and an audit entry, never reaching a handler', async (_name, message) => {
    const { server, audit, handled } = setup();
    const reply = await server.handle(message, origin);
    expect(bridgeReplySchema.safeParse(reply).success).toBe(true);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('invalid-message');
    expect(handled).toEqual([]);
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: 'bridge', action: 'bridge.message.rejected', detail: { transport: 'websocket', peer: 'ws#1' } });
  });

  it('says where a message is wrong and echoes a usable id', async () => {
    const { server } = setup();
    const reply = await server.handle({ kind: 'intent', id: 7, intent: { type: 'staff.submitPin', pin: 'abc' } }, origin);
    expect(reply).toMatchObject({ id: 7, ok: false, error: { code: 'invalid-message', issues: ['intent.pin: must be 4-12 digits'] } });
  });

  it('hands valid intents to the handler and replies ok; accepts JSON text and objects alike', async () => {
    const { server, handled } = setup();
    expect(await server.handle(JSON.stringify({ kind: 'intent', id: 3, intent: { type: 'session.start' } }), origin)).toEqual({
      kind: 'reply',
      id: 3,
      ok: true,
      result: null,
    });
    await server.handle({ kind: 'intent', id: 4, intent: { type: 'ui.setLanguage', language: 'en' } }, origin);
    expect(handled).toEqual([{ type: 'session.start' }, { type: 'ui.setLanguage', language: 'en' }]);
  });

  it('lets a face photo the size a real camera takes through, as JSON text and as an object', async () => {
    // A 1280-pixel JPEG at quality 0.9 is 100–300 KB: far over the ordinary message limit.
    const { server, handled } = setup();
    expect(JSON.stringify(faceIntent(400_000)).length).toBeGreaterThan(MAX_BRIDGE_MESSAGE_BYTES);
    expect(await server.handle(JSON.stringify(faceIntent(400_000)), origin)).toMatchObject({ ok: true });
    expect(await server.handle(faceIntent(2_800_000), origin)).toMatchObject({ ok: true });
    expect(handled.map((intent) => intent.type)).toEqual(['flow.faceCaptured', 'flow.faceCaptured']);
  });

  it('answers queries with their result', async () => {
    const { server } = setup();
    expect(await server.handle({ kind: 'query', id: 9, query: { type: 'snapshot.get' } }, origin)).toEqual({
      kind: 'reply',
      id: 9,
      ok: true,
      result: { answer: 42 },
    });
  });

  it('turns a refusal into its typed error, and an unexpected failure into "internal" without throwing', async () => {
    const refusing = setup(async () => {
      throw new BridgeRejection('not-allowed', 'not now');
    });
    expect(await refusing.server.handle({ kind: 'intent', id: 1, intent: { type: 'session.end' } }, origin)).toMatchObject({
      ok: false,
      error: { code: 'not-allowed', message: 'not now' },
    });
    const crashing = setup(async () => {
      throw new TypeError('boom');
    });
    const reply = await crashing.server.handle({ kind: 'intent', id: 2, intent: { type: 'session.end' } }, origin);
    expect(reply).toMatchObject({ id: 2, ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('boom');
  });

  it('limits audit entries for a flood of bad messages to 20 a minute plus one summary', async () => {
    const { server, audit, clock } = setup();
    for (let i = 0; i < 100; i++) await server.handle('garbage', origin);
    expect(audit.entries).toHaveLength(20);
    clock.advance(60_000);
    await server.handle('garbage', origin);
    expect(audit.actions().filter((a) => a === 'bridge.message.rejected.suppressed')).toHaveLength(1);
    expect(audit.entries.find((e) => e.action === 'bridge.message.rejected.suppressed')?.detail).toEqual({ count: 80 });
  });

  it('publishes events to every subscriber, and a failing subscriber does not stop the others', () => {
    const { server } = setup();
    const received: string[] = [];
    server.subscribe(() => {
      throw new Error('socket gone');
    });
    const unsubscribe = server.subscribe((m) => received.push(m.event.type));
    server.publish({ type: 'reload' });
    unsubscribe();
    server.publish({ type: 'reload' });
    expect(received).toEqual(['reload']);
  });
});

describe('BridgeServer when the audit log cannot be written', () => {
  it('still answers a bad message with its typed error', async () => {
    const clock = new FakeClock();
    const failingAudit = {
      append: () => {
        throw new Error('SqliteError: database is locked');
      },
    };
    const server = new BridgeServer(
      { intent: async () => undefined, query: () => null },
      new RejectionAuditThrottle(failingAudit, clock),
      silentLogger,
    );
    expect(await server.handle('garbage', origin)).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
  });
});
