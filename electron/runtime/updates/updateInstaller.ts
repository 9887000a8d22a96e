import type { InstallerResult } from './updateJournal.js';

/** An update electron-updater downloaded and verified (sha512 from the feed). */
export interface DownloadedUpdate {
  version: string;
  /** Local files downloadUpdate() returned; the first is the installer or package. */
  files: readonly string[];
  /** Absolute URL of that file in the feed (its signature lies beside it as <url>.sig). */
  fileUrl: string;
  /** Feed base URL it came from (kept in the journal for a later rollback). */
  feedUrl: string;
}

/**
 * How a downloaded update gets installed. The kiosk runs unprivileged, so on a locked-down
 * terminal it stages the update for the OS installer (stagedInstaller.ts); where the app may
 * install itself, electron-updater's quitAndInstall does (the Electron shell's adapter).
 */
export interface UpdateInstaller {
  readonly kind: string;
  /** Hands the update over; the app is stopped and restarted by whoever installs it. */
  install(update: DownloadedUpdate): Promise<void>;
  /** What the OS installer reported about the last attempt, once; undefined if nothing. */
  takeResult(): InstallerResult | undefined;
}
