import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../electron/runtime/resolveDataDir.js';

describe('resolveDataDir', () => {
  it('uses KIOSK_DATA_DIR when set, whatever the platform', () => {
    expect(resolveDataDir({ KIOSK_DATA_DIR: '/srv/kiosk' }, 'linux', '/home/k')).toBe('/srv/kiosk');
    expect(resolveDataDir({ KIOSK_DATA_DIR: 'D:\\kiosk' }, 'win32', 'C:\\Users\\k')).toBe('D:\\kiosk');
  });

  it('follows the XDG data location on Linux', () => {
    expect(resolveDataDir({}, 'linux', '/home/k')).toBe('/home/k/.local/share/gov-kiosk');
    expect(resolveDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/k')).toBe('/data/gov-kiosk');
  });

  it('uses the roaming application data folder on Windows', () => {
    expect(resolveDataDir({ APPDATA: 'C:/Users/k/AppData/Roaming' }, 'win32', 'C:/Users/k')).toBe('C:/Users/k/AppData/Roaming/gov-kiosk');
  });
});
