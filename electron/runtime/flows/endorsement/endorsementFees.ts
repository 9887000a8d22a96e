import type { Fee } from '../../../../config/terminalConfigSchema.js';
import type { EndorsementFeeLookup } from './endorsementServices.js';

/**
 * The config fee table as the flow's fee port. The platform names its fee items by its own
 * codes (endorsement-single, …); `platformToConfig` says which config fee each one is (e.g.
 * { 'endorsement-single': 'once' }), and a code the config uses itself matches directly. An
 * option whose fee the config does not list is not offered: the terminal never charges an
 * amount it does not show in its own fee table. A zero fee is not offered either: this flow
 * always goes through payment, and the ledger takes positive amounts only.
 */
export function feeLookupFromConfig(fees: readonly Fee[], platformToConfig: Readonly<Record<string, string>> = {}): EndorsementFeeLookup {
  const byCode = new Map(fees.map((fee) => [fee.code, fee]));
  return {
    feeFor(option) {
      const fee = byCode.get(platformToConfig[option.feeCode] ?? option.feeCode);
      return fee && fee.amountFen > 0 ? { code: fee.code, amountFen: fee.amountFen, label: fee.label } : null;
    },
  };
}
