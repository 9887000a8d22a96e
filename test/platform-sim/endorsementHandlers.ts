import type {
  Destination,
  EligibilityResponse,
  EndorsementChoice,
  EndorsementKind,
  EndorsementOption,
  EndorsementRefusal,
  EndorsementSelection,
  IssuanceResponse,
  IssuedEndorsement,
  Payable,
  Reason,
} from '../../electron/platform/platformApiTypes.js';
import { checkVerification } from './faceHandlers.js';
import {
  type OperationHandlers,
  SimulatorError,
  idempotent,
  iso,
  isoDate,
  maskName,
  maskPermitNumber,
  newId,
  terminalOf,
} from './simulatorHandler.js';

/**
 * Exit-entry endorsement as the back end decides it: eligibility with reasons, approval before
 * payment (with the payable), issuing after payment. Rules after research/domain.md §1.5-1.7;
 * each seeded holder (seedData.ts) exercises one of them.
 */

const DAY_MS = 86_400_000;
const ELIGIBILITY_VALID_MS = 15 * 60_000;
const MIN_PERMIT_VALID_DAYS = 92;

const option = (optionCode: string, entries: EndorsementOption['entries'], validityMonths: number, stayDays: number): EndorsementOption => ({
  optionCode,
  entries,
  validityMonths,
  stayDays,
  feeCode: entries === 'single' ? 'endorsement-single' : entries === 'double' ? 'endorsement-double' : 'endorsement-multiple-1y',
});

/** What can be applied for at a self-service terminal, by kind and destination. */
const SELF_SERVICE_OPTIONS: Partial<Record<`${EndorsementKind}-${Destination}`, EndorsementOption[]>> = {
  'G-HK': [option('G-HK-3M-1', 'single', 3, 7), option('G-HK-3M-2', 'double', 3, 7), option('G-HK-1Y-1', 'single', 12, 7), option('G-HK-1Y-2', 'double', 12, 7)],
  'G-MO': [option('G-MO-3M-1', 'single', 3, 7), option('G-MO-1Y-1', 'single', 12, 7)],
  'L-HK': [option('L-HK-3M-1', 'single', 3, 7), option('L-HK-3M-2', 'double', 3, 7)],
  'L-MO': [option('L-MO-3M-1', 'single', 3, 7)],
  'L-TW': [option('L-TW-6M-1', 'single', 6, 15)],
};

/** The platform's fee table (fen): the payable comes from here, the terminal shows its own config. */
export const ENDORSEMENT_FEES_FEN: Readonly<Record<string, number>> = {
  'endorsement-single': 1500,
  'endorsement-double': 3000,
  'endorsement-multiple-1y': 8000,
};

const KIND_NAMES: Partial<Record<EndorsementKind, { 'zh-CN': string; en: string }>> = {
  G: { 'zh-CN': '个人旅游', en: 'individual tourism' },
  L: { 'zh-CN': '团队旅游', en: 'group tourism' },
};

const reason = (code: string, zh: string, en: string): Reason => ({ code, message: { 'zh-CN': zh, en } });

const REASONS = {
  stateEmployee: reason('registered-state-employee', '登记备案的国家工作人员请到窗口办理', 'Registered state employees apply at the counter'),
  permitExpiring: reason('permit-expiring', '证件有效期不足三个月，请先换发证件', 'The permit expires within three months: renew it first'),
  firstEndorsement: reason('first-endorsement-at-window', '首次签注请到窗口办理', 'A first endorsement is done at the counter'),
  notSchemeCity: reason('not-scheme-city-resident', '户籍不在个人旅游开放城市，可办理团队旅游签注', 'Individual tourism is for residents of the scheme cities; group tourism is available'),
  windowOnly: reason('window-only-kind', '此类签注需提交证明材料，请到窗口办理', 'This kind needs supporting documents: apply at the counter'),
  suspended: reason('kind-suspended', '此类签注暂停办理', 'This kind of endorsement is suspended'),
  notAllowed: reason('option-not-allowed', '所选签注不在可申请范围内', 'The chosen endorsement is not among those allowed'),
  exitRestricted: reason('exit-restricted', '审批未通过，请到窗口咨询', 'Not approved: please ask at the counter'),
};

interface HolderRow {
  permit_number: string;
  permit_type: 'CS' | 'CD';
  name: string;
  id_number: string;
  scheme_city: number;
  permit_valid_days: number;
  state_employee: number;
  previous_endorsement: number;
  issue_fails: number;
  approval_refusal: string | null;
}

