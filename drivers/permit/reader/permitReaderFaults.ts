import type { DeviceFault } from '../../model/deviceStatus.js';

/** Faults the maintenance screen shows for the permit reader; staff act on these, citizens never see them. */
export const PERMIT_READER_FAULTS = {
  notFound: (detail: string): DeviceFault => ({
    code: 'permit-reader-not-found',
    message: { 'zh-CN': `未找到通行证识读器：${detail}`, en: `permit reader not found: ${detail}` },
  }),
  disconnected: (detail: string): DeviceFault => ({
    code: 'permit-reader-disconnected',
    message: { 'zh-CN': `通行证识读器连接已断开：${detail}`, en: `permit reader disconnected: ${detail}` },
  }),
  /** Reads keep failing their checks: a dirty or scratched window, or a worn OCR module. Reads go on. */
  misreading: (badReadsInARow: number): DeviceFault => ({
    code: 'permit-reader-misreading',
    message: {
      'zh-CN': `通行证识读器连续 ${badReadsInARow} 次识读失败，请清洁识读窗口并检查设备`,
      en: `the permit reader failed ${badReadsInARow} reads in a row; clean its window and check it`,
    },
  }),
};

export const MISREADING_FAULT_CODE = 'permit-reader-misreading';
