import { describe, expect, it } from 'vitest';
import {
  areaText,
  certificateName,
  currentRoleName,
  missingParties,
  partiesAtTerminal,
  partyTitle,
  partyTurn,
  propertyOutcomeKey,
  registrationName,
  roleName,
} from '../../../../renderer/src/flow/propertyLabels.js';
import { translatorFor } from '../../../../renderer/src/i18n/translate.js';
import { MORTGAGE_PARTIES, PARTIES } from './sampleFlowViews.js';

const zh = translatorFor('zh-CN');
const en = translatorFor('en');

describe('property party labels', () => {
  it('names a party with role and share the way the banner shows them', () => {
    expect(partyTitle(PARTIES[1]!, zh)).toBe('林*（买方，份额 1/2）');
    expect(partyTitle(PARTIES[1]!, en)).toBe('林* (Buyer, share 1/2)');
    expect(partyTitle(PARTIES[0]!, zh)).toBe('陈**（卖方）');
    expect(roleName('co-owner', zh)).toBe('共有人');
    expect(roleName('mortgagee', en)).toBe('Lender');
  });

  it('counts the turn among the parties who come to the terminal', () => {
    expect(partyTurn(PARTIES, 'B1')).toMatchObject({ position: 2, total: 3, party: { partyId: 'B1' } });
    expect(partyTurn(MORTGAGE_PARTIES, 'B1')).toMatchObject({ position: 2, total: 2 });
    expect(partiesAtTerminal(MORTGAGE_PARTIES, null).map((party) => party.partyId)).toEqual(['S1', 'B1']);
    // A lender the flow does ask for counts, in the platform's order.
    expect(partyTurn(MORTGAGE_PARTIES, 'M1')).toMatchObject({ position: 3, total: 3 });
    expect(partyTurn(PARTIES, null)).toBeNull();
    expect(partyTurn(PARTIES, 'X9')).toBeNull();
  });

  it('says whose turn it is by role for instructions and the voice', () => {
    expect(currentRoleName(PARTIES, 'S1', zh)).toBe('卖方');
    expect(currentRoleName(PARTIES, 'B2', en)).toBe('Co-owner');
    expect(currentRoleName(PARTIES, null, zh)).toBe('');
  });

  it('lists the missing parties in the platform’s order, skipping unknown ids', () => {
    expect(missingParties(PARTIES, ['B2', 'B1', 'X9']).map((party) => partyTitle(party, zh))).toEqual(['林*（买方，份额 1/2）', '何*（共有人，份额 1/2）']);
    expect(missingParties(PARTIES, [])).toEqual([]);
  });
});

describe('property case labels', () => {
  it('words the codes in both languages', () => {
    expect(registrationName('transfer-with-mortgage', zh)).toBe('转移登记并办理抵押登记');
    expect(certificateName('ownership', zh)).toBe('不动产权证书');
    expect(certificateName('mortgage-proof', en)).toBe('Registration proof (mortgage)');
    expect(zh(propertyOutcomeKey('parties-missing'))).toBe('当事人未到齐，本次未办理，未收取任何费用');
  });

  it('gives areas to the hundredth of a square metre', () => {
    expect(areaText(89.5, zh)).toBe('89.50 ㎡');
    expect(areaText(120.234, en)).toBe('120.23 m²');
  });
});
