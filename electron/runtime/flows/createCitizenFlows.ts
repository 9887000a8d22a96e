import { join } from 'node:path';
import type { ServiceKind, TerminalConfig } from '../../../config/terminalConfigSchema.js';
import type { FlowKind } from '../../bridge/flowSnapshot.js';
import type { PlatformClient } from '../../platform/platformClient.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';
import type { DeviceManager } from '../devices/deviceManager.js';
import type { Logger } from '../logger.js';
import { OutboxWriter } from '../outbox/outboxWriter.js';
import { CardTerminalPaymentProvider, localCardDate } from '../payments/cardTerminalPaymentProvider.js';
import { PaymentLedger } from '../payments/paymentLedger.js';
import { PaymentService, type PaymentPolicy } from '../payments/paymentService.js';
import { PlatformPaymentProvider } from '../payments/platformPaymentProvider.js';
import { fileVaultKey } from '../pii/fileVaultKey.js';
import { PiiVault } from '../pii/piiVault.js';
import type { VaultKeyProvider } from '../pii/vaultKeyProvider.js';
import type { StaffLogin } from '../staff/staffLogin.js';
import type { KioskStore } from '../store/openKioskStore.js';
import type { CitizenFlowServices } from './citizenFlowServices.js';
import { CitizenFlows } from './citizenFlows.js';
import { ENDORSEMENT_FLOW_KIND } from './endorsement/endorsementContext.js';
import { deviceIdentityPorts } from './endorsement/deviceIdentityPorts.js';
import { feeLookupFromConfig } from './endorsement/endorsementFees.js';
import { createEndorsementFlow } from './endorsement/endorsementFlow.js';
import { DEFAULT_ENDORSEMENT_OPTIONS, type EndorsementFlowOptions } from './endorsement/endorsementOptions.js';
import { purgeEndorsementPiiWhenFinished } from './endorsement/endorsementPiiPurge.js';
import { PaymentCodeTokens } from './endorsement/paymentCodeTokens.js';
import { createReceiptPort } from './endorsement/receiptPort.js';
import { FlowEngine } from './flowEngine.js';
import { FlowRepository } from './flowRepository.js';
import { PROPERTY_FLOW_KIND } from './property/propertyContext.js';
import { propertyFeesFromConfig } from './property/propertyFees.js';
import { createPropertyFlow } from './property/propertyFlow.js';
import { propertyOptions, type PropertyFlowOptions } from './property/propertyOptions.js';
import { purgeCasePiiWhenFinished } from './shared/piiPurge.js';

/** Identity data is kept at most this long, even for a case that never synced. */
const PII_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** The platform's endorsement fee codes and the config's (config/terminal.sample.json). */
const PLATFORM_FEE_CODES: Readonly<Record<string, string>> = {
  'endorsement-single': 'once',
  'endorsement-double': 'twice',
  'endorsement-multiple-1y': 'multi-1y',
};

export interface CitizenFlowsRuntime {
  flows: CitizenFlows;
  installed: ReadonlySet<ServiceKind>;
  engine: FlowEngine<CitizenFlowServices>;
  payments: PaymentService;
  /** The newest flow still under way after the restart that built these, and when it last moved before it (null: none). */
  interruptedVisit: { flowId: string; lastMovedAt: number } | null;
  dispose(): void;
}

/**
 * Builds the citizen flows on the runtime's services: the exit-entry endorsement and the
 * real-estate transfer, each for an enabled service of its kind. Both need the platform and
 * the devices every flow uses (ID-card reader, payment-code scanner, card terminal, receipt
 * printer); the endorsement also needs the permit reader, the property transfer its fee table.
 * A flow that cannot run is left out, saying why, so the menu keeps its service off; null when
 * none can. Before it returns, every unfinished payment is settled and every unfinished flow
 * resumed: nobody new is served until the last citizen's money is accounted for.
 */