function decideEligibility(holder: HolderRow): { allowed: EndorsementChoice[]; refused: EndorsementRefusal[] } {
  const candidates: [EndorsementKind, Destination][] =
    holder.permit_type === 'CS'
      ? [
          ['G', 'HK'],
          ['G', 'MO'],
          ['L', 'HK'],
          ['L', 'MO'],
        ]
      : [
          ['L', 'TW'],
          ['G', 'TW'],
        ];
  const windowOnly: EndorsementKind[] = holder.permit_type === 'CS' ? ['T', 'S', 'Q', 'D'] : ['T', 'F', 'Q'];
  const general =
    holder.state_employee === 1
      ? REASONS.stateEmployee
      : holder.permit_valid_days < MIN_PERMIT_VALID_DAYS
        ? REASONS.permitExpiring
        : holder.previous_endorsement === 0
          ? REASONS.firstEndorsement
          : null;
  const allowed: EndorsementChoice[] = [];
  const refused: EndorsementRefusal[] = [];
  for (const [kind, destination] of candidates) {
    const specific =
      holder.permit_type === 'CD' && kind === 'G' ? REASONS.suspended : kind === 'G' && holder.scheme_city === 0 ? REASONS.notSchemeCity : null;
    const refusal = general ?? specific;
    const options = SELF_SERVICE_OPTIONS[`${kind}-${destination}`];
    if (refusal || !options) refused.push({ kind, destination, reason: refusal ?? REASONS.windowOnly });
    else allowed.push({ kind, destination, options });
  }
  for (const kind of windowOnly) refused.push({ kind, destination: null, reason: general ?? REASONS.windowOnly });
  return { allowed, refused };
}

function findOption(allowed: EndorsementChoice[], selection: EndorsementSelection): EndorsementOption | undefined {
  return allowed
    .find((choice) => choice.kind === selection.kind && choice.destination === selection.destination)
    ?.options.find((o) => o.optionCode === selection.optionCode);
}

function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime() - DAY_MS;
}

export const endorsementHandlers: Pick<
  OperationHandlers,
  'checkEndorsementEligibility' | 'requestEndorsementApproval' | 'issueEndorsement'
