import { describe, expect, it } from 'vitest';
import {
  installPermissionPolicy,
  isPermissionCheckAllowed,
  isPermissionRequestAllowed,
  type PermissionSession,
} from '../../../electron/shell-electron/permissionPolicy.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { FakeEvent, FakeSession } from './fakeElectron.js';

const OWN_PAGE = 'app://kiosk/index.html';

describe('isPermissionRequestAllowed', () => {
  it('allows the camera (video only) for our own main frame', () => {
    expect(isPermissionRequestAllowed({ permission: 'media', requestingUrl: OWN_PAGE, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    expect(
      isPermissionRequestAllowed({
        permission: 'media',
        requestingUrl: OWN_PAGE,
        isMainFrame: true,
        mediaTypes: ['video'],
        securityOrigin: 'app://kiosk/',
      }),
    ).toBe(true);
  });

  it.each([
    ['microphone', { mediaTypes: ['audio'] }],
    ['camera with microphone', { mediaTypes: ['video', 'audio'] }],
    ['media without types', { mediaTypes: [] }],
    ['media with no type info', { mediaTypes: undefined }],
    ['camera from another origin', { requestingUrl: 'https://evil.example/' }],
    ['camera from file:', { requestingUrl: 'file:///tmp/x.html' }],
    ['camera from a sub frame', { isMainFrame: false }],
    ['camera with a foreign security origin', { securityOrigin: 'https://evil.example' }],
  ])('denies %s', (_name, override) => {
    expect(
      isPermissionRequestAllowed({ permission: 'media', requestingUrl: OWN_PAGE, isMainFrame: true, mediaTypes: ['video'], ...override }),
    ).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'pointerLock',
    'keyboardLock',
    'openExternal',
    'midi',
    'midiSysex',
    'mediaKeySystem',
    'idle-detection',
    'window-management',
    'speaker-selection',
    'storage-access',
    'fileSystem',
    'unknown',
  ])('denies %s even for our own origin', (permission) => {
    expect(isPermissionRequestAllowed({ permission, requestingUrl: OWN_PAGE, isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
  });
});

describe('isPermissionCheckAllowed', () => {
  it('allows only a video media check from our origin', () => {
    expect(isPermissionCheckAllowed({ permission: 'media', requestingOrigin: 'app://kiosk', isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(isPermissionCheckAllowed({ permission: 'media', requestingOrigin: 'app://kiosk', isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(isPermissionCheckAllowed({ permission: 'media', requestingOrigin: 'app://kiosk', isMainFrame: true, mediaType: 'unknown' })).toBe(false);
    expect(isPermissionCheckAllowed({ permission: 'media', requestingOrigin: 'https://evil.example', isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(isPermissionCheckAllowed({ permission: 'serial', requestingOrigin: 'app://kiosk', isMainFrame: true })).toBe(false);
    expect(isPermissionCheckAllowed({ permission: 'hid', requestingOrigin: 'app://kiosk', isMainFrame: true })).toBe(false);
    expect(isPermissionCheckAllowed({ permission: 'usb', requestingOrigin: 'app://kiosk', isMainFrame: true })).toBe(false);
  });
});

describe('installPermissionPolicy', () => {
  function installed() {
    const session = new FakeSession();
    installPermissionPolicy(session as unknown as PermissionSession, silentLogger);
    return session;
  }

  function request(session: FakeSession, permission: string, details: Record<string, unknown>): boolean | undefined {
    let answer: boolean | undefined;
    session.permissionRequestHandler?.({}, permission, (granted) => (answer = granted), details);
    return answer;
  }

  it('answers requests through the callback with the policy decision', () => {
    const session = installed();
    expect(request(session, 'media', { requestingUrl: OWN_PAGE, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    expect(request(session, 'media', { requestingUrl: OWN_PAGE, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(request(session, 'geolocation', { requestingUrl: OWN_PAGE, isMainFrame: true })).toBe(false);
    expect(request(session, 'media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
  });

  it('installs the check handler', () => {
    const session = installed();
    expect(session.permissionCheckHandler?.({}, 'media', 'app://kiosk', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(session.permissionCheckHandler?.({}, 'notifications', 'app://kiosk', { isMainFrame: true })).toBe(false);
  });

  it('denies every device permission', () => {
    const session = installed();
    for (const deviceType of ['hid', 'serial', 'usb']) {
      expect(session.devicePermissionHandler?.({ deviceType, origin: 'app://kiosk', device: {} })).toBe(false);
    }
  });

  it('cancels the serial, HID and USB choosers', () => {
    const session = installed();
    const serial = new FakeEvent();
    const serialAnswers: string[] = [];
    session.emit('select-serial-port', serial, [{ portId: 'p1' }], {}, (portId: string) => serialAnswers.push(portId));
    expect(serial.defaultPrevented).toBe(true);
    expect(serialAnswers).toEqual(['']);

    for (const name of ['select-hid-device', 'select-usb-device']) {
      const event = new FakeEvent();
      const answers: unknown[][] = [];
      session.emit(name, event, { deviceList: [{ deviceId: 'd1' }] }, (...args: unknown[]) => answers.push(args));
      expect(event.defaultPrevented).toBe(true);
      expect(answers).toEqual([[]]);
    }
  });
});
