import type { Intent } from '../../bridge/bridgeContract.js';
import { BridgeRejection } from '../../bridge/bridgeErrors.js';
import type { FlowSnapshot } from '../../bridge/flowSnapshot.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { PiiVault } from '../pii/piiVault.js';
import type { StaffLogin } from '../staff/staffLogin.js';
import { ENDORSEMENT_FLOW_KIND, type EndorsementContext } from './endorsement/endorsementContext.js';
import type { EndorsementServices } from './endorsement/endorsementServices.js';
import { flowView } from './endorsement/endorsementView.js';
import { submitFaceCapture } from './endorsement/faceCapture.js';
import type { PaymentCodeTokens } from './endorsement/paymentCodeTokens.js';
import type { FlowEvent } from './flowDefinition.js';
import type { FlowEngine, SendResult } from './flowEngine.js';

export type FlowIntent = Extract<Intent, { type: `flow.${string}` }>;

/**
 * The citizen's side of the flow engine: starts a service's flow, turns the bridge's flow
 * intents into flow events (the face image into the PII vault, the staff PIN checked against
 * the lock-out), and projects the running flow into the snapshot. The engine and the flow's
 * work run on regardless of the screen: once money has moved, a flow finishes (or is
 * compensated) even when the citizen walks away.
 */
export class CitizenFlows {
  constructor(
    private readonly deps: {
      engine: FlowEngine<EndorsementServices>;
      vault: Pick<PiiVault, 'put' | 'delete'>;
      staffLogin: Pick<StaffLogin, 'submit'>;
      tokens: PaymentCodeTokens;
      audit: AuditSink;
    },
  ) {}

  start(serviceId: string): string {
    const flow = this.deps.engine.start(ENDORSEMENT_FLOW_KIND, { serviceId });
    return flow.flowId;
  }

  snapshot(flowId: string): FlowSnapshot | null {
    const flow = this.deps.engine.get(flowId);
    if (!flow || flow.kind !== ENDORSEMENT_FLOW_KIND) return null;
    return {
      flowId,
      kind: ENDORSEMENT_FLOW_KIND,
      serviceId: typeof flow.context.serviceId === 'string' ? flow.context.serviceId : '',
      status: flow.status,
      view: flowView(flow.context as EndorsementContext, flow.step),
    };
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
      case 'flow.faceCaptured':
        result = submitFaceCapture({ flows: engine, vault: this.deps.vault }, flowId, { format: intent.format, dataBase64: intent.dataBase64 });
        break;
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
      case 'flow.pay':
        result = engine.send(flowId, { type: 'pay', method: intent.method });
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
   * cancelled with it; one that has runs on to its end. Scanned codes held in memory go.
   */
  sessionEnded(flowId: string | null): void {
    this.deps.tokens.clear();
    if (!flowId) return;
    const result = this.deps.engine.send(flowId, { type: 'cancel', reason: 'session-ended' });
    if (!result.ok && result.reason === 'cancel-not-allowed') {
      this.deps.audit.append({ actor: 'system', action: 'flow.continues-without-citizen', detail: { flowId } });
    }
  }
}
