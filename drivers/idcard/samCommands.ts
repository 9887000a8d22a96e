import { encodeSamFrame } from './samFrame.js';
import { SAM_STATUS_CARD_FOUND, SAM_STATUS_SUCCESS } from './samStatus.js';

/** A host → SAM command (research/idcard.md §2). */
export interface SamCommand {
  /** For logs and errors: "find-card", "read-text-photo", … */
  readonly name: SamCommandName;
  readonly command: number;
  readonly parameter: number;
  readonly data: Uint8Array;
  /** SW3 that means this command succeeded: 0x9F for find card, 0x90 for everything else. */
  readonly successSw3: number;
}

export type SamCommandName =
  | 'reset-sam'
  | 'sam-status'
  | 'sam-id'
  | 'find-card'
  | 'select-card'
  | 'read-text-photo'
  | 'read-text-photo-fingerprint'
  | 'read-appended-address'
  | 'set-baud-rate'
  | 'set-max-rf-frame-bytes';

const NO_DATA = new Uint8Array(0);

function command(name: SamCommandName, code: number, parameter: number, data = NO_DATA, successSw3 = SAM_STATUS_SUCCESS): SamCommand {
  return { name, command: code, parameter, data, successSw3 };
}

export const resetSamCommand = (): SamCommand => command('reset-sam', 0x10, 0xff);
export const samStatusCommand = (): SamCommand => command('sam-status', 0x11, 0xff);
export const samIdCommand = (): SamCommand => command('sam-id', 0x12, 0xff);
export const findCardCommand = (): SamCommand => command('find-card', 0x20, 0x01, NO_DATA, SAM_STATUS_CARD_FOUND);
export const selectCardCommand = (): SamCommand => command('select-card', 0x20, 0x02);
export const readTextAndPhotoCommand = (): SamCommand => command('read-text-photo', 0x30, 0x01);
export const readTextPhotoAndFingerprintCommand = (): SamCommand => command('read-text-photo-fingerprint', 0x30, 0x10);
/** Right after a read it needs no new find/select; on its own it does (research §2, guocihong). */
export const readAppendedAddressCommand = (): SamCommand => command('read-appended-address', 0x30, 0x03);

/** UART rates the reader can switch to with 60 xx (softs.im table); 115200 is the default. */
export const SAM_BAUD_RATE_PARAMETERS = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 } as const;
export type SamBaudRate = keyof typeof SAM_BAUD_RATE_PARAMETERS;

export function setBaudRateCommand(baudRate: SamBaudRate): SamCommand {
  return command('set-baud-rate', 0x60, SAM_BAUD_RATE_PARAMETERS[baudRate]);
}

/** 61 FF n: largest SAM↔RF frame; hevz sends 0x50 once after the status check. */
export function setMaxRfFrameBytesCommand(maxBytes: number): SamCommand {
  if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > 0xff) throw new RangeError(`max RF frame bytes must be 1..255, got ${maxBytes}`);
  return command('set-max-rf-frame-bytes', 0x61, 0xff, Uint8Array.of(maxBytes));
}

export function encodeSamCommand(samCommand: SamCommand): Uint8Array {
  const body = new Uint8Array(2 + samCommand.data.length);
  body[0] = samCommand.command;
  body[1] = samCommand.parameter;
  body.set(samCommand.data, 2);
  return encodeSamFrame(body);
}

/** The command a frame body carries, as a simulator sees it; null for a body too short to be one. */
export function parseSamCommandBody(body: Uint8Array): { command: number; parameter: number; data: Uint8Array } | null {
  if (body.length < 2) return null;
  return { command: body[0] ?? 0, parameter: body[1] ?? 0, data: body.slice(2) };
}
