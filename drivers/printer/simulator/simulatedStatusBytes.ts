/**
 * The conditions a SIMULATED printer can be in, and the DLE EOT n answer bytes a real Epson-style
 * printer gives for them (bit table in shared/research/printer.md §5.1). Every answer carries the
 * fixed bits 0xx1xx10b.
 */
export interface SimulatedPrinterCondition {
  paperNearEnd: boolean;
  paperEnd: boolean;
  coverOpen: boolean;
  cutterError: boolean;
}

const FIXED = 0x12;

/** The printer goes offline for paper end, an open cover or an error (research §5.1, Epson TM-U220A). */
export function isOffline(condition: SimulatedPrinterCondition): boolean {
  return condition.paperEnd || condition.coverOpen || condition.cutterError;
}

/** The answer to DLE EOT n; undefined for an n the printer does not answer. */
export function simulatedStatusByte(n: number, condition: SimulatedPrinterCondition): number | undefined {
  switch (n) {
    case 1:
      return FIXED | (isOffline(condition) ? 0x08 : 0);
    case 2:
      return FIXED | (condition.coverOpen ? 0x04 : 0) | (condition.paperEnd ? 0x20 : 0) | (condition.cutterError ? 0x40 : 0);
    case 3:
      return FIXED | (condition.cutterError ? 0x08 : 0);
    case 4:
      // Epson sets both near-end bits (2, 3) and both end bits (5, 6); a printer at paper end is past near end too.
      return FIXED | (condition.paperNearEnd || condition.paperEnd ? 0x0c : 0) | (condition.paperEnd ? 0x60 : 0);
    default:
      return undefined;
  }
}
