import { createHash } from 'node:crypto';
import type { PlatformClient } from '../../platform/platformClient.js';
import type { PlatformEvent } from '../../platform/platformApiTypes.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OutboxStore } from '../outbox/outboxStore.js';
import { BATCHED_KINDS, toPlatformEvent } from './platformEventMapper.js';
import { retryDelayMs } from './retryBackoff.js';

export interface DeliverySettings {
  batchSize: number;
  /** Backoff after a failed delivery: first delay and ceiling. */
  backoff: { baseMs: number; maxMs: number };
  /** With nothing to send, look again this often (new facts also wake the agent at once). */
  idleCheckMs: number;
}

export const DEFAULT_DELIVERY: DeliverySettings = { batchSize: 100, backoff: { baseMs: 1_000, maxMs: 5 * 60_000 }, idleCheckMs: 30_000 };

export type DeliveryRound =
  | { kind: 'idle' }
  | { kind: 'delivered'; acknowledged: number; refused: number; remaining: number }
  | { kind: 'failed'; outcome: 'rejected' | 'unavailable' | 'unknown'; detail: string; retryInMs: number };

/**
 * Delivers the outbox to the platform exactly once, whatever the network does. Events go in
 * batches whose id is derived from their event ids, so a retry after an unclear answer is the
 * same request (the platform also de-duplicates by event id). Only events the platform
 * acknowledged leave the outbox; events it refuses as invalid move to the dead letters; every
 * other failure is retried with jittered backoff. Because the outbox is SQLite and removal
 * happens only after an acknowledgement, a crash or a cut at any point loses nothing and a
 * retry duplicates nothing.
 */
export class OutboxDeliveryAgent {
  private readonly settings: DeliverySettings;
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly deps: {
      outbox: OutboxStore;
      platform: Pick<PlatformClient, 'postEventBatch'>;
      clock: Clock;
      logger: Logger;
      settings?: Partial<DeliverySettings>;
      random?: () => number;
    },
  ) {
    this.settings = { ...DEFAULT_DELIVERY, ...deps.settings };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** New facts were written: deliver soon (unless backing off after a failure). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.failures === 0) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Resolves once the delivery round under way (if any) has ended; for tests that drive a fake clock. */
  async settled(): Promise<void> {
    await this.running;
  }

  /** One batch: what the loop does each time; public so tests and the bench can drive it. */
  async deliverOnce(): Promise<DeliveryRound> {
    const rows = this.deps.outbox.next(BATCHED_KINDS, this.settings.batchSize);
    if (rows.length === 0) return { kind: 'idle' };
    const events: PlatformEvent[] = [];
    const unmappable: Array<{ eventId: string; error: string }> = [];
    for (const row of rows) {
      const mapped = toPlatformEvent(row);
      if (mapped.ok) events.push(mapped.event);
      else unmappable.push({ eventId: row.eventId, error: mapped.error });
    }
    if (unmappable.length > 0) {
      this.deps.logger.error('outbox events that cannot be sent were set aside', { count: unmappable.length });
      this.deps.outbox.deadLetter(unmappable);
    }
    if (events.length === 0) return { kind: 'delivered', acknowledged: 0, refused: unmappable.length, remaining: this.deps.outbox.health().depth };

    const batchId = `batch-${createHash('sha256').update(events.map((e) => e.eventId).join('\n')).digest('hex').slice(0, 32)}`;
    const outcome = await this.deps.platform.postEventBatch({ batchId, sentAt: new Date(this.deps.clock.now()).toISOString(), events });
    if (outcome.kind !== 'ok') {
      this.failures++;
      const retryInMs = retryDelayMs(this.failures - 1, this.settings.backoff, this.deps.random);
      const detail = outcome.kind === 'rejected' ? `${outcome.status} ${outcome.error.code}` : `${outcome.reason}: ${outcome.detail}`;
      this.deps.logger.warn('event batch not delivered; will retry', { batchId, outcome: outcome.kind, detail, retryInMs, events: events.length });
      return { kind: 'failed', outcome: outcome.kind, detail, retryInMs };
    }
    this.failures = 0;
    const sent = new Set(events.map((e) => e.eventId));
    const acknowledged = outcome.value.acknowledged.filter((id) => sent.has(id));
    const removed = this.deps.outbox.acknowledge(acknowledged);
    const refused = outcome.value.refused.filter((r) => sent.has(r.eventId));
    if (refused.length > 0) {
      this.deps.logger.error('the platform refused outbox events; set aside', { count: refused.length, codes: [...new Set(refused.map((r) => r.error.code))] });
      this.deps.outbox.deadLetter(refused.map((r) => ({ eventId: r.eventId, error: `${r.error.code}: ${r.error.message.en}` })));
    }
    return { kind: 'delivered', acknowledged: removed, refused: refused.length + unmappable.length, remaining: this.deps.outbox.health().depth };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }, ms);
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      this.wakeRequested = false;
      let round: DeliveryRound;
      try {
        round = await this.deliverOnce();
      } catch (error) {
        this.failures++;
        round = { kind: 'failed', outcome: 'unknown', detail: error instanceof Error ? error.message : String(error), retryInMs: retryDelayMs(this.failures - 1, this.settings.backoff, this.deps.random) };
        this.deps.logger.error('outbox delivery failed', { detail: round.detail });
      }
      if (round.kind === 'failed') return this.schedule(round.retryInMs);
      if (round.kind === 'idle' && !this.wakeRequested) return this.schedule(this.settings.idleCheckMs);
    }
  }
}
