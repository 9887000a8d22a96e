import { z } from 'zod';

/**
 * Faults the simulator injects on command, each scoped to a path pattern (glob: `*` matches
 * anything, including `/`), optionally a method, and a number of matching requests:
 *
 * - latency: wait latencyMs before handling.
 * - server-error: answer `status` (default 503) with the error shape, without doing the work.
 * - drop-connection: close the connection once the request has arrived, without doing the work.
 * - lose-response: do the work (committed), then close the connection without an answer.
 * - slow-body: do the work, then send the answer at bytesPerSecond.
 * - clock-skew: the platform's clock is off by skewMs for these requests (timestamps checked
 *   against it; serverTime in answers shows it).
 *
 * Only contract operations are affected, never /sim/ (the control channel of the tests).
 */

export const faultSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('latency'), latencyMs: z.number().int().min(0).max(600_000) }),
  z.strictObject({ kind: z.literal('server-error'), status: z.number().int().min(500).max(599).default(503) }),
  z.strictObject({ kind: z.literal('drop-connection') }),
  z.strictObject({ kind: z.literal('lose-response') }),
  z.strictObject({ kind: z.literal('slow-body'), bytesPerSecond: z.number().int().min(1).max(10_000_000).default(64) }),
  z.strictObject({ kind: z.literal('clock-skew'), skewMs: z.number().int().min(-86_400_000).max(86_400_000) }),
]);

const scopeSchema = z.strictObject({
  path: z.string().min(1).default('*'),
  method: z.enum(['GET', 'POST']).optional(),
  /** Matching requests to affect; null: until cleared. */
  count: z.number().int().min(1).nullable().default(1),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type FaultInput = z.input<typeof faultSpecSchema> & z.input<typeof scopeSchema>;
export type FaultDefinition = FaultSpec & z.infer<typeof scopeSchema>;
export type Fault = FaultDefinition & { faultId: string; hits: number };

export function parseFault(input: unknown): { ok: true; fault: FaultDefinition } | { ok: false; problem: string } {
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const { path, method, count, ...rest } = record;
  const scope = scopeSchema.safeParse({ path, method, count });
  const spec = faultSpecSchema.safeParse(rest);
  if (!scope.success) return { ok: false, problem: z.prettifyError(scope.error) };
  if (!spec.success) return { ok: false, problem: z.prettifyError(spec.error) };
  return { ok: true, fault: { ...spec.data, ...scope.data } };
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

export interface FaultPlan {
  add(input: FaultInput | unknown): { ok: true; fault: Fault } | { ok: false; problem: string };
  /** The faults that apply to this request; each one's count is used up by it. */
  take(method: string, pathname: string): Fault[];
  list(): Fault[];
  clear(): void;
}

export function createFaultPlan(): FaultPlan {
  let faults: (Fault & { pattern: RegExp })[] = [];
  let sequence = 0;
  return {
    add(input) {
      const parsed = parseFault(input);
      if (!parsed.ok) return parsed;
      sequence += 1;
      const fault: Fault = { ...parsed.fault, faultId: `fault-${sequence}`, hits: 0 };
      faults.push({ ...fault, pattern: globToRegExp(fault.path) });
      return { ok: true, fault };
    },
    take(method, pathname) {
      const applied: Fault[] = [];
      for (const fault of faults) {
        if (fault.method !== undefined && fault.method !== method) continue;
        if (!fault.pattern.test(pathname)) continue;
        fault.hits += 1;
        if (fault.count !== null) fault.count -= 1;
        const { pattern: _pattern, ...plain } = fault;
        applied.push(plain);
      }
      faults = faults.filter((f) => f.count === null || f.count > 0);
      return applied;
    },
    list() {
      return faults.map(({ pattern: _pattern, ...plain }) => plain);
    },
    clear() {
      faults = [];
    },
  };
}
