import { z } from 'zod';
import { RELEASE_VERSION_PATTERN } from './releaseVersion.js';

/**
 * What survives a restart during an update: the update in progress (written before the
 * installer runs) and the versions this terminal rolled back from. decideAtStart reads it
 * when the app starts and says what the update came to; the health check after an update
 * and the rollback are driven from there.
 */

const version = z.string().regex(RELEASE_VERSION_PATTERN);

export const pendingUpdateSchema = z.strictObject({
  /** installing: the installer runs; verifying: the new version must prove healthy; rolling-back: back to fromVersion. */
  phase: z.enum(['installing', 'verifying', 'rolling-back']),
  fromVersion: version,
  toVersion: version,
  /** Feed base URL at install time: a rollback must not depend on the new version's config. */
  feedUrl: z.string().min(1),
  startedAtMs: z.number().int().nonnegative(),
  /** Starts of the new version that ended before it proved healthy. */
  unhealthyStarts: z.number().int().nonnegative(),
  healthGraceSeconds: z.number().int().positive(),
  maxUnhealthyStarts: z.number().int().positive(),
  rollbackReason: z.string().optional(),
});
export type PendingUpdate = z.infer<typeof pendingUpdateSchema>;

export const updateJournalSchema = z.strictObject({
  pending: pendingUpdateSchema.optional(),
  badVersions: z.array(version).default([]),
});
export type UpdateJournal = z.infer<typeof updateJournalSchema>;

export const EMPTY_UPDATE_JOURNAL: UpdateJournal = { badVersions: [] };

export type UpdateOutcomeKind =
  | 'installed'
  | 'install-failed'
  | 'download-failed'
  | 'rolled-back'
  | 'rollback-failed'
  | 'superseded';

/** Reported to staff, the audit log and the platform. */
export interface UpdateOutcome {
  kind: UpdateOutcomeKind;
  fromVersion: string;
  toVersion: string;
  atMs: number;
  detail?: string;
}

/** What the OS installer (config/os/linux/install-update.sh) left behind, if it ran. */
export interface InstallerResult {
  status: 'installed' | 'failed';
  version: string;
  reason: string;
}

export type StartDecision =
  | { action: 'none'; journal: UpdateJournal }
  /** The new version runs: it must report healthy within the grace period. */
  | { action: 'verify'; journal: UpdateJournal; pending: PendingUpdate }
  /** Go back to pending.fromVersion. */
  | { action: 'rollback'; journal: UpdateJournal; pending: PendingUpdate }
  | { action: 'report'; journal: UpdateJournal; outcome: UpdateOutcome };

/** Decides, at app start, what the update recorded in the journal came to. */
export function decideAtStart(
  journal: UpdateJournal,
  currentVersion: string,
  nowMs: number,
  installerResult?: InstallerResult,
): StartDecision {
  const pending = journal.pending;
  if (!pending) return { action: 'none', journal };
  const cleared: UpdateJournal = { badVersions: journal.badVersions };
  const outcome = (kind: UpdateOutcomeKind, detail?: string): UpdateOutcome => ({
    kind,
    fromVersion: pending.fromVersion,
    toVersion: pending.toVersion,
    atMs: nowMs,
    ...(detail ? { detail } : {}),
  });
  const markedBad: UpdateJournal = {
    badVersions: journal.badVersions.includes(pending.toVersion) ? journal.badVersions : [...journal.badVersions, pending.toVersion],
  };
  const onNewVersion = currentVersion === pending.toVersion;
  const onOldVersion = currentVersion === pending.fromVersion;
  if (!onNewVersion && !onOldVersion) {
    return { action: 'report', journal: cleared, outcome: outcome('superseded', `version ${currentVersion} was installed meanwhile`) };
  }

  switch (pending.phase) {
    case 'installing': {
      if (onOldVersion) {
        const why = installerResult?.status === 'failed' ? installerResult.reason : 'the installer did not replace the running version';
        return { action: 'report', journal: cleared, outcome: outcome('install-failed', why) };
      }
      const verifying: PendingUpdate = { ...pending, phase: 'verifying', unhealthyStarts: 1 };
      return { action: 'verify', journal: { ...journal, pending: verifying }, pending: verifying };
    }
    case 'verifying': {
      if (onOldVersion) return { action: 'report', journal: markedBad, outcome: outcome('rolled-back', 'the previous version is running again') };
      const starts = pending.unhealthyStarts + 1;
      if (starts > pending.maxUnhealthyStarts) {
        const rollingBack: PendingUpdate = {
          ...pending,
          phase: 'rolling-back',
          unhealthyStarts: starts - 1,
          rollbackReason: `stopped ${starts - 1} times before proving healthy`,
        };
        return { action: 'rollback', journal: { ...journal, pending: rollingBack }, pending: rollingBack };
      }
      const verifying: PendingUpdate = { ...pending, unhealthyStarts: starts };
      return { action: 'verify', journal: { ...journal, pending: verifying }, pending: verifying };
    }
    case 'rolling-back':
      if (onOldVersion) return { action: 'report', journal: markedBad, outcome: outcome('rolled-back', pending.rollbackReason) };
      return { action: 'rollback', journal, pending };
  }
}

/** The grace period after an update ended: a healthy new version stays, an unhealthy one goes. */
export function decideAfterGrace(
  journal: UpdateJournal,
  healthy: boolean,
  nowMs: number,
): { action: 'keep'; journal: UpdateJournal; outcome: UpdateOutcome } | { action: 'rollback'; journal: UpdateJournal; pending: PendingUpdate } | { action: 'none' } {
  const pending = journal.pending;
  if (!pending || pending.phase !== 'verifying') return { action: 'none' };
  if (healthy) {
    return {
      action: 'keep',
      journal: { badVersions: journal.badVersions },
      outcome: { kind: 'installed', fromVersion: pending.fromVersion, toVersion: pending.toVersion, atMs: nowMs },
    };
  }
  const rollingBack: PendingUpdate = {
    ...pending,
    phase: 'rolling-back',
    rollbackReason: `not healthy within ${pending.healthGraceSeconds} s`,
  };
  return { action: 'rollback', journal: { ...journal, pending: rollingBack }, pending: rollingBack };
}
