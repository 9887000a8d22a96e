import type { PlatformOutcome } from './platformOutcome.js';

/** Below this, a refusal's time is not worth another attempt (the round trip blurs it anyway). */
const MEANINGFUL_CHANGE_MS = 1_000;

/**
 * The time the terminal signs its requests with. A terminal whose clock has drifted beyond the
 * platform's signature window would otherwise be cut off for good, every request refused as
 * `stale-timestamp`. That refusal carries the platform's time (`details.serverTime`), so the
 * signing clock learns the difference and the client signs the request again, once. The OS
 * clock itself stays wrong until NTP or staff fix it; the heartbeat reports the offset and
 * staff get a notice. A later refusal (the OS clock fixed meanwhile) teaches the new difference.
 */
export class SigningClock {
  private correctionMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.correctionMs;
  }

  /** Platform time minus terminal time, as last learnt (0 until a refusal teaches otherwise). */
  correction(): number {
    return this.correctionMs;
  }

  /**
   * True when a request signed with `correctionAtSigning` was refused for its clock and is worth
   * signing again, once: this refusal taught a new correction, or another request's refusal did
   * while this one was on its way (requests in flight together all carry the old time).
   */
  learnFrom(outcome: PlatformOutcome<unknown>, correctionAtSigning: number = this.correctionMs): boolean {
    if (outcome.kind !== 'rejected' || outcome.error.code !== 'stale-timestamp') return false;
    const serverTime = Date.parse(String(outcome.error.details?.serverTime));
    if (!Number.isFinite(serverTime)) return false;
    const learnt = Math.round(serverTime - this.base());
    if (Math.abs(learnt - this.correctionMs) >= MEANINGFUL_CHANGE_MS) this.correctionMs = learnt;
    return Math.abs(this.correctionMs - correctionAtSigning) >= MEANINGFUL_CHANGE_MS;
  }
}
