import { describe, expect, it } from 'vitest';
import { PaymentCodeTokens } from '../../../../../electron/runtime/flows/endorsement/paymentCodeTokens.js';
import { manualClock } from '../../../store/storeTestKit.js';

describe('PaymentCodeTokens', () => {
  it('redeems a code once, by a token that does not reveal it', () => {
    const tokens = new PaymentCodeTokens(manualClock());
    const token = tokens.hold('134567890123456789');
    expect(token).not.toContain('1345678901');
    expect(tokens.redeem(token)).toBe('134567890123456789');
    expect(tokens.redeem(token)).toBeNull();
    expect(tokens.redeem('pct-unknown')).toBeNull();
  });

  it('forgets codes after their time and on clear', () => {
    const clock = manualClock();
    const tokens = new PaymentCodeTokens(clock, 60_000);
    const old = tokens.hold('134567890123456789');
    clock.advance(59_999);
    const fresh = tokens.hold('144567890123456789');
    expect(tokens.size).toBe(2);
    clock.advance(1);
    expect(tokens.redeem(old)).toBeNull();
    expect(tokens.size).toBe(1);
    tokens.clear();
    expect(tokens.redeem(fresh)).toBeNull();
  });
});
