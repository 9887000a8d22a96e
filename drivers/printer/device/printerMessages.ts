import type { LocalizedText } from '../../../config/localizedText.js';

/**
 * Why the receipt printer cannot print, and the words staff and citizens see for it. The codes
 * are also the fault codes in DeviceStatus, so the maintenance screen and the print result agree.
 */
export type PrinterProblem = 'paper-end' | 'cover-open' | 'cutter-error' | 'offline' | 'timeout' | 'disconnected';

export const PRINTER_PROBLEM_MESSAGES: Readonly<Record<PrinterProblem, LocalizedText>> = {
  'paper-end': { 'zh-CN': '凭条打印机缺纸，请联系工作人员更换纸卷', en: 'The receipt printer is out of paper. Please ask staff to load a new roll.' },
  'cover-open': { 'zh-CN': '凭条打印机上盖未关闭', en: 'The receipt printer cover is open.' },
  'cutter-error': { 'zh-CN': '凭条打印机切刀故障，请联系工作人员', en: 'The receipt printer cutter is jammed. Please ask staff for help.' },
  offline: { 'zh-CN': '凭条打印机离线', en: 'The receipt printer is offline.' },
  timeout: { 'zh-CN': '凭条打印机无响应，凭条可能未完整打印', en: 'The receipt printer stopped answering; the receipt may be incomplete.' },
  disconnected: { 'zh-CN': '凭条打印机连接已断开', en: 'The receipt printer is disconnected.' },
};

/** A warning for staff, not a fault: the printer keeps printing until the roll is out. */
export const PAPER_NEAR_END_MESSAGE: LocalizedText = {
  'zh-CN': '凭条打印纸即将用完，请及时更换纸卷',
  en: 'Receipt paper is running low; please replace the roll soon.',
};

export const JOURNAL_ERROR_MESSAGE: LocalizedText = {
  'zh-CN': '打印记录无法保存，本次未打印',
  en: 'The print journal could not be written; nothing was printed.',
};
