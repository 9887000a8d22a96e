import type { Intent } from '../../bridge/bridgeContract.js';
import { BridgeRejection } from '../../bridge/bridgeErrors.js';
import type { FlowKind, FlowSnapshot } from '../../bridge/flowSnapshot.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { PiiVault } from '../pii/piiVault.js';
import type { StaffLogin } from '../staff/staffLogin.js';
import type { CitizenFlowServices } from './citizenFlowServices.js';
import { ENDORSEMENT_FLOW_KIND, type EndorsementContext } from './endorsement/endorsementContext.js';
import type { EndorsementFlowOptions } from './endorsement/endorsementOptions.js';
import { flowView } from './endorsement/endorsementView.js';
import { submitFaceCapture } from './endorsement/faceCapture.js';
import { VAULT_PURPOSE as ENDORSEMENT_VAULT } from './endorsement/endorsementWork.js';
import type { PaymentCodeTokens } from './endorsement/paymentCodeTokens.js';
import type { FlowEvent } from './flowDefinition.js';
import type { FlowEngine, SendResult } from './flowEngine.js';
import { PROPERTY_FLOW_KIND, type PropertyContext } from './property/propertyContext.js';
import type { PropertyFlowOptions } from './property/propertyOptions.js';
import { propertyView } from './property/propertyView.js';
import { VAULT_PURPOSE as PROPERTY_VAULT } from './property/propertyWork.js';
import { submitSignature } from './property/signatureCapture.js';

export type FlowIntent = Extract<Intent, { type: `flow.${string}` }>;

/**
 * The citizen's side of the flow engine: starts a service's flow (by the service's kind),
 * turns the bridge's flow intents into flow events (face images and signatures into the PII
 * vault, the staff PIN checked against the lock-out), and projects the running flow into the
 * snapshot with the configured options. The engine and the flow's work run on regardless of
 * the screen: once money has moved, a flow finishes (or is compensated) even when the citizen
 * walks away.
 */
export class CitizenFlows {
  constructor(
    private readonly deps: {
      engine: FlowEngine<CitizenFlowServices>;
      vault: Pick<PiiVault, 'put' | 'delete'>;
      staffLogin: Pick<StaffLogin, 'submit'>;
      tokens: PaymentCodeTokens;
      audit: AuditSink;
      /** The flow each installed service starts, by service id. */
      services: ReadonlyMap<string, FlowKind>;
      endorsementOptions: EndorsementFlowOptions;
      /** Null when the property flow is not installed. */
      propertyOptions: PropertyFlowOptions | null;
    },
  ) {}

  start(serviceId: string): string {
    const kind = this.deps.services.get(serviceId);
    if (!kind) throw new BridgeRejection('not-allowed', `service ${serviceId} has no flow installed`);
    return this.deps.engine.start(kind, { serviceId }).flowId;
  }

  snapshot(flowId: string): FlowSnapshot | null {
    const flow = this.deps.engine.get(flowId);
    if (!flow) return null;
    const common = { flowId, serviceId: typeof flow.context.serviceId === 'string' ? flow.context.serviceId : '', status: flow.status };
    if (flow.kind === ENDORSEMENT_FLOW_KIND) {
      return { ...common, kind: ENDORSEMENT_FLOW_KIND, view: flowView(flow.context as EndorsementContext, flow.step, this.deps.endorsementOptions) };
    }
    if (flow.kind === PROPERTY_FLOW_KIND && this.deps.propertyOptions) {
      return { ...common, kind: PROPERTY_FLOW_KIND, view: propertyView(flow.context as PropertyContext, flow.step, this.deps.propertyOptions) };
    }
    return null;
  }

  isFinished(flowId: string): boolean {
    const flow = this.deps.engine.get(flowId);
    return !flow || flow.status !== 'active';
  }

