import type { DeviceFault } from '../../model/deviceStatus.js';
import type { SamStatus } from '../samStatus.js';

/** Faults the maintenance screen shows for the ID-card reader; staff act on these, citizens never see them. */
export const ID_CARD_READER_FAULTS = {
  notFound: (detail: string): DeviceFault => ({
    code: 'reader-not-found',
    message: { 'zh-CN': `未找到身份证读卡器：${detail}`, en: `ID card reader not found: ${detail}` },
  }),
  disconnected: (detail: string): DeviceFault => ({
    code: 'reader-disconnected',
    message: { 'zh-CN': `身份证读卡器连接已断开：${detail}`, en: `ID card reader disconnected: ${detail}` },
  }),
  notResponding: (): DeviceFault => ({
    code: 'reader-not-responding',
    message: { 'zh-CN': '身份证读卡器无响应，请检查连接线和电源', en: 'the ID card reader does not answer; check its cable and power' },
  }),
  protocolError: (): DeviceFault => ({
    code: 'reader-protocol-error',
    message: { 'zh-CN': '身份证读卡器应答数据错误（校验或长度错误）', en: 'the ID card reader sent corrupted replies (checksum or length errors)' },
  }),
  /** The SAM module itself refuses to work (self-test failed, not authorised): only service can fix it. */
  sam: (status: SamStatus): DeviceFault => ({ code: status.code, message: status.message }),
};

/** SAM statuses after which the module accepts no commands (research §3: 60, 66). */
export function isSamOutOfService(status: SamStatus): boolean {
  return status.code === 'sam-self-test-failed' || status.code === 'sam-not-authorized';
}
