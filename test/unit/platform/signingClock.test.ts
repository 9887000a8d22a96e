import { describe, expect, it } from 'vitest';
import type { PlatformOutcome } from '../../../electron/platform/platformOutcome.js';
import { SigningClock } from '../../../electron/platform/signingClock.js';

const TERMINAL_NOW = Date.UTC(2026, 10, 23, 8, 0, 0);

function staleRefusal(serverTime: unknown): PlatformOutcome<never> {
  return {
    kind: 'rejected',
    status: 401,
    error: { code: 'stale-timestamp', message: { 'zh-CN': '时间戳过期', en: 'stale timestamp' }, retryable: true, details: { serverTime, windowSeconds: 300 } },
  };
}

describe('SigningClock', () => {
  it('signs with the terminal time until a stale-timestamp refusal teaches the platform time', () => {
    const clock = new SigningClock(() => TERMINAL_NOW);
    expect(clock.now()).toBe(TERMINAL_NOW);
    // The terminal's clock is 7 minutes fast.
    expect(clock.learnFrom(staleRefusal(new Date(TERMINAL_NOW - 420_000).toISOString()))).toBe(true);
    expect(clock.correction()).toBe(-420_000);
    expect(clock.now()).toBe(TERMINAL_NOW - 420_000);
  });

  it('asks for no second attempt when the refusal teaches nothing new (no endless retries)', () => {
    const clock = new SigningClock(() => TERMINAL_NOW);
    const refusal = staleRefusal(new Date(TERMINAL_NOW + 600_000).toISOString());
    expect(clock.learnFrom(refusal)).toBe(true);
    expect(clock.learnFrom(refusal)).toBe(false);
    expect(clock.learnFrom(staleRefusal(new Date(TERMINAL_NOW + 600_400).toISOString()))).toBe(false);
    expect(clock.correction()).toBe(600_000);
  });

  it('retries a request that left before another one taught the correction, and only that', () => {
    const clock = new SigningClock(() => TERMINAL_NOW);
    const refusal = staleRefusal(new Date(TERMINAL_NOW + 600_000).toISOString());
    const signedBefore = clock.correction();
    expect(clock.learnFrom(refusal, signedBefore)).toBe(true); // the first refusal back
    expect(clock.learnFrom(refusal, signedBefore)).toBe(true); // its companion, signed with the old time
    expect(clock.learnFrom(refusal, clock.correction())).toBe(false); // signed with the new time and still refused: no loop
  });

  it('learns again when the OS clock has been put right meanwhile', () => {
    let osNow = TERMINAL_NOW;
    const clock = new SigningClock(() => osNow);
    clock.learnFrom(staleRefusal(new Date(TERMINAL_NOW + 600_000).toISOString()));
    osNow = TERMINAL_NOW + 600_000; // NTP fixed the OS clock: the correction now overshoots
    expect(clock.learnFrom(staleRefusal(new Date(osNow).toISOString()))).toBe(true);
    expect(clock.now()).toBe(osNow);
  });

  it('ignores every other outcome, and a refusal without a readable platform time', () => {
    const clock = new SigningClock(() => TERMINAL_NOW);
    const others: PlatformOutcome<unknown>[] = [
      { kind: 'ok', status: 200, value: { serverTime: new Date(0).toISOString() } },
      { kind: 'rejected', status: 401, error: { code: 'bad-signature', message: { 'zh-CN': '签名错误', en: 'bad signature' }, retryable: false, details: { serverTime: new Date(0).toISOString() } } },
      { kind: 'unavailable', reason: 'network', detail: 'refused' },
      { kind: 'unknown', reason: 'timeout-after-send', detail: 'no answer' },
      staleRefusal('yesterday'),
      staleRefusal(undefined),
    ];
    for (const outcome of others) expect(clock.learnFrom(outcome)).toBe(false);
    expect(clock.correction()).toBe(0);
  });
});
