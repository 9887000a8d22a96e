import type { SamFrameError } from '../samFrameError.js';
import type { SamCommandName } from '../samCommands.js';
import type { SamResponse } from '../samResponse.js';
import type { SamStatus } from '../samStatus.js';

/**
 * Why one command exchange did not succeed. The session returns these as values, never as
 * rejections, so a reading loop that forgets a catch cannot crash the device host.
 */
export type SamSessionError =
  /** No complete reply within the command's timeout (silence, or a reply cut off mid-frame). */
  | { kind: 'timeout'; command: SamCommandName; timeoutMs: number }
  /** Bytes arrived but no valid frame: bad checksum, impossible length. */
  | { kind: 'frame-error'; command: SamCommandName; errors: SamFrameError[] }
  /** A well-formed reply whose SW3 says the command failed (no card, read failed, SAM self-test failed, …). */
  | { kind: 'status-failure'; command: SamCommandName; status: SamStatus; response: SamResponse }
  /** The transport is not open or went away (unplug, I/O error, closed by us). */
  | { kind: 'disconnected'; command: SamCommandName; message: string }
  /** The caller's AbortSignal fired before the reply arrived. */
  | { kind: 'cancelled'; command: SamCommandName };

export type SamSessionErrorKind = SamSessionError['kind'];

export type SamExchangeResult = { ok: true; response: SamResponse; status: SamStatus } | { ok: false; error: SamSessionError };
