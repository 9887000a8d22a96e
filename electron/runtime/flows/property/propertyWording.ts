import type { LocalizedText } from '../../../../config/localizedText.js';
import type { DeliveryMethod, PartyRole } from '../../../platform/platformApiTypes.js';

/** Names of party roles and certificate delivery methods for receipts (the renderer has its own). */

export const ROLE_NAMES: Readonly<Record<PartyRole, LocalizedText>> = {
  seller: { 'zh-CN': '卖方', en: 'Seller' },
  buyer: { 'zh-CN': '买方', en: 'Buyer' },
  'co-owner': { 'zh-CN': '共有人', en: 'Co-owner' },
  mortgagor: { 'zh-CN': '抵押人', en: 'Mortgagor' },
  mortgagee: { 'zh-CN': '抵押权人', en: 'Mortgagee' },
};

export const DELIVERY_NAMES: Readonly<Record<DeliveryMethod, LocalizedText>> = {
  electronic: { 'zh-CN': '电子证照', en: 'Electronic certificate' },
  'print-at-terminal': { 'zh-CN': '本机打印', en: 'Printed at this machine' },
  window: { 'zh-CN': '窗口领取', en: 'Collect at the counter' },
  post: { 'zh-CN': '邮寄', en: 'By post' },
};

/** 卖方 Seller — one bilingual label for the receipt. */
export const bilingual = (text: LocalizedText): string => `${text['zh-CN']} ${text.en}`;
