import type {
  BundleOutcomeReason,
  BundleTargets,
  ConfigBundleEnvelope,
  SignedConfigBundleDocument,
} from '../../electron/platform/platformApiTypes.js';
import { type OperationHandlers, SimulatorError, iso, sha256Hex, terminalOf } from './simulatorHandler.js';
import type { SimulatorStore } from './simulatorStore.js';

/**
 * Config bundles: admins publish signed bundles (stored as they are: the terminals verify
 * them), terminals fetch the newest one that targets them by id or group and acknowledge
 * what they did with it.
 */

interface BundleRow {
  version: number;
  content_json: string;
  content_sha256: string;
  targets_json: string;
  published_at: number;
}

function targetsOf(bundle: SignedConfigBundleDocument): BundleTargets {
  return { terminals: bundle.targets.terminals ?? [], groups: bundle.targets.groups ?? [] };
}

function terminalGroups(store: SimulatorStore, terminalId: string): string[] {
  const row = store.stmt('SELECT groups_json FROM terminals WHERE terminal_id = ?').get(terminalId) as { groups_json: string } | undefined;
  return row ? (JSON.parse(row.groups_json) as string[]) : [];
}

export function bundleTargetsTerminal(targets: BundleTargets, terminalId: string, groups: readonly string[]): boolean {
  return targets.terminals.includes(terminalId) || targets.groups.some((group) => groups.includes(group));
}

function bundlesFor(store: SimulatorStore, terminalId: string): BundleRow[] {
  const groups = terminalGroups(store, terminalId);
  const rows = store.stmt('SELECT * FROM config_bundles ORDER BY version DESC').all() as BundleRow[];
  return rows.filter((row) => bundleTargetsTerminal(JSON.parse(row.targets_json) as BundleTargets, terminalId, groups));
}

export function latestBundleVersionFor(store: SimulatorStore, terminalId: string): number | null {
  return bundlesFor(store, terminalId)[0]?.version ?? null;
}

export const configBundleHandlers: Pick<
  OperationHandlers,
  'fetchLatestConfigBundle' | 'acknowledgeConfigBundle' | 'publishConfigBundle' | 'listConfigBundles'
> = {
  fetchLatestConfigBundle(context) {
    const terminalId = terminalOf(context);
    const after = context.query.after === undefined ? 0 : Number(context.query.after);
    const row = bundlesFor(context.store, terminalId)[0];
    if (!row || row.version <= after) return { bundle: null };
    const envelope: ConfigBundleEnvelope = {
      version: row.version,
      contentSha256: row.content_sha256,
      publishedAt: iso(row.published_at),
      bundle: JSON.parse(row.content_json) as SignedConfigBundleDocument,
    };
    return { bundle: envelope };
  },

  acknowledgeConfigBundle(context) {
    const terminalId = terminalOf(context);
    const version = Number(context.params.version);
    const ack = context.body;
    if (!context.store.stmt('SELECT 1 FROM config_bundles WHERE version = ?').get(version)) {
      throw new SimulatorError('bundle-not-found', { version });
    }
    context.store
      .stmt(
        `INSERT INTO config_acks (terminal_id, version, outcome, reason_json, running_version, acknowledged_at, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (terminal_id, version, outcome) DO UPDATE SET reports = reports + 1`,
      )
      .run(terminalId, version, ack.outcome, ack.reason ? JSON.stringify(ack.reason) : null, ack.runningVersion, ack.acknowledgedAt, context.now);
    const reports = context.store
      .stmt('SELECT reports FROM config_acks WHERE terminal_id = ? AND version = ? AND outcome = ?')
      .get(terminalId, version, ack.outcome) as { reports: number };
    if (reports.reports === 1) {
      context.store.stmt('UPDATE terminals SET config_version = ? WHERE terminal_id = ?').run(ack.runningVersion, terminalId);
    }
    return { version, outcome: ack.outcome, recorded: true, duplicate: reports.reports > 1 };
  },

  publishConfigBundle(context) {
    const bundle = context.body.bundle;
    const targets = targetsOf(bundle);
    if (targets.terminals.length + targets.groups.length === 0) {
      throw new SimulatorError('invalid-bundle', { problem: 'targets names no terminal and no group' });
    }
    if (context.store.stmt('SELECT 1 FROM config_bundles WHERE version = ?').get(bundle.version)) {
      throw new SimulatorError('version-exists', { version: bundle.version });
    }
    const content = JSON.stringify(bundle);
    const contentSha256 = sha256Hex(content);
    context.store
      .stmt('INSERT INTO config_bundles (version, content_json, content_sha256, targets_json, published_at) VALUES (?, ?, ?, ?, ?)')
      .run(bundle.version, content, contentSha256, JSON.stringify(targets), context.now);
    const terminals = context.store.stmt('SELECT terminal_id, groups_json FROM terminals ORDER BY terminal_id').all() as {
      terminal_id: string;
      groups_json: string;
    }[];
    const matchedTerminals = terminals
      .filter((t) => bundleTargetsTerminal(targets, t.terminal_id, JSON.parse(t.groups_json) as string[]))
      .map((t) => t.terminal_id);
    return { version: bundle.version, contentSha256, publishedAt: iso(context.now), targets, matchedTerminals };
  },

  listConfigBundles(context) {
    const rows = context.store.stmt('SELECT * FROM config_bundles ORDER BY version DESC').all() as BundleRow[];
    const acks = context.store.stmt(
      'SELECT terminal_id, outcome, reason_json, acknowledged_at FROM config_acks WHERE version = ? ORDER BY received_at, terminal_id',
    );
    return {
      bundles: rows.map((row) => ({
        version: row.version,
        contentSha256: row.content_sha256,
        publishedAt: iso(row.published_at),
        targets: JSON.parse(row.targets_json) as BundleTargets,
        acknowledgements: (
          acks.all(row.version) as { terminal_id: string; outcome: 'applied' | 'rejected' | 'rolled-back'; reason_json: string | null; acknowledged_at: string }[]
        ).map((a) => ({
          terminalId: a.terminal_id,
          outcome: a.outcome,
          reason: a.reason_json === null ? null : (JSON.parse(a.reason_json) as BundleOutcomeReason),
          acknowledgedAt: a.acknowledged_at,
        })),
      })),
    };
  },
};
