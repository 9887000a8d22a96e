import { describe, expect, it } from 'vitest';
import { ensureMaskedIdNumber, ensureMaskedPermitNumber, maskPermitNumber, safePayerHint } from '../../../../../electron/runtime/flows/endorsement/identityMasks.js';

describe('identity masks', () => {
  it('masks a permit number to its type letters and last two', () => {
    expect(maskPermitNumber('C99000123')).toBe('C9*****23');
    expect(maskPermitNumber('L1234')).toBe('L1*34');
    expect(maskPermitNumber('C12')).toBe('***');
  });

  it('masks any long digit run in a payer hint, and leaves a masked hint as it is', () => {
    expect(safePayerHint('13**********6789')).toBe('13**********6789');
    expect(safePayerHint('622202******0123')).toBe('622202******0123');
    expect(safePayerHint('6222021234567890123')).toBe('62*************0123');
    expect(safePayerHint('微信 134567890123456789')).toBe('微信 13************6789');
  });

  it('masks a whole ID or permit number that slipped through, and leaves masked ones', () => {
    expect(ensureMaskedIdNumber('440106199003071231')).toBe('4401**********1231');
    expect(ensureMaskedIdNumber('4401**********1231')).toBe('4401**********1231');
    expect(ensureMaskedPermitNumber('C99000123')).toBe('C9*****23');
  });
});
