import { describe, expect, it } from 'vitest';
import { parseCardDate } from '../../../../drivers/idcard/textBlock/cardDate.js';

describe('card dates', () => {
  it('parses YYYYMMDD into an ISO date, keeping the raw text', () => {
    expect(parseCardDate('19900101', { allowLongTerm: false })).toEqual({ kind: 'date', iso: '1990-01-01', raw: '19900101' });
    expect(parseCardDate('20000229', { allowLongTerm: false })).toMatchObject({ kind: 'date', iso: '2000-02-29' });
  });

  it('reads 长期 as long-term validity only where an expiry date is expected', () => {
    expect(parseCardDate('长期', { allowLongTerm: true })).toEqual({ kind: 'long-term', raw: '长期' });
    expect(parseCardDate('长期', { allowLongTerm: false })).toEqual({ kind: 'invalid', raw: '长期' });
  });

  it.each(['', '1990010', '199001011', '1990-1-1', '19901301', '19900132', '19000229', '20230229', '20230431', '１９９０0101'])(
    'keeps %j as invalid rather than guessing',
    (raw) => {
      expect(parseCardDate(raw, { allowLongTerm: true })).toEqual({ kind: 'invalid', raw });
    },
  );
});
