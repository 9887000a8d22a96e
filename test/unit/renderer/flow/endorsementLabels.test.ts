import { describe, expect, it } from 'vitest';
import {
  choiceTitle,
  destinationForNaming,
  kindName,
  optionFacts,
  stayText,
  validityText,
} from '../../../../renderer/src/flow/endorsementLabels.js';
import { translatorFor } from '../../../../renderer/src/i18n/translate.js';

const zh = translatorFor('zh-CN');
const en = translatorFor('en');

describe('endorsement kind names', () => {
  it('names the Hong Kong and Macao kinds by their letters', () => {
    expect(kindName('G', 'HK', zh)).toBe('个人旅游');
    expect(kindName('L', 'MO', zh)).toBe('团队旅游');
    expect(kindName('D', 'HK', zh)).toBe('逗留');
    expect(kindName('T', 'HK', en)).toBe('Family visit');
  });

  it('reads D as 定居 for Taiwan, not 逗留', () => {
    expect(kindName('D', 'TW', zh)).toBe('定居');
    expect(kindName('D', 'TW', en)).toBe('Settlement');
    expect(kindName('F', 'TW', zh)).toBe('商务');
  });

  it('titles a choice with letter, plain name and destination', () => {
    expect(choiceTitle('L', 'HK', zh)).toBe('L 团队旅游 · 香港');
    expect(choiceTitle('G', 'MO', en)).toBe('G Individual travel · Macao');
    expect(choiceTitle('Q', null, en)).toBe('Q Other');
  });

  it('takes the destination for naming from the permit when the platform gives none', () => {
    expect(destinationForNaming(null, 'taiwan')).toBe('TW');
    expect(destinationForNaming(null, 'hk-macau')).toBeNull();
    expect(destinationForNaming('MO', 'taiwan')).toBe('MO');
    expect(choiceTitle('D', destinationForNaming(null, 'taiwan'), zh)).toBe('D 定居 · 台湾');
  });
});

describe('option facts', () => {
  it('reads whole years as years and the rest as months, singular where it should be', () => {
    expect(validityText(3, zh)).toBe('有效期 3 个月');
    expect(validityText(12, zh)).toBe('有效期 1 年');
    expect(validityText(12, en)).toBe('Valid for 1 year');
    expect(validityText(24, en)).toBe('Valid for 2 years');
    expect(validityText(18, en)).toBe('Valid for 18 months');
    expect(validityText(1, en)).toBe('Valid for 1 month');
  });

  it('leaves out a stay limit the platform does not give', () => {
    expect(stayText(7, zh)).toBe('每次停留不超过 7 天');
    expect(stayText(1, en)).toBe('Stay up to 1 day each visit');
    expect(stayText(0, en)).toBeNull();
  });

  it('lists entries, validity and stay in that order', () => {
    expect(optionFacts({ entries: 'double', validityMonths: 3, stayDays: 7 }, zh)).toEqual(['二次有效', '有效期 3 个月', '每次停留不超过 7 天']);
    expect(optionFacts({ entries: 'multiple', validityMonths: 12, stayDays: 0 }, en)).toEqual(['Multiple entries', 'Valid for 1 year']);
  });
});