> = {
  checkEndorsementEligibility(context) {
    const terminalId = terminalOf(context);
    const { holder: asked, verification } = context.body;
    const holder = context.store
      .stmt('SELECT * FROM holders WHERE permit_number = ? AND permit_type = ?')
      .get(asked.permitNumber, asked.permitType) as HolderRow | undefined;
    if (!holder) throw new SimulatorError('holder-not-found');
    if (asked.idNumber !== undefined && asked.idNumber !== holder.id_number) {
      throw new SimulatorError('verification-failed', { reason: 'identity-mismatch' });
    }
    const problem = checkVerification(context, verification, [`permit:${holder.permit_number}`, `id:${holder.id_number}`]);
    if (problem) throw new SimulatorError('verification-failed', { reason: problem.code });
    const { allowed, refused } = decideEligibility(holder);
    const eligibilityId = newId('el');
    const validUntil = context.now + ELIGIBILITY_VALID_MS;
    context.store
      .stmt('INSERT INTO eligibility_checks (eligibility_id, terminal_id, permit_number, allowed_json, valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(eligibilityId, terminalId, holder.permit_number, JSON.stringify(allowed), validUntil, context.now);
    const response: EligibilityResponse = {
      eligibilityId,
      validUntil: iso(validUntil),
      holder: { permitType: holder.permit_type, permitNumberMasked: maskPermitNumber(holder.permit_number), nameMasked: maskName(holder.name) },
      allowed,
      refused,
    };
    return response;
  },

  requestEndorsementApproval(context) {
    const terminalId = terminalOf(context);
    const request = context.body;
    return idempotent(context, 'approval', request.idempotencyKey, request, () => {
      const eligibility = context.store
        .stmt('SELECT permit_number, allowed_json, valid_until FROM eligibility_checks WHERE eligibility_id = ? AND terminal_id = ?')
        .get(request.eligibilityId, terminalId) as { permit_number: string; allowed_json: string; valid_until: number } | undefined;
      if (!eligibility || eligibility.valid_until < context.now) throw new SimulatorError('eligibility-not-found', { expired: eligibility !== undefined });
      const holder = context.store.stmt('SELECT * FROM holders WHERE permit_number = ?').get(eligibility.permit_number) as HolderRow;
      const allowed = JSON.parse(eligibility.allowed_json) as EndorsementChoice[];
      const options = request.selections.map((selection) => findOption(allowed, selection));
      const reasons: Reason[] = [];
      if (options.some((o) => o === undefined)) reasons.push(REASONS.notAllowed);
      if (holder.approval_refusal) reasons.push(REASONS.exitRestricted);
      const year = new Date(context.now).getUTCFullYear();
      const caseNumber = `CJ${year}${String(context.store.next('endorsement-case')).padStart(6, '0')}`;
      const approved = reasons.length === 0;
      const payable: Payable | null = approved
        ? {
            amountFen: 0,
            payableReference: `4401${String(context.store.next('payable')).padStart(12, '0')}`,
            items: request.selections.map((selection, index) => {
              const chosen = options[index] as EndorsementOption;
              const kindName = KIND_NAMES[selection.kind] ?? { 'zh-CN': selection.kind, en: selection.kind };
              return {
                feeCode: chosen.feeCode,
                optionCode: chosen.optionCode,
                description: { 'zh-CN': `${selection.destination} ${kindName['zh-CN']}签注`, en: `${selection.destination} ${kindName.en} endorsement` },
                amountFen: ENDORSEMENT_FEES_FEN[chosen.feeCode] ?? 0,
              };
            }),
          }
        : null;
      if (payable) payable.amountFen = payable.items.reduce((sum, item) => sum + item.amountFen, 0);
      context.store
        .stmt(
          `INSERT INTO endorsement_cases (case_number, terminal_id, permit_number, eligibility_id, selections_json, decision, payable_json, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          caseNumber,
          terminalId,
          holder.permit_number,
          request.eligibilityId,
          JSON.stringify(request.selections),
          approved ? 'approved' : 'refused',
          payable ? JSON.stringify(payable) : null,
          approved ? 'approved' : 'refused',
          context.now,
        );
      return { approvalId: newId('ap'), caseNumber, decision: approved ? 'approved' : 'refused', reasons, payable };
    });
  },

  issueEndorsement(context) {
    const terminalId = terminalOf(context);
    const request = context.body;
    return idempotent(context, 'issuance', request.idempotencyKey, request, () => {
      const row = context.store
        .stmt('SELECT permit_number, selections_json, decision, payable_json, status, issued_json FROM endorsement_cases WHERE case_number = ? AND terminal_id = ?')
        .get(request.caseNumber, terminalId) as
        | { permit_number: string; selections_json: string; decision: string; payable_json: string | null; status: string; issued_json: string | null }
        | undefined;
      if (!row) throw new SimulatorError('case-not-found', { caseNumber: request.caseNumber });
      if (row.decision !== 'approved' || row.payable_json === null) throw new SimulatorError('case-not-accepted');
      if (row.issued_json !== null) return JSON.parse(row.issued_json) as IssuanceResponse;
      const payable = JSON.parse(row.payable_json) as Payable;
      const order = context.store
        .stmt('SELECT case_number, state, amount_fen FROM payment_orders WHERE terminal_id = ? AND idempotency_key = ?')
        .get(terminalId, request.paymentIdempotencyKey) as { case_number: string; state: string; amount_fen: number } | undefined;
      if (!order || order.case_number !== request.caseNumber || order.state !== 'paid' || order.amount_fen !== payable.amountFen) {
        throw new SimulatorError('payment-not-settled', { orderState: order?.state ?? null, payableFen: payable.amountFen });
      }
      const holder = context.store.stmt('SELECT * FROM holders WHERE permit_number = ?').get(row.permit_number) as HolderRow;
      let response: IssuanceResponse;
      if (holder.issue_fails === 1) {
        response = {
          caseNumber: request.caseNumber,
          status: 'failed',
          endorsements: [],
          failure: reason('endorsement-write-failed', '签注写入失败，请持证到窗口办理', 'Writing the endorsement failed: take the permit to the counter'),
          printLines: [],
        };
      } else {
        const selections = JSON.parse(row.selections_json) as EndorsementSelection[];
        const endorsements: IssuedEndorsement[] = selections.map((selection, index) => {
          const item = payable.items[index];
          const chosen = Object.values(SELF_SERVICE_OPTIONS)
            .flat()
            .find((o) => o?.optionCode === (item?.optionCode ?? selection.optionCode)) as EndorsementOption;
          return {
            kind: selection.kind,
            destination: selection.destination,
            entries: chosen.entries,
            validFrom: isoDate(context.now),
            validUntil: isoDate(addMonths(context.now, chosen.validityMonths)),
            stayDays: chosen.stayDays,
            endorsementNumber: `E${String(context.store.next('endorsement-number')).padStart(9, '0')}`,
          };
        });
        response = {
          caseNumber: request.caseNumber,
          status: 'issued',
          endorsements,
          failure: null,
          printLines: endorsements.flatMap((e) => [
            `${e.kind} ${e.destination} ${e.entries.toUpperCase()} ${e.stayDays}D`,
            `${e.validFrom} - ${e.validUntil} ${e.endorsementNumber}`,
          ]),
        };
      }
      context.store
        .stmt('UPDATE endorsement_cases SET status = ?, issued_json = ? WHERE case_number = ?')
        .run(response.status === 'issued' ? 'issued' : 'issue-failed', JSON.stringify(response), request.caseNumber);
      return response;
    });
  },
};
