import type { TransportErrorCode } from './byteTransport.js';
import { TransportError } from './byteTransport.js';

/**
 * Sorts an OS-level failure to open a device into a TransportError code. The native
 * layers (serialport's bindings, hidapi, nusb) mostly report errors as text rather than
 * errno codes, so both are checked: Node-style `code`s, strerror texts (Linux/macOS) and
 * the Windows wording.
 */
export function classifyOpenFailure(error: unknown): TransportErrorCode {
  const code = errorCode(error);
  const message = describeError(error);
  if (NOT_FOUND_CODES.has(code) || NOT_FOUND_TEXT.test(message)) return 'not-found';
  if (PERMISSION_CODES.has(code) || PERMISSION_TEXT.test(message)) return 'permission-denied';
  if (BUSY_CODES.has(code) || BUSY_TEXT.test(message)) return 'busy';
  return 'io-error';
}

/** The message of whatever was thrown, for logs and TransportError messages. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The TransportError for a USB device (HID or bulk) that would not open: "<description>:
 * cannot open (<cause>)", or for a permission problem the hint saying how to grant access.
 */
export function usbOpenError(description: string, error: unknown, permissionHint: string): TransportError {
  const code = classifyOpenFailure(error);
  const cause = describeError(error);
  if (code === 'permission-denied') return new TransportError(code, `${description}: no permission: ${permissionHint} (${cause})`);
  return new TransportError(code, `${description}: cannot open (${cause})`);
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  return String(error.code);
}

const NOT_FOUND_CODES = new Set(['ENOENT', 'ENODEV', 'ENXIO']);
const PERMISSION_CODES = new Set(['EACCES', 'EPERM']);
const BUSY_CODES = new Set(['EBUSY', 'EAGAIN']);

const NOT_FOUND_TEXT =
  /no such file|no such device|does not exist|file not found|cannot find|device not found|entity not found/i;
// Windows says "Access denied" also when another program holds a COM port; callers' hints mention both.
const PERMISSION_TEXT = /permission denied|access denied|access is denied|operation not permitted/i;
// flock() failing reads "Resource temporarily unavailable Cannot lock port"; the mock binding says "locked".
const BUSY_TEXT = /busy|lock|resource temporarily unavailable|in use/i;
