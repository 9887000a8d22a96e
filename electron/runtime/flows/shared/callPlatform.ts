import type { PlatformOutcome } from '../../../platform/platformOutcome.js';
import type { FlowEvent } from '../flowDefinition.js';

/**
 * Calls the platform, retrying only what is safe to retry with the same request (unavailable,
 * unknown with the same idempotency key, or a rejection the platform marks retryable), and
 * reports whether an answer was ever unclear: a call that may have done its work must never be
 * treated as one that did not.
 */
export async function callPlatform<T>(
  call: () => Promise<PlatformOutcome<T>>,
  delaysMs: readonly number[],
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
): Promise<{ outcome: PlatformOutcome<T>; sawUnknown: boolean }> {
  let sawUnknown = false;
  for (let attempt = 0; ; attempt++) {
    let outcome: PlatformOutcome<T>;
    try {
      outcome = await call();
    } catch (error) {
      // The client answers with values; a throw means we cannot know what the platform did.
      outcome = { kind: 'unknown', reason: 'connection-lost-after-send', detail: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'unknown') sawUnknown = true;
    const retryable = outcome.kind === 'unavailable' || outcome.kind === 'unknown' || (outcome.kind === 'rejected' && outcome.error.retryable);
    const delay = delaysMs[attempt];
    if (!retryable || delay === undefined || signal.aborted) return { outcome, sawUnknown };
    await sleep(delay, signal);
    if (signal.aborted) return { outcome, sawUnknown };
  }
}

/** A call that did not answer ok, as the event the flows' platform steps decide on: refused (with the platform's sentence) or unreachable. */
export function platformFailure(outcome: Exclude<PlatformOutcome<unknown>, { kind: 'ok' }>): FlowEvent {
  return outcome.kind === 'rejected' ? { type: 'platform-rejected', detail: outcome.error.message } : { type: 'platform-unavailable' };
}
