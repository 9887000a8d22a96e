import type Database from 'better-sqlite3';
import { remoteLayerSource } from '../../../config/bundles/verifyConfigBundle.js';
import type { ConfigLayer } from '../../../config/resolveEffectiveConfig.js';

export interface AppliedRemoteLayer {
  version: number;
  /** Source "remote bundle vN": goes last in the layer list, over the terminal file. */
  layer: ConfigLayer;
}

/**
 * The remote layer the terminal boots with: the newest bundle that proved healthy. A bundle
 * still on trial is not included, so a bundle that brings the kiosk down cannot keep it down
 * across restarts (the applier's start() then records that trial as rolled back). Read-only;
 * null when no bundle was ever confirmed, the tables do not exist, or the row is unreadable.
 */
export function readAppliedRemoteLayer(db: Database.Database): AppliedRemoteLayer | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'config_bundles_applied'").get();
  if (!table) return null;
  const row = db
    .prepare("SELECT version, layer FROM config_bundles_applied WHERE state = 'confirmed' ORDER BY version DESC LIMIT 1")
    .get() as { version: number; layer: string } | undefined;
  if (!row) return null;
  try {
    const data: unknown = JSON.parse(row.layer);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    return { version: row.version, layer: { source: remoteLayerSource(row.version), data: data as Record<string, unknown> } };
  } catch {
    return null;
  }
}
