import { join } from 'node:path';
import type { ServiceKind, TerminalConfig } from '../../../config/terminalConfigSchema.js';
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
import { CitizenFlows } from './citizenFlows.js';
import { deviceIdentityPorts } from './endorsement/deviceIdentityPorts.js';
import { feeLookupFromConfig } from './endorsement/endorsementFees.js';
import { createEndorsementFlow } from './endorsement/endorsementFlow.js';
import { purgeEndorsementPiiWhenFinished } from './endorsement/endorsementPiiPurge.js';
import type { EndorsementServices } from './endorsement/endorsementServices.js';
import { PaymentCodeTokens } from './endorsement/paymentCodeTokens.js';
import { createReceiptPort } from './endorsement/receiptPort.js';
import { FlowEngine } from './flowEngine.js';
import { FlowRepository } from './flowRepository.js';

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
  engine: FlowEngine<EndorsementServices>;
  payments: PaymentService;
  dispose(): void;
}

/**
 * Builds the citizen flows on the runtime's services: the exit-entry endorsement today. Needs
 * the platform (eligibility, approval, payment orders, issuing) and the devices the flow uses;
 * returns null, saying why, when one is missing, so the menu keeps the service off. Before it
 * returns, every unfinished payment is settled and every unfinished flow resumed: nobody new is
 * served until the last citizen's money is accounted for.
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
    permitReaderId: deviceOf('permit-reader'),
    idCardReaderId: deviceOf('id-card-reader'),
    scannerId: deviceOf('payment-code-scanner'),
    printerId: deviceOf('receipt-printer'),
    cardTerminalId: deviceOf('card-payment-terminal'),
  };
  const service = config.services.find((s) => s.kind === 'exit-entry-endorsement' && s.enabled);
  const missing = Object.entries(ids).filter(([, id]) => id === undefined).map(([name]) => name);
  if (!service || missing.length > 0) {
    logger.warn('endorsement flow not installed', { service: service?.id ?? null, missingDevices: missing });
    return null;
  }

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
    ...(deps.paymentPolicy ? { policy: deps.paymentPolicy } : {}),
    onChange: () => deps.onChange(),
  });
  const services: EndorsementServices = {
    ...deviceIdentityPorts({ devices, permitReaderId: ids.permitReaderId!, idCardReaderId: ids.idCardReaderId!, scannerId: ids.scannerId!, tokens }),
    platform: deps.platform,
    payments,
    ledger,
    vault,
    receipts: createReceiptPort({ journal: store.printJournal, devices, audit: deps.audit, printerId: ids.printerId! }),
    outbox,
    fees: feeLookupFromConfig(service.fees, PLATFORM_FEE_CODES),
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
  const engine = new FlowEngine<EndorsementServices>({ repository: new FlowRepository(store.db, clock), clock, services, audit: deps.audit, logger });
  engine.register(createEndorsementFlow());
  engine.onChange(purgeEndorsementPiiWhenFinished(vault));
  engine.onChange(() => deps.onChange());

  // Money first: settle what a crash left unclear, then pick every flow up where it was.
  const recovered = await payments.recover();
  const resumed = engine.resumeAll();
  logger.info('citizen flows ready', { settledPayments: recovered.settled.length, paidAwaitingDelivery: recovered.paidAwaitingDelivery.length, resumedFlows: resumed.length });

  return {
    flows: new CitizenFlows({ engine, vault, staffLogin: deps.staffLogin, tokens, audit: deps.audit }),
    installed: new Set<ServiceKind>(['exit-entry-endorsement']),
    engine,
    payments,
    dispose: () => {
      engine.dispose();
      tokens.clear();
    },
  };
}
