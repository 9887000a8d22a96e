import { decodeEcrTlv, encodeEcrTlv, type EcrField } from './ecrTlv.js';
import { amountField, asciiField, ECR_MAX_AMOUNT_FEN, ECR_REFERENCE_PATTERN, ECR_TAG, ECR_TYPE_CODE, EcrFieldReader, ecrTypeFromCode } from './ecrTags.js';

/**
 * What the kiosk asks the card terminal. Every request carries the caller's reference (derived
 * from the ledger entry), so after an unknown outcome the caller can ask the terminal about that
 * reference instead of repeating the sale.
 */
export type EcrRequest =
  | { type: 'sale'; reference: string; amountFen: number }
  /** 撤销: same day, same batch, full amount; identified by the original 凭证号. */
  | { type: 'void'; reference: string; amountFen: number; originalVoucherNo: string }
  /** 退货: partial allowed; identified by the original 参考号 and date (YYYYMMDD). */
  | { type: 'refund'; reference: string; amountFen: number; originalReferenceNo: string; originalDate: string }
  /** The terminal's last transaction, to be compared with `reference`. */
  | { type: 'query-last'; reference: string }
  /** 结算: closes the batch. */
  | { type: 'settlement'; reference: string };

/** Why a request cannot be sent: a caller bug, reported before anything reaches the terminal. */
export function validateEcrRequest(request: EcrRequest): string | null {
  if (!ECR_REFERENCE_PATTERN.test(request.reference)) return 'reference must be 1–32 characters of [A-Za-z0-9_-]';
  if ('amountFen' in request && !(Number.isInteger(request.amountFen) && request.amountFen > 0 && request.amountFen <= ECR_MAX_AMOUNT_FEN)) return 'amountFen must be a positive whole number of fen';
  if (request.type === 'void' && !/^\d{6}$/.test(request.originalVoucherNo)) return 'originalVoucherNo must be 6 digits';
  if (request.type === 'refund' && !/^\d{12}$/.test(request.originalReferenceNo)) return 'originalReferenceNo must be 12 digits';
  if (request.type === 'refund' && !/^\d{8}$/.test(request.originalDate)) return 'originalDate must be YYYYMMDD';
  return null;
}

export function encodeEcrRequest(request: EcrRequest): Uint8Array {
  const fields: EcrField[] = [asciiField(ECR_TAG.transactionType, ECR_TYPE_CODE[request.type]), asciiField(ECR_TAG.reference, request.reference)];
  if ('amountFen' in request) fields.push(amountField(ECR_TAG.amountFen, request.amountFen));
  if (request.type === 'void') fields.push(asciiField(ECR_TAG.originalVoucherNo, request.originalVoucherNo));
  if (request.type === 'refund') fields.push(asciiField(ECR_TAG.originalReferenceNo, request.originalReferenceNo), asciiField(ECR_TAG.originalDate, request.originalDate));
  return encodeEcrTlv(fields);
}

/** The terminal's side (the simulator): a frame body back to a request, or null if it is not one. */
export function decodeEcrRequest(body: Uint8Array): EcrRequest | null {
  const tlv = decodeEcrTlv(body);
  if (!tlv.ok) return null;
  const r = new EcrFieldReader(tlv.fields);
  const type = ecrTypeFromCode(r.ascii(ECR_TAG.transactionType) ?? '');
  const reference = r.ascii(ECR_TAG.reference);
  if (type === null || reference === undefined) return null;
  const amountFen = r.amountFen(ECR_TAG.amountFen);
  let request: EcrRequest;
  switch (type) {
    case 'query-last':
    case 'settlement':
      request = { type, reference };
      break;
    case 'sale':
      if (amountFen === undefined) return null;
      request = { type, reference, amountFen };
      break;
    case 'void': {
      const originalVoucherNo = r.digits(ECR_TAG.originalVoucherNo, 6);
      if (amountFen === undefined || originalVoucherNo === undefined) return null;
      request = { type, reference, amountFen, originalVoucherNo };
      break;
    }
    case 'refund': {
      const originalReferenceNo = r.digits(ECR_TAG.originalReferenceNo, 12);
      const originalDate = r.digits(ECR_TAG.originalDate, 8);
      if (amountFen === undefined || originalReferenceNo === undefined || originalDate === undefined) return null;
      request = { type, reference, amountFen, originalReferenceNo, originalDate };
      break;
    }
  }
  return validateEcrRequest(request) === null ? request : null;
}
