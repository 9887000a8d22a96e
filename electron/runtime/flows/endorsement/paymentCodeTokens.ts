import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';

/**
 * Holds scanned payment codes (付款码, bearer secrets) in memory only, behind one-time tokens,
 * so the flow context, the database and the logs never see a code (research/payment.md §4.4).
 * A code lives until it is redeemed or `ttlMs` passes; a restart forgets every code, and the
 * citizen scans again (a code is good for about a minute anyway).
 */
export class PaymentCodeTokens {
  private readonly codes = new Map<string, { code: string; expiresAt: number }>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly ttlMs = 120_000,
  ) {}

  /** Keeps `code` and returns the token that redeems it once. */
  hold(code: string): string {
    this.dropExpired();
    const token = `pct-${randomUUID()}`;
    this.codes.set(token, { code, expiresAt: this.clock.now() + this.ttlMs });
    return token;
  }

  /** The code, once; null for a token that is unknown, already redeemed or expired. */
  redeem(token: string): string | null {
    this.dropExpired();
    const held = this.codes.get(token);
    this.codes.delete(token);
    return held ? held.code : null;
  }

  /** Session end: forget every code. */
  clear(): void {
    this.codes.clear();
  }

  get size(): number {
    this.dropExpired();
    return this.codes.size;
  }

  private dropExpired(): void {
    const now = this.clock.now();
    for (const [token, held] of this.codes) if (held.expiresAt <= now) this.codes.delete(token);
  }
}
