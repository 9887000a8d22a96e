/**
 * Where the PII vault's 256-bit key comes from. Production (Electron shell): generated once and
 * kept in a file encrypted by the OS keystore through safeStorage (see
 * electron/shell-electron/safeStorageVaultKey.ts). Browser shell and tools: a key file in the
 * data directory readable only by the kiosk user (fileVaultKey.ts), weaker, and said so.
 */
export interface VaultKeyProvider {
  /** A stable id of the key, stored with every record so a key rotation knows what it can read. */
  readonly keyId: string;
  key(): Buffer;
}
