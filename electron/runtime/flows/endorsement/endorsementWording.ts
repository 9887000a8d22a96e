import type { LocalizedText } from '../../../../config/localizedText.js';
import type { Destination, EndorsementKind, Entries } from '../../../platform/platformApiTypes.js';
import type { Selection } from './endorsementContext.js';

/**
 * Names of endorsement kinds and destinations for screens and receipts
 * (research/domain.md §1.6: F is 商务 on the Taiwan permit, S on the Hong Kong/Macau one).
 */

export const KIND_NAMES: Readonly<Record<EndorsementKind, LocalizedText>> = {
  G: { 'zh-CN': '个人旅游', en: 'individual tourism' },
  L: { 'zh-CN': '团队旅游', en: 'group tourism' },
  T: { 'zh-CN': '探亲', en: 'family visit' },
  S: { 'zh-CN': '商务', en: 'business' },
  Q: { 'zh-CN': '其他', en: 'other' },
  D: { 'zh-CN': '逗留', en: 'stay' },
  J: { 'zh-CN': '居留', en: 'residence' },
  Y: { 'zh-CN': '应邀', en: 'invitation' },
  F: { 'zh-CN': '商务', en: 'business' },
  X: { 'zh-CN': '学习', en: 'study' },
  C: { 'zh-CN': '乘务', en: 'crew' },
};

export const DESTINATION_NAMES: Readonly<Record<Destination, LocalizedText>> = {
  HK: { 'zh-CN': '香港', en: 'Hong Kong' },
  MO: { 'zh-CN': '澳门', en: 'Macao' },
  TW: { 'zh-CN': '台湾', en: 'Taiwan' },
};

export const ENTRIES_NAMES: Readonly<Record<Entries, LocalizedText>> = {
  single: { 'zh-CN': '一次有效', en: 'single entry' },
  double: { 'zh-CN': '二次有效', en: 'two entries' },
  multiple: { 'zh-CN': '多次有效', en: 'multiple entries' },
};

/** 香港 个人旅游签注（G） 一次有效 3个月 — one line for the receipt. */
export function describeSelection(selection: Selection): string {
  const { kind, destination, option } = selection;
  return `${DESTINATION_NAMES[destination]['zh-CN']} ${KIND_NAMES[kind]['zh-CN']}签注（${kind}） ${ENTRIES_NAMES[option.entries]['zh-CN']} ${option.validityMonths}个月`;
}