  /** Applies one flow intent; refusals are BridgeRejections the renderer shows, never throws of another kind. */
  async apply(flowId: string, intent: FlowIntent): Promise<void> {
    const { engine } = this.deps;
    let result: SendResult;
    switch (intent.type) {
      case 'flow.cancel':
        result = engine.send(flowId, { type: 'cancel', reason: 'citizen' });
        break;
      case 'flow.faceCaptured': {
        const purpose = engine.get(flowId)?.kind === PROPERTY_FLOW_KIND ? PROPERTY_VAULT.face : ENDORSEMENT_VAULT.face;
        result = submitFaceCapture({ flows: engine, vault: this.deps.vault }, flowId, { format: intent.format, dataBase64: intent.dataBase64 }, purpose);
        break;
      }
      case 'flow.signatureCaptured': {
        const signed = submitSignature({ flows: engine, vault: this.deps.vault }, flowId, { imagePngBase64: intent.imagePngBase64, strokes: intent.strokes });
        if (!signed.ok && signed.reason === 'not-a-png') throw new BridgeRejection('invalid-message', 'the signature image is not a PNG');
        result = signed as SendResult;
        break;
      }
      case 'flow.verifyByStaff':
        result = engine.send(flowId, { type: 'verify.staff' });
        break;
      case 'flow.staffVerified': {
        const login = await this.deps.staffLogin.submit(intent.pin);
        if (login !== 'accepted') throw new BridgeRejection(login === 'locked' ? 'locked' : 'not-allowed', `staff PIN ${login}`);
        this.deps.audit.append({ actor: 'staff', action: 'flow.identity-verified-by-staff', detail: { flowId } });
        result = engine.send(flowId, { type: 'staff.verified', staffId: 'hall-staff' });
        break;
      }
      case 'flow.choose':
        result = engine.send(flowId, { type: 'choose', kind: intent.kind, destination: intent.destination, optionCode: intent.optionCode });
        break;
      case 'flow.findCase':
        result = engine.send(flowId, { type: 'find-case', by: intent.by, number: intent.number });
        break;
      case 'flow.confirmCase':
        result = engine.send(flowId, { type: 'confirm-case' });
        break;
      case 'flow.partyAbsent':
        result = engine.send(flowId, { type: 'party-absent' });
        break;
      case 'flow.confirmFees':
        result = engine.send(flowId, { type: 'confirm-fees', extraCertificates: intent.extraCertificates });
        break;
      case 'flow.chooseDelivery':
        result = engine.send(flowId, { type: 'choose-delivery', method: intent.method });
        break;
      case 'flow.pay':
        result = engine.send(flowId, { type: 'pay', method: intent.method });
        break;
      case 'flow.cancelPayment':
        // Only while a QR code is on the screen; the runtime withdraws the order, a payment made meanwhile stands.
        result = engine.send(flowId, { type: 'cancel-payment', by: 'citizen' });
        break;
      case 'flow.rate': {
        const event: FlowEvent = { type: 'rate', level: intent.stars };
        if (intent.reasons) event.reasons = intent.reasons;
        if (intent.callback !== undefined) event.callback = intent.callback;
        result = engine.send(flowId, event);
        break;
      }
      case 'flow.skipRating':
        result = engine.send(flowId, { type: 'rate.skip' });
        break;
    }
    if (!result.ok) throw new BridgeRejection('not-allowed', `the flow does not take ${intent.type} now (${result.reason})`);
  }

  /**
   * The citizen's session ended (finish, idle, staff). A flow that has not taken money is
   * cancelled with it; one that has runs on to its end. A QR code still on the screen is
   * withdrawn: nobody is there to pay it (a payment made just before still counts); one still
   * being created is withdrawn as soon as the platform returns it, never shown. Scanned codes
   * held in memory go.
   */
  sessionEnded(flowId: string | null): void {
    this.deps.tokens.clear();
    if (!flowId) return;
    const result = this.deps.engine.send(flowId, { type: 'cancel', reason: 'session-ended' });
    if (!result.ok && result.reason === 'cancel-not-allowed') {
      const withdrawn = this.deps.engine.send(flowId, { type: 'cancel-payment', by: 'session-ended' });
      // True: a QR code on the screen is being withdrawn, or one still being created will be as soon as it exists.
      this.deps.audit.append({ actor: 'system', action: 'flow.continues-without-citizen', detail: { flowId, qrToWithdraw: withdrawn.ok } });
    }
  }
}
