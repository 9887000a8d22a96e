import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_DIR = 'gov-kiosk';

/**
 * The terminal's data directory: KIOSK_DATA_DIR when set, otherwise the user's standard
 * data location for the platform (XDG on Linux, %APPDATA% on Windows).
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.KIOSK_DATA_DIR) return env.KIOSK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR);
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), APP_DIR);
}
