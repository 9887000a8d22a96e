import type {
  AddressOnFile,
  Certificate,
  DeliveryMethod,
  DeliveryOptionsResponse,
  DeliveryResponse,
  PropertyCase,
  Reason,
  SubmissionResponse,
} from '../../electron/platform/platformApiTypes.js';
import { checkVerification } from './faceHandlers.js';
import { SEED_PROPERTY_CASES } from './seedData.js';
import { type OperationHandlers, SimulatorError, idempotent, isoDate, maskName, newId, terminalOf } from './simulatorHandler.js';
import type { SimulatorStore } from './simulatorStore.js';

/**
 * Real-estate transfer as the registration system decides it (research/domain.md §2): every
 * required party verifies and signs, taxes must be paid (shown, never computed), the fee must
 * be paid, then the case is accepted and the certificate delivery chosen.
 */

const DAY_MS = 86_400_000;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface CaseRow {
  case_number: string;
  case_json: string;
  print_at_terminal: number;
  status: PropertyCase['status'];
  acceptance_number: string | null;
  delivery_json: string | null;
}

const reason = (code: string, zh: string, en: string): Reason => ({ code, message: { 'zh-CN': zh, en } });

function loadCase(store: SimulatorStore, caseNumber: string): CaseRow {
  const row = store.stmt('SELECT * FROM property_cases WHERE case_number = ?').get(caseNumber) as CaseRow | undefined;
  if (!row) throw new SimulatorError('case-not-found', { caseNumber });
  return row;
}

function verifiedPartyIds(store: SimulatorStore, caseNumber: string): Set<string> {
  const rows = store.stmt('SELECT DISTINCT party_id FROM party_verifications WHERE case_number = ?').all(caseNumber) as { party_id: string }[];
  return new Set(rows.map((r) => r.party_id));
}

function caseView(store: SimulatorStore, row: CaseRow): PropertyCase {
  const stored = JSON.parse(row.case_json) as Omit<PropertyCase, 'status'> & { parties: Omit<PropertyCase['parties'][number], 'verified'>[] };
  const verified = verifiedPartyIds(store, row.case_number);
  return { ...stored, status: row.status, parties: stored.parties.map((p) => ({ ...p, verified: verified.has(p.partyId) })) };
}

function remainingParties(store: SimulatorStore, row: CaseRow): string[] {
  return caseView(store, row)
    .parties.filter((p) => p.required && !p.verified)
    .map((p) => p.partyId);
}

/** The district and no more (广州市海珠区****): enough for the citizen to recognise, too little for a passer-by. */
function maskAddress(address: string): string {
  const district = /^.{2,12}?[区县市旗]/u.exec(address.slice(3))?.[0];
  return `${district === undefined ? [...address].slice(0, 6).join('') : address.slice(0, 3) + district}****`;
}

/** The mailing address from the case's filed contract, masked, when there is one. */
function addressOnFile(caseNumber: string): AddressOnFile | null {
  const mailing = SEED_PROPERTY_CASES.find((seed) => seed.case.caseNumber === caseNumber)?.mailingAddress;
  return mailing ? { recipient: maskName(mailing.recipient), address: maskAddress(mailing.address) } : null;
}

function deliveryOptions(row: CaseRow, view: PropertyCase): DeliveryOptionsResponse {
  const printReason =
    row.print_at_terminal === 1 ? null : reason('print-not-allowed', '此业务不能在自助终端打印证书', 'The certificate of this case cannot be printed at a terminal');
  const onFile = addressOnFile(row.case_number);
  return {
    caseNumber: row.case_number,
    options: [
      { method: 'electronic', available: true, reason: null },
      { method: 'print-at-terminal', available: printReason === null, reason: printReason },
      { method: 'window', available: true, reason: null },
      // Post takes an address typed in, or the one on file; a terminal without an input method needs the latter.
      onFile ? { method: 'post', available: true, reason: null, addressOnFile: onFile } : { method: 'post', available: true, reason: null },
    ],
    mortgageProof: view.mortgage?.electronicCertificate ? 'electronic-to-lender' : null,
  };
}

