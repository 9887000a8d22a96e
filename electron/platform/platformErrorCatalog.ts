import type { LocalizedText, PlatformError } from './platformApiTypes.js';

/**
 * Every error code of the contract with its HTTP status, whether repeating the request can
 * help, and the text people see. The platform (simulator) answers with these; the terminal
 * may switch on the codes.
 */

interface ErrorDefinition {
  status: number;
  retryable: boolean;
  message: LocalizedText;
}

const define = (status: number, retryable: boolean, zh: string, en: string): ErrorDefinition => ({
  status,
  retryable,
  message: { 'zh-CN': zh, en },
});

export const PLATFORM_ERRORS = {
  'invalid-request': define(400, false, '请求不符合接口规范', 'The request does not match the API contract'),
  'missing-signature': define(401, false, '请求缺少签名或签名头格式错误', 'The request signature headers are missing or malformed'),
  'unknown-key': define(401, false, '未知的终端密钥', 'Unknown terminal key id'),
  'unsupported-algorithm': define(401, false, '不支持的签名算法', 'Unsupported signature algorithm'),
  'bad-signature': define(401, false, '请求签名无效', 'The request signature does not verify'),
  'stale-timestamp': define(401, true, '请求时间戳超出允许范围，请校准终端时钟', 'The request timestamp is outside the allowed window: check the terminal clock'),
  'replayed-nonce': define(401, true, '请求随机数已被使用（疑似重放）', 'The request nonce was used before (replay)'),
  unauthorized: define(401, false, '管理令牌无效', 'Missing or wrong admin token'),
  'terminal-mismatch': define(403, false, '终端编号与凭据不符', 'The terminal id does not belong to this credential'),
  'terminal-not-registered': define(403, true, '终端尚未注册', 'The terminal has not registered yet'),
  'not-found': define(404, false, '接口不存在', 'No such endpoint'),
  'method-not-allowed': define(405, false, '请求方法不被允许', 'Method not allowed on this endpoint'),
  'holder-not-found': define(404, false, '未找到该证件的出入境记录', 'No exit-entry record for this permit'),
  'subject-not-found': define(404, false, '未找到比对对象的参考照片', 'No reference photo for this subject'),
  'case-not-found': define(404, false, '未找到该办件', 'No such case'),
  'party-not-found': define(404, false, '该办件中没有此当事人', 'No such party in this case'),
  'payment-order-not-found': define(404, false, '未找到该支付订单', 'No payment order with this key'),
  'command-not-found': define(404, false, '未找到该指令', 'No such command for this terminal'),
  'bundle-not-found': define(404, false, '未找到该配置包版本', 'No config bundle with this version'),
  'unknown-terminal': define(404, false, '未找到该终端', 'No such terminal'),
  'eligibility-not-found': define(404, false, '资格查询结果不存在或已过期', 'No such eligibility check, or it has expired'),
  'idempotency-key-reused': define(409, false, '幂等键已用于不同的请求', 'This idempotency key was used for a different request'),
  'payment-not-settled': define(409, false, '该办件尚未足额支付', 'The case is not paid in full'),
  'not-reversible': define(409, false, '该订单无法撤销', 'This order cannot be reversed'),
  'not-refundable': define(409, false, '该订单无法退款', 'This order cannot be refunded'),
  'not-a-card-order': define(409, false, '该订单不是银行卡支付', 'This order is not a card payment'),
  'order-not-pending': define(409, false, '该订单已有结果', 'This order already has an outcome'),
  'order-key-reversed': define(409, false, '该订单号已撤销，不能再下单', 'This order key was reversed before any order arrived; it can never be charged'),
  'case-not-accepted': define(409, false, '办件尚未受理', 'The case has not been accepted'),
  'case-already-accepted': define(409, false, '办件已受理', 'The case has already been accepted'),
  'version-exists': define(409, false, '该版本的配置包已发布', 'A bundle with this version was published before'),
  'refund-exceeds-paid': define(422, false, '退款金额超过可退金额', 'The refund is larger than what is left to refund'),
  'amount-mismatch': define(422, false, '金额与订单不符', 'The amount does not match the order'),
  'verification-required': define(422, false, '需要先完成身份核验', 'Identity verification is required first'),
  'verification-failed': define(422, false, '身份核验未通过', 'Identity verification did not pass'),
  'delivery-not-available': define(422, false, '该领证方式不可用', 'This delivery method is not available for the case'),
  'bad-image': define(422, false, '图像无法识别', 'The image is not a readable JPEG or PNG'),
  'checksum-mismatch': define(422, false, '文件校验值不符', 'The content does not match its SHA-256'),
  'invalid-bundle': define(422, false, '配置包缺少版本或目标', 'The bundle lacks a version or targets'),
  'payload-too-large': define(413, false, '请求体过大', 'The request body is too large'),
  internal: define(500, true, '平台内部错误，未做任何更改', 'Internal platform error; nothing was changed'),
  unavailable: define(503, true, '平台暂时不可用，未做任何更改', 'The platform is unavailable; nothing was changed'),
} as const satisfies Record<string, ErrorDefinition>;

export type PlatformErrorCode = keyof typeof PLATFORM_ERRORS;

export function platformErrorBody(code: PlatformErrorCode, details?: Record<string, unknown>): PlatformError {
  const definition = PLATFORM_ERRORS[code];
  return { code, message: definition.message, retryable: definition.retryable, ...(details ? { details } : {}) };
}
