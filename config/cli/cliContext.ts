/** What every kioskctl command needs from its surroundings; tests pass fakes. */
export interface CliContext {
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
  readStdin(): Promise<string>;
  /** The data directory the kiosk would use (KIOSK_DATA_DIR or the user's data location). */
  defaultDataDir(): string;
  /** The config file the kiosk would load for that data directory. */
  defaultConfigFile(dataDir?: string): string;
  /** The shipped sample config (simulated devices); default: config/terminal.sample.json from the working directory. */
  sampleConfigFile?(): string;
}
