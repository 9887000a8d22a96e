import { SAM_BAUD_RATE_PARAMETERS, type SamCommandName } from '../samCommands.js';

/** Which command a received CMD PARA pair is, as the SIMULATED reader sees it; null for one it does not know (answered 21). */
export function samCommandNameOf(command: number, parameter: number): SamCommandName | null {
  switch (command) {
    case 0x10:
      return parameter === 0xff ? 'reset-sam' : null;
    case 0x11:
      return parameter === 0xff ? 'sam-status' : null;
    case 0x12:
      return parameter === 0xff ? 'sam-id' : null;
    case 0x20:
      return parameter === 0x01 ? 'find-card' : parameter === 0x02 ? 'select-card' : null;
    case 0x30:
      return parameter === 0x01 ? 'read-text-photo' : parameter === 0x10 ? 'read-text-photo-fingerprint' : parameter === 0x03 ? 'read-appended-address' : null;
    case 0x60:
      return Object.values<number>(SAM_BAUD_RATE_PARAMETERS).includes(parameter) ? 'set-baud-rate' : null;
    case 0x61:
      return parameter === 0xff ? 'set-max-rf-frame-bytes' : null;
    default:
      return null;
  }
}
