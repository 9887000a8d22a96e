import { describe, expect, it } from 'vitest';
import { messagesEn } from '../../../renderer/src/i18n/messagesEn.js';
import { messagesZhCN } from '../../../renderer/src/i18n/messagesZhCN.js';
import { pickText } from '../../../renderer/src/i18n/pickText.js';
import { interpolate, translate, translatorFor } from '../../../renderer/src/i18n/translate.js';

const placeholdersOf = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogues', () => {
  it('have identical keys', () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesZhCN).sort());
  });

  it('have no empty message', () => {
    for (const catalogue of [messagesZhCN, messagesEn]) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, zhText] of Object.entries(messagesZhCN)) {
      expect(placeholdersOf(messagesEn[key as keyof typeof messagesZhCN]), key).toEqual(placeholdersOf(zhText));
    }
  });

  it('carry the required citizen wording', () => {
    expect(messagesZhCN['attract.placeIdCard']).toBe('请将身份证放在读卡区开始办理');
    expect(messagesEn['attract.placeIdCard']).toBe('Place your ID card on the reader to start');
    expect(messagesZhCN['oos.title']).toBe('本机暂停服务');
    expect(messagesEn['oos.title']).toBe('This terminal is out of service');
  });
});

describe('translate', () => {
  it('fills {name} placeholders', () => {
    expect(translate('zh-CN', 'pin.attemptsLeft', { count: 3 })).toBe('还可尝试 3 次');
    expect(translate('en', 'footer.helpPhone', { phone: '12345' })).toBe('Help: 12345');
  });

  it('fills every occurrence and leaves unknown placeholders visible', () => {
    expect(interpolate('{a} and {a} but {b}', { a: 'x' })).toBe('x and x but {b}');
  });

  it('does not read placeholders from the prototype', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('binds a language with translatorFor', () => {
    expect(translatorFor('en')('session.exit')).toBe('Exit');
    expect(translatorFor('zh-CN')('session.exit')).toBe('退出');
  });
});

describe('pickText', () => {
  it('picks the UI language from a config text', () => {
    const text = { 'zh-CN': '出入境自助签注', en: 'Exit-entry endorsement' };
    expect(pickText(text, 'zh-CN')).toBe('出入境自助签注');
    expect(pickText(text, 'en')).toBe('Exit-entry endorsement');
  });
});
