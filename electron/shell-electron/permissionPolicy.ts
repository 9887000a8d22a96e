import type { Session } from 'electron';
import type { Logger } from '../runtime/logger.js';
import { isAppUrl } from './navigationPolicy.js';

/** What a permission request carries that the decision depends on. */
export interface PermissionRequestFacts {
  permission: string;
  /** URL of the requesting frame (details.requestingUrl). */
  requestingUrl: string;
  isMainFrame: boolean;
  /** For 'media': the kinds of capture requested (details.mediaTypes). */
  mediaTypes?: readonly string[];
  /** For 'media': details.securityOrigin, when Electron provides it. */
  securityOrigin?: string;
}

/**
 * Deny by default. The only thing the renderer may use is the camera (face comparison),
 * video only, requested by our own main frame. The microphone stays off: nothing in the
 * product records the citizen's voice. Devices are driven from Node, so WebSerial, WebHID
 * and WebUSB are never granted.
 */
export function isPermissionRequestAllowed(facts: PermissionRequestFacts): boolean {
  if (facts.permission !== 'media') return false;
  if (!facts.isMainFrame || !isAppUrl(facts.requestingUrl)) return false;
  if (facts.securityOrigin !== undefined && !isAppUrl(facts.securityOrigin)) return false;
  const types = facts.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

/** What a synchronous permission check carries (setPermissionCheckHandler). */
export interface PermissionCheckFacts {
  permission: string;
  requestingOrigin: string;
  isMainFrame: boolean;
  /** 'video', 'audio' or 'unknown' for media checks. */
  mediaType?: string;
  securityOrigin?: string;
}

/** The check-side twin of isPermissionRequestAllowed; Electron consults both. */
export function isPermissionCheckAllowed(facts: PermissionCheckFacts): boolean {
  if (facts.permission !== 'media') return false;
  if (!facts.isMainFrame || !isAppUrl(facts.requestingOrigin)) return false;
  if (facts.securityOrigin !== undefined && !isAppUrl(facts.securityOrigin)) return false;
  return facts.mediaType === 'video';
}

/** Device access (WebHID/WebSerial/WebUSB) is never granted to the page. */
export function isDevicePermissionAllowed(): boolean {
  return false;
}

export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'
>;

/** Installs the policy on a session (the default session: the kiosk uses no other). */
export function installPermissionPolicy(session: PermissionSession, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionRequestAllowed({
      permission,
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
      ...('mediaTypes' in details && details.mediaTypes ? { mediaTypes: details.mediaTypes } : {}),
      ...('securityOrigin' in details && details.securityOrigin ? { securityOrigin: details.securityOrigin } : {}),
    });
    if (!allowed) logger.warn('permission request denied', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionCheckAllowed({
      permission,
      requestingOrigin,
      isMainFrame: details.isMainFrame,
      ...(details.mediaType ? { mediaType: details.mediaType } : {}),
      ...(details.securityOrigin ? { securityOrigin: details.securityOrigin } : {}),
    }),
  );
  session.setDevicePermissionHandler(() => isDevicePermissionAllowed());
  // The chooser events: preventDefault takes over the choice, and an empty answer cancels it.
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    logger.warn('serial port chooser denied');
    callback('');
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    logger.warn('HID device chooser denied');
    callback();
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    logger.warn('USB device chooser denied');
    callback();
  });
}
