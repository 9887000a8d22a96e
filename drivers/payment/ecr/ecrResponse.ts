import { decodeEcrTlv, encodeEcrTlv, type EcrField } from './ecrTlv.js';
import { amountField, asciiField, ECR_TAG, ECR_TYPE_CODE, EcrFieldReader, ecrTypeFromCode, gbkField, type EcrTransactionType } from './ecrTags.js';

/** The record of one card transaction as the terminal reports it. No full PAN ever: 前6后4 only. */
export interface EcrTransactionRecord {
  type: EcrTransactionType;
  /** The caller reference the transaction was requested with. */
  reference: string;
  responseCode: string;
  amountFen?: number;
  voucherNo?: string;
  referenceNo?: string;
  batchNo?: string;
  maskedPan?: string;
  /** Settlement: transactions in the closed batch. */
  count?: number;
  /** The terminal's message (GBK on the wire), for staff, not for decisions. */
  responseText?: string;
}

/**
 * The terminal's answer to one request. `answeredType` and `answeredReference` say which request
 * it answers (so a late answer to an earlier request is recognised); `record` describes the
 * transaction: the requested one, or for query-last the terminal's last one (null if none).
 */
export interface EcrResponse {
  answeredType: EcrTransactionType;
  answeredReference: string;
  record: EcrTransactionRecord | null;
}

export type EcrResponseDecode = { ok: true; response: EcrResponse } | { ok: false; error: string };

export function encodeEcrResponse(response: EcrResponse): Uint8Array {
  const fields: EcrField[] = [asciiField(ECR_TAG.answeredType, ECR_TYPE_CODE[response.answeredType]), asciiField(ECR_TAG.reference, response.answeredReference)];
  const record = response.record;
  if (record) {
    fields.push(asciiField(ECR_TAG.transactionType, ECR_TYPE_CODE[record.type]), asciiField(ECR_TAG.responseCode, record.responseCode));
    if (record.reference !== response.answeredReference) fields.push(asciiField(ECR_TAG.lastReference, record.reference));
    if (record.amountFen !== undefined) fields.push(amountField(ECR_TAG.amountFen, record.amountFen));
    if (record.voucherNo !== undefined) fields.push(asciiField(ECR_TAG.voucherNo, record.voucherNo));
    if (record.referenceNo !== undefined) fields.push(asciiField(ECR_TAG.referenceNo, record.referenceNo));
    if (record.batchNo !== undefined) fields.push(asciiField(ECR_TAG.batchNo, record.batchNo));
    if (record.maskedPan !== undefined) fields.push(asciiField(ECR_TAG.maskedPan, record.maskedPan));
    if (record.count !== undefined) fields.push(asciiField(ECR_TAG.count, String(record.count)));
    if (record.responseText !== undefined) fields.push(gbkField(ECR_TAG.responseText, record.responseText));
  }
  return encodeEcrTlv(fields);
}

export function decodeEcrResponse(body: Uint8Array): EcrResponseDecode {
  const tlv = decodeEcrTlv(body);
  if (!tlv.ok) return { ok: false, error: `${tlv.error.code} at ${tlv.error.offset}` };
  const r = new EcrFieldReader(tlv.fields);
  const answeredType = ecrTypeFromCode(r.ascii(ECR_TAG.answeredType) ?? '');
  const answeredReference = r.ascii(ECR_TAG.reference);
  if (answeredType === null || answeredReference === undefined) return { ok: false, error: 'missing answered type or reference' };

  const typeCode = r.ascii(ECR_TAG.transactionType);
  if (typeCode === undefined) return { ok: true, response: { answeredType, answeredReference, record: null } };
  const type = ecrTypeFromCode(typeCode);
  const responseCode = r.ascii(ECR_TAG.responseCode);
  const reference = r.ascii(ECR_TAG.lastReference) ?? answeredReference;
  if (type === null || responseCode === undefined || reference === undefined) return { ok: false, error: 'transaction without type, response code or reference' };

  const record: EcrTransactionRecord = { type, reference, responseCode };
  const amountFen = r.amountFen(ECR_TAG.amountFen);
  if (amountFen !== undefined) record.amountFen = amountFen;
  const text = (tag: number, key: 'voucherNo' | 'referenceNo' | 'batchNo' | 'maskedPan') => {
    const value = r.ascii(tag);
    if (value !== undefined) record[key] = value;
  };
  text(ECR_TAG.voucherNo, 'voucherNo');
  text(ECR_TAG.referenceNo, 'referenceNo');
  text(ECR_TAG.batchNo, 'batchNo');
  text(ECR_TAG.maskedPan, 'maskedPan');
  const count = r.digits(ECR_TAG.count);
  if (count !== undefined) record.count = Number(count);
  const responseText = r.gbk(ECR_TAG.responseText);
  if (responseText !== undefined) record.responseText = responseText;
  return { ok: true, response: { answeredType, answeredReference, record } };
}
