/**
 * Which receipt printers last reported paper near its end, as the printers themselves say it
 * (a `paper-near-end` event, then `paper-near-end-cleared` once a roll is fitted). The heartbeat
 * reports this, not the staff notice: a notice staff have acknowledged says nothing about the roll.
 */
export class PrinterPaperLevels {
  private readonly nearEnd = new Set<string>();

  markNearEnd(deviceId: string): void {
    this.nearEnd.add(deviceId);
  }

  /**
   * A new roll. True when it had been near its end, so the change is worth recording. (A
   * reconnected printer reports a roll changed while it was unplugged as a new roll; the level
   * is kept while it is unreachable, and the heartbeat says "unknown" then.)
   */
  clear(deviceId: string): boolean {
    return this.nearEnd.delete(deviceId);
  }

  printersNearEnd(): ReadonlySet<string> {
    return new Set(this.nearEnd);
  }
}
