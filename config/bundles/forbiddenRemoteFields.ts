/**
 * Fields a remote bundle may never set, because they decide who the terminal is and whom it
 * trusts: letting a bundle change them would let one stolen admin key (or one mistake)
 * re-home or take over a terminal for good. They are set in the terminal's own file only.
 *
 * - `terminalId`: the terminal's identity in the fleet;
 * - `remoteConfig`: the trusted admin keys, the terminal's groups (which decide what it is
 *   targeted by) and the health grace time;
 * - the platform credential: `platform.credential`, and any `platform` field whose name says
 *   it is a secret, so a credential field added later is covered before this list learns it;
 * - `platform.caFile`, `platform.baseUrl` and `platform.embeddedSimulator`: whom the terminal
 *   trusts and talks to — a bundle that moved them could point the terminal at a platform of
 *   its own choosing;
 * - `recovery.rebootCommand`: a program the terminal runs.
 */
export const FORBIDDEN_REMOTE_FIELDS: readonly string[] = [
  'terminalId',
  'remoteConfig',
  'platform.credential',
  'platform.caFile',
  'platform.baseUrl',
  // A bundle must not be able to point the terminal at a simulator of itself, or run a program.
  'platform.embeddedSimulator',
  'recovery.rebootCommand',
];

const SECRET_NAME = /credential|secret|password|token|private|key$/i;

/** Dotted paths of the forbidden fields the layer sets, e.g. ["terminalId", "platform.credential"]. */
export function findForbiddenRemoteFields(layer: Record<string, unknown>): string[] {
  const found = FORBIDDEN_REMOTE_FIELDS.filter((path) => isSet(layer, path.split('.')));
  const platform = layer['platform'];
  if (typeof platform === 'object' && platform !== null && !Array.isArray(platform)) {
    for (const key of Object.keys(platform)) {
      const path = `platform.${key}`;
      if (SECRET_NAME.test(key) && !found.includes(path)) found.push(path);
    }
  }
  return found;
}

function isSet(data: unknown, path: string[]): boolean {
  let node = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
