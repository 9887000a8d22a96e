import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { VaultKeyProvider } from './vaultKeyProvider.js';

const KEY_BYTES = 32;

/**
 * A vault key kept in a file (mode 0600) next to the database: protects the data from anyone
 * who copies the database alone, not from someone with the kiosk user's access. Used by the
 * browser shell and kioskctl; the Electron shell wraps the key with the OS keystore instead.
 * A key file with the wrong size or looser permissions is refused rather than used.
 */
export function fileVaultKey(file: string): VaultKeyProvider {
  if (!existsSync(file)) writeFileSync(file, randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    // Tighten rather than refuse: a copy that lost its mode is still our key; log-worthy, not fatal.
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`vault key file ${file} does not hold a ${KEY_BYTES}-byte key`);
  return { keyId: keyIdOf(key), key: () => key };
}

/** Names a key without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('kiosk-vault-key-id').update(key).digest('hex').slice(0, 16);
}
