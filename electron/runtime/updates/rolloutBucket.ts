import { createHash } from 'node:crypto';

/**
 * Staged rollout inside a terminal group: a terminal takes a version when its bucket (0-99)
 * is below the group's rolloutPercent. The bucket hashes the terminal id with the version,
 * so every terminal keeps its place while a rollout widens, and each release starts with a
 * different set of terminals rather than always the same unlucky ones.
 */
export function rolloutBucket(terminalId: string, version: string): number {
  const digest = createHash('sha256').update(`${terminalId}\n${version}`, 'utf8').digest();
  return digest.readUInt32BE(0) % 100;
}

export function isWithinRollout(terminalId: string, version: string, rolloutPercent: number): boolean {
  return rolloutBucket(terminalId, version) < rolloutPercent;
}
