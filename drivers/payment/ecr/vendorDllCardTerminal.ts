/**
 * The vendor-DLL path for card terminals: an INTERFACE ONLY, documented so an adapter can be
 * written when an acquirer's DLL is on the bench. Nothing here pretends to talk to a DLL.
 *
 * Why a helper process (research/payment.md §3.7): acquirers such as 银联商务 ship a Windows DLL
 * (`posinf.dll`, `int bankall(char *request, char *response)`, or `umsocx.ocx trans()`), often
 * 32-bit only. Loading it into the device host would let a DLL crash take the drivers down, so a
 * small helper process of the DLL's bitness loads it (FFI, e.g. `koffi`) and the device host
 * talks to the helper over stdio. 信创 hosts may have no DLL at all: prefer serial ECR there.
 *
 * The adapter that implements `CardTerminal` over this channel must keep the same outcome rules
 * as the serial adapter: the caller's reference goes into every request (for `bankall`, in the
 * 行业信息 field or a vendor-specified field), a helper that dies or times out after the call
 * started yields `unknown`, never a retry.
 */
export interface VendorDllHelperChannel {
  /**
   * One DLL call. For `bankall`, `request` is the fixed-width ASCII record (POS机号 8, 员工号 8,
   * 交易类型 2, 金额 12 in fen, 原交易日期 8, 原参考号 12, 原凭证号 6, LRC 3, 行业信息 ≤100) and the
   * reply is the fixed-width response (返回码 2, 银行行号 4, 卡号 20 masked 前6后4, 凭证号 6,
   * 金额 12, 错误说明 40 GBK, 商户号 15, 终端号 8, 批次号 6, 交易日期 4, 时间 6, 参考号 12, 授权号 6,
   * 清算日期 4, LRC 3). Field layout from secondary sources (codeprj.com, lepang.cn): verify
   * against the acquirer's own document before use.
   *
   * Resolves with the reply, or with a typed failure; never rejects.
   */
  call(request: Uint8Array, options: { timeoutMs: number }): Promise<VendorDllCallResult>;
  /** The helper process is running and has loaded the DLL. */
  isAlive(): boolean;
}

export type VendorDllCallResult =
  | { ok: true; reply: Uint8Array }
  /** The helper never received the call: safe to retry. */
  | { ok: false; reason: 'helper-not-running' }
  /** The call was handed to the DLL and no reply came: the outcome is unknown. */
  | { ok: false; reason: 'helper-crashed' | 'timeout' };
