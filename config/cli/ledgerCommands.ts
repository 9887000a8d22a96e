import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadTerminalCredential } from '../../electron/platform/loadTerminalCredential.js';
import { createPlatformClient, type PlatformClient } from '../../electron/platform/platformClient.js';
import { systemClock } from '../../electron/runtime/clock.js';
import { createDriverDeviceManager } from '../../electron/runtime/devices/createDriverDeviceManager.js';
import type { DeviceManager } from '../../electron/runtime/devices/deviceManager.js';
import { silentLogger } from '../../electron/runtime/logger.js';
import { CardTerminalPaymentProvider, localCardDate } from '../../electron/runtime/payments/cardTerminalPaymentProvider.js';
import { PaymentLedger, type PaymentEntry } from '../../electron/runtime/payments/paymentLedger.js';
import { PaymentService } from '../../electron/runtime/payments/paymentService.js';
import { isChargeKept } from '../../electron/runtime/payments/paymentState.js';
import { reconcileLedger, type ReconciledEntry, type LedgerDifference } from '../../electron/runtime/payments/ledgerReconciliation.js';
import { PlatformPaymentProvider } from '../../electron/runtime/payments/platformPaymentProvider.js';
import { openKioskStore } from '../../electron/runtime/store/openKioskStore.js';
import { loadTerminalConfig } from '../loadTerminalConfig.js';
import type { CliContext } from './cliContext.js';

interface LedgerCheckOptions {
  dataDir?: string;
  platform?: string;
  config?: string;
}

/**
 * `kioskctl ledger check`: settles what it can (recovery, the same as at kiosk start-up) and
 * checks the two promises of the ledger — nobody charged twice for a case, nothing paid left
 * without delivery, refund or a staff hand-off — then compares with the platform's payment
 * orders when it can reach the platform. Prints a JSON summary; exit 1 when a promise is broken.
 */
export function registerLedgerCommands(program: Command, context: CliContext): void {
  const ledger = program.command('ledger').description('the payments ledger of a terminal');
  ledger
    .command('check')
    .description('run payment recovery and reconciliation on a data directory and print a JSON summary by state')
    .option('--data-dir <DIR>', 'the terminal data directory (default: the one the kiosk uses)')
    .option('--platform <URL>', 'platform to query and reconcile with (default: the config\'s platform.baseUrl)')
    .option('--config <FILE>', 'terminal config (default: the file the kiosk would load)')
    .addHelpText('after', '\nStop the kiosk first: recovery talks to the payment devices and the platform as the kiosk would.\nExit status 1 when a case was charged twice or a payment is paid without delivery, refund or hand-off.')
    .action(async (options: LedgerCheckOptions) => {
      const dataDir = options.dataDir ?? context.defaultDataDir();
      const file = join(dataDir, 'kiosk.db');
      if (!existsSync(file)) {
        context.err(`no terminal database at ${file}\n`);
        context.setExitCode(1);
        return;
      }
      const store = openKioskStore({ file, clock: systemClock, logger: silentLogger });
      const loaded = loadTerminalConfig(options.config ?? context.defaultConfigFile(dataDir));
      let platform: PlatformClient | null = null;
      let devices: DeviceManager | null = null;
      const notes: string[] = [];
      try {
        const ledgerRepo = new PaymentLedger(store.db, systemClock);
        if (loaded.ok) {
          const credential = loaded.config.platform.credential ? loadTerminalCredential(loaded.config.platform.credential) : null;
          if (credential?.ok) {
            platform = createPlatformClient({ baseUrl: options.platform ?? loaded.config.platform.baseUrl, credential: credential.credential, timeoutMs: 10_000 });
          } else notes.push(credential ? credential.problem.message.en : 'no platform credential configured: code and QR payments were not queried');
          const cardTerminal = loaded.config.devices.find((d) => d.kind === 'card-payment-terminal');
          if (cardTerminal) devices = (await createDriverDeviceManager([cardTerminal], systemClock, silentLogger)).manager;
        } else notes.push('the terminal config is invalid: nothing was queried');

        let recovery = { settled: 0, paidAwaitingDelivery: 0 };
        if (platform && devices) {
          const cardId = loaded.ok ? loaded.config.devices.find((d) => d.kind === 'card-payment-terminal')!.id : '';
          const payments = new PaymentService({
            ledger: ledgerRepo,
            providers: {
              'payment-code': new PlatformPaymentProvider(platform, 'payment-code'),
              qr: new PlatformPaymentProvider(platform, 'qr'),
              'bank-card': new CardTerminalPaymentProvider(devices, cardId, () => localCardDate(Date.now())),
            },
            clock: systemClock,
            audit: store.audit,
            logger: silentLogger,
          });
          const result = await payments.recover();
          recovery = { settled: result.settled.length, paidAwaitingDelivery: result.paidAwaitingDelivery.length };
        } else notes.push('recovery skipped (needs the platform and the card terminal): states are as recorded');

        const entries = ledgerRepo.createdBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
        const chargedTwice = chargedTwiceCases(entries);
        const paidUndelivered = entries.filter((e) => e.state === 'paid').map((e) => e.paymentId);
        const compared = platform ? await compareWithPlatform(platform, entries, systemClock.now()) : null;
        if (compared && 'problem' in compared) notes.push(`the platform did not list its payment orders (${compared.problem}): not reconciled`);
        const platformMismatches = compared && 'mismatches' in compared ? compared.mismatches : null;
        const summary = {
          ok: chargedTwice.length === 0 && paidUndelivered.length === 0,
          byState: ledgerRepo.summary(),
          recovery,
          chargedTwice,
          paidWithoutDeliveryRefundOrHandOff: paidUndelivered,
          unfinished: ledgerRepo.unfinished().map((e) => ({ paymentId: e.paymentId, state: e.state })),
          platformMismatches,
          platformDifferences: compared && 'differences' in compared ? compared.differences : null,
          notes,
        };
        context.out(`${JSON.stringify(summary, null, 2)}\n`);
        if (!summary.ok) context.setExitCode(1);
      } finally {
        platform?.close();
        await devices?.close();
        store.close();
      }
    });
}