export const propertyHandlers: Pick<
  OperationHandlers,
  'lookupPropertyCase' | 'verifyPropertyParty' | 'submitPropertyCase' | 'getCertificateDeliveryOptions' | 'chooseCertificateDelivery'
> = {
  lookupPropertyCase(context) {
    const { contractFilingNumber, caseNumber } = context.query;
    if ((contractFilingNumber === undefined) === (caseNumber === undefined)) {
      throw new SimulatorError('invalid-request', { problem: 'give exactly one of contractFilingNumber and caseNumber' });
    }
    const row = (
      caseNumber !== undefined
        ? context.store.stmt('SELECT * FROM property_cases WHERE case_number = ?').get(caseNumber)
        : context.store.stmt('SELECT * FROM property_cases WHERE contract_filing_number = ?').get(contractFilingNumber)
    ) as CaseRow | undefined;
    if (!row) throw new SimulatorError('case-not-found');
    return caseView(context.store, row);
  },

  verifyPropertyParty(context) {
    const terminalId = terminalOf(context);
    const caseNumber = context.params.caseNumber ?? '';
    const row = loadCase(context.store, caseNumber);
    const request = context.body;
    const party = context.store
      .stmt('SELECT id_number FROM property_parties WHERE case_number = ? AND party_id = ?')
      .get(caseNumber, request.partyId) as { id_number: string } | undefined;
    if (!party) throw new SimulatorError('party-not-found', { partyId: request.partyId });
    let failure: Reason | null = null;
    if (party.id_number !== request.idNumber) {
      failure = reason('identity-mismatch', '身份证件与该当事人不符', 'The ID card does not belong to this party');
    } else {
      failure = checkVerification(context, request.verification, [`id:${request.idNumber}`]);
    }
    let verificationId: string | null = null;
    if (failure === null) {
      verificationId = newId('pv');
      context.store
        .stmt('INSERT INTO party_verifications (verification_id, terminal_id, case_number, party_id, method, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(verificationId, terminalId, caseNumber, request.partyId, request.verification.method, context.now);
    }
    return {
      partyVerificationId: verificationId,
      partyId: request.partyId,
      verified: failure === null,
      reason: failure,
      remainingPartyIds: remainingParties(context.store, row),
    };
  },

  submitPropertyCase(context) {
    const terminalId = terminalOf(context);
    const caseNumber = context.params.caseNumber ?? '';
    const request = context.body;
    return idempotent(context, `submission:${caseNumber}`, request.idempotencyKey, request, () => {
      const row = loadCase(context.store, caseNumber);
      if (row.status === 'accepted') throw new SimulatorError('case-already-accepted', { acceptanceNumber: row.acceptance_number });
      const view = caseView(context.store, row);
      const proof = context.store.stmt('SELECT 1 FROM party_verifications WHERE verification_id = ? AND case_number = ? AND party_id = ?');
      const reasons: Reason[] = [];
      const signed = new Set<string>();
      for (const party of request.parties) {
        if (!proof.get(party.partyVerificationId, caseNumber, party.partyId)) continue;
        const image = Buffer.from(party.signature.imagePngBase64, 'base64');
        if (!image.subarray(0, 8).equals(PNG_MAGIC)) {
          reasons.push(reason('signature-unreadable', `当事人 ${party.partyId} 的签名图像无法识别`, `The signature image of party ${party.partyId} is not a PNG`));
          continue;
        }
        signed.add(party.partyId);
      }
      const missingPartyIds = view.parties.filter((p) => p.required && !signed.has(p.partyId)).map((p) => p.partyId);
      if (missingPartyIds.length > 0) {
        reasons.push(reason('parties-missing', '尚有当事人未核验或未签名', 'Some parties have not verified or signed'));
      }
      if (view.taxes.some((t) => t.status === 'unpaid')) {
        reasons.push(reason('taxes-unpaid', '税款尚未缴清，请先到税务窗口缴纳', 'Taxes are unpaid: pay them at the tax counter first'));
      }
      const order = context.store.stmt('SELECT case_number, state FROM payment_orders WHERE terminal_id = ? AND idempotency_key = ?');
      const feesPaid =
        request.paymentIdempotencyKeys.length > 0 &&
        request.paymentIdempotencyKeys.every((key) => {
          const found = order.get(terminalId, key) as { case_number: string; state: string } | undefined;
          return found?.case_number === caseNumber && found.state === 'paid';
        });
      if (!feesPaid) reasons.push(reason('fee-unpaid', '登记费尚未支付', 'The registration fee is not paid'));

      if (reasons.length > 0) {
        const refused: SubmissionResponse = { caseNumber, status: 'refused', acceptanceNumber: null, reasons, missingPartyIds, expectedCompletionDate: null };
        return refused;
      }
      const keep = context.store.stmt(
        'INSERT OR REPLACE INTO property_signatures (case_number, party_id, image, strokes_json, received_at) VALUES (?, ?, ?, ?, ?)',
      );
      for (const party of request.parties) {
        keep.run(caseNumber, party.partyId, Buffer.from(party.signature.imagePngBase64, 'base64'), JSON.stringify(party.signature.strokes), context.now);
      }
      const acceptanceNumber = `SL${new Date(context.now).getUTCFullYear()}${String(context.store.next('acceptance')).padStart(7, '0')}`;
      context.store.stmt("UPDATE property_cases SET status = 'accepted', acceptance_number = ? WHERE case_number = ?").run(acceptanceNumber, caseNumber);
      const accepted: SubmissionResponse = {
        caseNumber,
        status: 'accepted',
        acceptanceNumber,
        reasons: [],
        missingPartyIds: [],
        expectedCompletionDate: isoDate(context.now + 5 * DAY_MS),
      };
      return accepted;
    });
  },

  getCertificateDeliveryOptions(context) {
    const row = loadCase(context.store, context.params.caseNumber ?? '');
    return deliveryOptions(row, caseView(context.store, row));
  },

  chooseCertificateDelivery(context) {
    const caseNumber = context.params.caseNumber ?? '';
    const request = context.body;
    return idempotent(context, `delivery:${caseNumber}`, request.idempotencyKey, request, () => {
      const row = loadCase(context.store, caseNumber);
      if (row.status !== 'accepted') throw new SimulatorError('case-not-accepted');
      const view = caseView(context.store, row);
      const choice = deliveryOptions(row, view).options.find((o) => o.method === request.method);
      if (!choice?.available) throw new SimulatorError('delivery-not-available', { method: request.method });
      if (request.useAddressOnFile && !choice.addressOnFile) throw new SimulatorError('delivery-not-available', { method: request.method, addressOnFile: false });
      const number = String(context.store.next('certificate')).padStart(7, '0');
      const year = new Date(context.now).getUTCFullYear();
      const ownership: Certificate = {
        certificateNumber: `粤(${year})广州市不动产权第${number}号`,
        kind: 'ownership',
        printLines:
          request.method === 'print-at-terminal'
            ? [`不动产权证书 粤(${year})广州市不动产权第${number}号`, `不动产单元号 ${view.property.unitNumber}`, `坐落 ${view.property.address}`, `面积 ${view.property.areaSquareMeters}㎡`]
            : null,
        electronicUrl: request.method === 'electronic' ? `https://platform-sim.invalid/certificates/${number}` : null,
      };
      const certificates: Certificate[] = [ownership];
      if (view.mortgage?.electronicCertificate) {
        certificates.push({
          certificateNumber: `粤(${year})广州市不动产证明第${number}号`,
          kind: 'mortgage-proof',
          printLines: null,
          electronicUrl: `https://platform-sim.invalid/certificates/${number}-mortgage`,
        });
      }
      const method: DeliveryMethod = request.method;
      const response: DeliveryResponse = {
        caseNumber,
        method,
        status: method === 'print-at-terminal' ? 'ready-to-print' : 'arranged',
        certificates,
      };
      context.store.stmt('UPDATE property_cases SET delivery_json = ? WHERE case_number = ?').run(JSON.stringify(response), caseNumber);
      return response;
    });
  },
};
