import { z } from 'zod';

/** Every way the runtime can refuse a bridge message. The renderer switches on `code`. */
export const bridgeErrorCodeSchema = z.enum([
  /** The message does not match the contract (bad JSON, unknown type, wrong fields). */
  'invalid-message',
  /** The message is valid but not allowed in the terminal's current state. */
  'not-allowed',
  /** Staff login is locked after too many wrong PINs. */
  'locked',
  /** The runtime failed while handling a valid message; nothing was changed. */
  'internal',
]);
export type BridgeErrorCode = z.infer<typeof bridgeErrorCodeSchema>;

export const bridgeErrorSchema = z.strictObject({
  code: bridgeErrorCodeSchema,
  message: z.string(),
  /** For invalid messages: where and what, e.g. "intent.pin: must be 4-12 digits". */
  issues: z.array(z.string()).optional(),
});
export type BridgeError = z.infer<typeof bridgeErrorSchema>;

export class BridgeRejection extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
    this.name = 'BridgeRejection';
  }

  toBridgeError(): BridgeError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