/** Cases with more than one payment whose money was kept. */
function chargedTwiceCases(entries: ReadonlyArray<Pick<PaymentEntry, 'caseId' | 'state'>>): string[] {
  const kept = new Map<string, number>();
  for (const e of entries) if (isChargeKept(e.state)) kept.set(e.caseId, (kept.get(e.caseId) ?? 0) + 1);
  return [...kept].filter(([, n]) => n > 1).map(([caseId]) => caseId);
}

/** Orders are listed from this long before the first ledger entry: an order the ledger lost is still found. */
const ORDERS_BEFORE_LEDGER_MS = 7 * 24 * 3_600_000;
/** …and to this long after now (the platform's clock may run ahead of the terminal's). */
const ORDERS_AFTER_NOW_MS = 3_600_000;

/**
 * The ledger against every platform order since the first entry (the same comparison as the
 * kiosk's daily reconciliation, over the whole ledger): `mismatches` keeps the fields this
 * command always printed, `differences` adds the kind and the amounts. A problem instead when
 * the platform did not list its orders.
 */
async function compareWithPlatform(
  platform: PlatformClient,
  entries: readonly ReconciledEntry[],
  now: number,
): Promise<{ mismatches: Array<{ paymentId: string; ledger: string; platform: string }>; differences: LedgerDifference[] } | { problem: string }> {
  const first = entries.reduce((min, e) => Math.min(min, e.createdAt), now);
  const listed = await platform.listPaymentOrders({
    from: new Date(first - ORDERS_BEFORE_LEDGER_MS).toISOString(),
    to: new Date(now + ORDERS_AFTER_NOW_MS).toISOString(),
  });
  if (listed.kind !== 'ok') return { problem: listed.kind === 'rejected' ? `${listed.status} ${listed.error.code}` : `${listed.kind} ${listed.reason}` };
  const { differences } = reconcileLedger({ entries, orders: listed.value.orders });
  return { mismatches: differences.map((d) => ({ paymentId: d.paymentId, ledger: d.ledgerState, platform: d.platformState })), differences };
}
