/** One thing wrong with a config layer, precise enough for a field engineer to fix it. */
export interface ConfigProblem {
  /** The file (or layer) the problem is in. */
  source: string;
  /** Dotted path of the field, e.g. "hall.helpPhone" or "services[1].fees[0].amountFen"; "" for the whole file. */
  field: string;
  problem: string;
}

export function formatConfigProblem(p: ConfigProblem): string {
  return p.field ? `${p.source}: ${p.field}: ${p.problem}` : `${p.source}: ${p.problem}`;
}