export async function createCitizenFlows(deps: {
  config: TerminalConfig;
  store: KioskStore;
  devices: DeviceManager;
  platform: PlatformClient;
  staffLogin: StaffLogin;
  audit: AuditSink;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  vaultKey?: VaultKeyProvider;
  /** Polling and retry timings of payments (default: the providers' documented rules). */
  paymentPolicy?: Partial<PaymentPolicy>;
  onChange: () => void;
}): Promise<CitizenFlowsRuntime | null> {
  const { config, store, devices, clock, logger } = deps;
  const deviceOf = (kind: string) => config.devices.find((d) => d.kind === kind)?.id;
  const ids = {
    idCardReaderId: deviceOf('id-card-reader'),
    scannerId: deviceOf('payment-code-scanner'),
    printerId: deviceOf('receipt-printer'),
    cardTerminalId: deviceOf('card-payment-terminal'),
  };
  const permitReaderId = deviceOf('permit-reader');
  const missing = Object.entries(ids).filter(([, id]) => id === undefined).map(([name]) => name);
  if (missing.length > 0) {
    logger.warn('citizen flows not installed', { missingDevices: missing });
    return null;
  }
  const paymentLimits = { paymentCodeMaxFen: config.payments.paymentCodeMaxFen, qrMaxFen: config.payments.qrMaxFen };

  // Which service starts which flow, and each flow's options from config.
  const serviceFlows = new Map<string, FlowKind>();
  const endorsementService = config.services.find((s) => s.kind === 'exit-entry-endorsement' && s.enabled);
  const endorsementOptions: EndorsementFlowOptions = { ...DEFAULT_ENDORSEMENT_OPTIONS, paymentLimits };
  if (endorsementService && permitReaderId !== undefined) serviceFlows.set(endorsementService.id, ENDORSEMENT_FLOW_KIND);
  else logger.warn('endorsement flow not installed', { service: endorsementService?.id ?? null, permitReader: permitReaderId ?? null });
  // The fee table of a switched-off service still serves a property flow a crash left unfinished.
  const propertyService = config.services.find((s) => s.kind === 'property-transfer' && s.enabled) ?? config.services.find((s) => s.kind === 'property-transfer');
  const propertyFees = propertyService ? propertyFeesFromConfig(propertyService.fees) : null;
  const propertyFlowOptions: PropertyFlowOptions | null = propertyFees?.ok ? propertyOptions(propertyFees.fees, { paymentLimits }) : null;
  if (propertyService?.enabled && propertyFlowOptions) serviceFlows.set(propertyService.id, PROPERTY_FLOW_KIND);
  else logger.warn('property-transfer flow not installed', { service: propertyService?.id ?? null, problem: propertyFees && !propertyFees.ok ? propertyFees.problem : null });
  if (serviceFlows.size === 0) return null;

  const vault = new PiiVault(store.db, deps.vaultKey ?? fileVaultKey(join(deps.dataDir, 'vault.key')), clock, PII_RETENTION_MS);
  vault.purgeExpired();
  const ledger = new PaymentLedger(store.db, clock);
  const tokens = new PaymentCodeTokens(clock);
  const outbox = new OutboxWriter(store.db, clock);
  const payments = new PaymentService({
    ledger,
    providers: {
      'payment-code': new PlatformPaymentProvider(deps.platform, 'payment-code'),
      qr: new PlatformPaymentProvider(deps.platform, 'qr'),
      'bank-card': new CardTerminalPaymentProvider(devices, ids.cardTerminalId!, () => localCardDate(clock.now())),
    },
    clock,
    audit: deps.audit,
    logger,
    // The QR window is the hall's choice (config); tests and scenarios may shorten it.
    policy: { qrWaitMs: config.payments.qrWaitSeconds * 1_000, ...deps.paymentPolicy },
    onChange: () => deps.onChange(),
  });
  const services: CitizenFlowServices = {
    ...deviceIdentityPorts({ devices, permitReaderId, idCardReaderId: ids.idCardReaderId!, scannerId: ids.scannerId!, tokens }),
    platform: deps.platform,
    payments,
    ledger,
    vault,
    receipts: createReceiptPort({ journal: store.printJournal, devices, audit: deps.audit, printerId: ids.printerId! }),
    outbox,
    fees: feeLookupFromConfig(endorsementService?.fees ?? [], PLATFORM_FEE_CODES),
    terminal: {
      terminalId: config.terminalId,
      hallName: config.hall.name,
      helpPhone: config.hall.helpPhone,
      trackingUrl: (caseNumber) => new URL(`track/${encodeURIComponent(caseNumber)}`, config.platform.baseUrl).toString(),
    },
    clock,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const timer = clock.setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
        function done() {
          clock.clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
      }),
  };
  const repository = new FlowRepository(store.db, clock);
  const engine = new FlowEngine<CitizenFlowServices>({ repository, clock, services, audit: deps.audit, logger, facts: outbox });
  // Registered whatever is on the menu: a flow of a service switched off since a crash still finishes.
  engine.register(createEndorsementFlow(endorsementOptions));
  engine.onChange(purgeEndorsementPiiWhenFinished(vault));
  if (propertyFlowOptions) {
    engine.register(createPropertyFlow(propertyFlowOptions));
    engine.onChange(purgeCasePiiWhenFinished(vault, PROPERTY_FLOW_KIND));
  }
  engine.onChange(() => deps.onChange());

  // Money first: settle what a crash left unclear, then pick every flow up where it was.
  const recovered = await payments.recover();
  // When each unfinished flow last moved, before resuming moves it: how long the citizen has been away.
  const lastMovedAt = new Map(repository.active().map((flow) => [flow.flowId, flow.updatedAt]));
  const resumed = engine.resumeAll();
  const newest = resumed.filter((flow) => flow.status === 'active').at(-1);
  // A QR code still payable is shown again by its flow; one no flow picked up is withdrawn now.
  const shownByFlows = new Set(resumed.filter((flow) => flow.status === 'active').map((flow) => flow.context.caseRef));
  const orphaned = recovered.awaitingPayer.filter((entry) => !shownByFlows.has(entry.caseId));
  for (const entry of orphaned) await payments.withdraw(entry.paymentId, 'payer-timeout');
  logger.info('citizen flows ready', {
    services: Object.fromEntries(serviceFlows),
    settledPayments: recovered.settled.length,
    paidAwaitingDelivery: recovered.paidAwaitingDelivery.length,
    qrCodesShownAgain: recovered.awaitingPayer.length - orphaned.length,
    qrCodesWithdrawn: orphaned.length,
    resumedFlows: resumed.length,
  });

  const installed = new Set<ServiceKind>([...serviceFlows.values()]);
  return {
    flows: new CitizenFlows({
      engine,
      vault,
      staffLogin: deps.staffLogin,
      tokens,
      audit: deps.audit,
      services: serviceFlows,
      endorsementOptions,
      propertyOptions: propertyFlowOptions,
    }),
    installed,
    engine,
    payments,
    interruptedVisit: newest ? { flowId: newest.flowId, lastMovedAt: lastMovedAt.get(newest.flowId) ?? newest.updatedAt } : null,
    dispose: () => {
      engine.dispose();
      tokens.clear();
    },
  };
}
