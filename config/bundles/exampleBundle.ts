import { BUNDLE_FORMAT } from './bundleFormat.js';

export interface ExampleBundleOptions {
  version?: number;
  terminals?: string[];
  groups?: string[];
}

/**
 * The unsigned starting point `kioskctl config init-bundle` writes: valid as it stands (it
 * can be signed unchanged), with the rules an admin needs in `_help`, since JSON has no comments.
 */
export function exampleBundle(options: ExampleBundleOptions = {}): Record<string, unknown> {
  const terminals = options.terminals ?? (options.groups?.length ? [] : ['DEMO-HALL-0001']);
  return {
    format: BUNDLE_FORMAT,
    version: options.version ?? 1,
    targets: { terminals, groups: options.groups ?? [] },
    config: {
      idle: { warnAfterSeconds: 90, countdownSeconds: 30 },
    },
    _help: [
      'A remote config bundle. Edit, then: kioskctl config sign THIS_FILE --key ADMIN.key --out SIGNED.json',
      'version: a whole number larger than every bundle issued before; each terminal accepts a version once, in increasing order.',
      'targets.terminals: terminal ids (terminalId in their config); targets.groups: group names (remoteConfig.groups in their config).',
      'activateAt (optional): an ISO 8601 time with zone, e.g. "2026-12-01T03:00:00+08:00"; terminals hold the bundle until then.',
      'config: the part of the terminal config to set, merged over each terminal file (objects field by field, lists replaced whole).',
      'config may not set terminalId, remoteConfig or the platform credential. Field reference: kioskctl config reference.',
      'issuedAt, keyId, algorithm and signature are filled in by kioskctl config sign. This _help text is signed too, and ignored by terminals.',
    ],
  };
}
