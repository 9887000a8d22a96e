import type { DeviceSimulators } from '../../../drivers/manager/createConfiguredDevices.js';
import type { KioskSnapshot } from '../../bridge/kioskSnapshot.js';

/**
 * What a scripted citizen can do at the terminal during a scenario: send the bridge's intents
 * (as the renderer would), wait for a screen, and hand documents and codes to the simulated
 * devices. runScenario.ts builds it over a real runtime; each flow's scenarios drive it.
 */
export interface ScenarioSession {
  intent(body: Record<string, unknown>): Promise<void>;
  snapshot(): Promise<KioskSnapshot>;
  /** Polls the snapshot until `predicate` holds (bounded by the scenario's step timeout). */
  until(what: string, predicate: (snapshot: KioskSnapshot) => boolean): Promise<KioskSnapshot>;
  /** Until the flow shows `screen`. */
  at(screen: string): Promise<KioskSnapshot>;
  /** Until the flow shows `screen` or its result. */
  onResultOr(screen: string): Promise<KioskSnapshot>;
  sims: DeviceSimulators;
  /** Shows a payment code to the scanner once the scan step listens. */
  showPaymentCode(code: string): Promise<void>;
}

/** The flow's current screen name, or null off the flow. */
export function flowScreen(snapshot: KioskSnapshot): string | null {
  return snapshot.screen.name === 'flow' ? snapshot.screen.flow.view.screen : null;
}

/** A synthetic "photo": JPEG markers around filler (the platform simulator checks the format and size only). */
export function syntheticPhoto(): string {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4_000, 7), Buffer.from([0xff, 0xd9])]).toString('base64');
}
