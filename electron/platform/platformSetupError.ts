export type PlatformSetupErrorCode = 'bad-base-url' | 'ca-file-unreadable' | 'bad-credential';

/** A platform client that cannot be set up from its options: a config problem, not a network one. */
export class PlatformSetupError extends Error {
  constructor(
    readonly code: PlatformSetupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlatformSetupError';
  }
}
