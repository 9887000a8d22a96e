import { describe, expect, it, vi } from 'vitest';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../../electron/bridge/bridgeChannels.js';
import type { BridgeReply } from '../../../electron/bridge/bridgeContract.js';
import type { BridgeEndpoint } from '../../../electron/runtime/kioskRuntime.js';
import type { Logger } from '../../../electron/runtime/logger.js';
import { createBridgeIpcHandler } from '../../../electron/shell-electron/bridgeIpcHandler.js';
import { checkIpcSender } from '../../../electron/shell-electron/ipcSenderCheck.js';
import { ipcEvent } from './fakeElectron.js';

const kioskContents = { id: 1 };
const otherContents = { id: 2 };
const mainFrame = { url: 'app://kiosk/index.html', parent: null };
const request = { kind: 'query', id: 7, query: { type: 'snapshot.get' } };

describe('checkIpcSender', () => {
  it('trusts the main frame of the kiosk window on the app origin', () => {
    expect(checkIpcSender(ipcEvent(kioskContents, mainFrame), kioskContents)).toEqual({
      trusted: true,
      frameUrl: 'app://kiosk/index.html',
    });
  });

  it.each([
    ['no sender frame', ipcEvent(kioskContents, null), 'no-sender-frame', false],
    ['another webContents', ipcEvent(otherContents, mainFrame), 'other-web-contents', true],
    ['a sub frame', ipcEvent(kioskContents, { url: 'app://kiosk/frame.html', parent: mainFrame }), 'sub-frame', true],
    ['another origin', ipcEvent(kioskContents, { url: 'https://evil.example/', parent: null }), 'other-origin', true],
    ['file:', ipcEvent(kioskContents, { url: 'file:///tmp/index.html', parent: null }), 'other-origin', true],
    ['about:blank', ipcEvent(kioskContents, { url: 'about:blank', parent: null }), 'other-origin', true],
    ['another app host', ipcEvent(kioskContents, { url: 'app://evil/index.html', parent: null }), 'other-origin', true],
  ])('distrusts %s', (_name, event, reason, answerable) => {
    expect(checkIpcSender(event, kioskContents)).toEqual({ trusted: false, reason, answerable });
  });

  it('distrusts everything before the kiosk window exists', () => {
    expect(checkIpcSender(ipcEvent(kioskContents, mainFrame), undefined)).toMatchObject({ trusted: false });
  });
});

describe('createBridgeIpcHandler', () => {
  const okReply: BridgeReply = { kind: 'reply', id: 7, ok: true, result: 'snapshot' };

  function setup() {
    const handle = vi.fn<BridgeEndpoint['handle']>(async () => okReply);
    const bridge: BridgeEndpoint = { handle, subscribe: () => () => {} };
    const warn = vi.fn();
    const logger: Logger = { info: vi.fn(), warn, error: vi.fn() };
    const handler = createBridgeIpcHandler({ bridge: async () => bridge, kioskWebContents: () => kioskContents, logger });
    return { handle, handler, warn };
  }

  it('hands a trusted request to runtime.bridge.handle with the frame as peer', async () => {
    const { handle, handler } = setup();
    await expect(handler(ipcEvent(kioskContents, mainFrame), request)).resolves.toEqual(okReply);
    expect(handle).toHaveBeenCalledWith(request, { transport: 'ipc', peer: 'app://kiosk/index.html' });
  });

  it.each([
    ['another origin', ipcEvent(kioskContents, { url: 'https://evil.example/', parent: null })],
    ['a sub frame', ipcEvent(kioskContents, { url: 'app://kiosk/x.html', parent: mainFrame })],
    ['another webContents', ipcEvent(otherContents, mainFrame)],
  ])('answers %s with not-allowed and never calls the runtime', async (_name, event) => {
    const { handle, handler, warn } = setup();
    const reply = await handler(event, request);
    expect(reply).toEqual({ kind: 'reply', id: 7, ok: false, error: { code: 'not-allowed', message: 'sender not allowed' } });
    expect(handle).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('ignores a message whose frame is gone, without calling the runtime', async () => {
    const { handle, handler, warn } = setup();
    await expect(handler(ipcEvent(kioskContents, null), request)).resolves.toBeUndefined();
    expect(handle).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('refuses a message over the size limit, measured as JSON bytes', async () => {
    const { handle, handler } = setup();
    // Multi-byte characters: under the limit in characters, over it in UTF-8 bytes.
    const big = { kind: 'intent', id: 3, intent: { type: 'session.start', pad: '中'.repeat(MAX_BRIDGE_MESSAGE_BYTES / 2) } };
    expect(JSON.stringify(big).length).toBeLessThan(MAX_BRIDGE_MESSAGE_BYTES);
    const reply = await handler(ipcEvent(kioskContents, mainFrame), big);
    expect(reply).toMatchObject({ id: 3, ok: false, error: { code: 'invalid-message' } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('lets a message just under the limit through', async () => {
    const { handle, handler } = setup();
    const padding = MAX_BRIDGE_MESSAGE_BYTES - JSON.stringify({ id: 1, pad: '' }).length;
    await handler(ipcEvent(kioskContents, mainFrame), { id: 1, pad: 'x'.repeat(padding) });
    expect(handle).toHaveBeenCalledOnce();
  });

  it('lets a camera-sized face photo through, but no other intent of that size', async () => {
    const { handle, handler } = setup();
    const photo = 'A'.repeat(400_000);
    await handler(ipcEvent(kioskContents, mainFrame), { kind: 'intent', id: 5, intent: { type: 'flow.faceCaptured', format: 'jpeg', dataBase64: photo } });
    expect(handle).toHaveBeenCalledOnce();
    const reply = await handler(ipcEvent(kioskContents, mainFrame), { kind: 'intent', id: 6, intent: { type: 'session.start', pad: photo } });
    expect(reply).toMatchObject({ id: 6, ok: false, error: { code: 'invalid-message' } });
    expect(handle).toHaveBeenCalledOnce();
  });

  it('refuses a message that cannot be serialised', async () => {
    const { handle, handler } = setup();
    const reply = await handler(ipcEvent(kioskContents, mainFrame), { id: 4, big: 1n });
    expect(reply).toMatchObject({ id: 4, ok: false, error: { code: 'invalid-message' } });
    expect(handle).not.toHaveBeenCalled();
  });
});
