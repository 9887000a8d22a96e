import { describe, expect, it } from 'vitest';
import { createFaultPlan } from '../../platform-sim/faultPlan.js';

describe("the platform simulator's fault plan", () => {
  it('applies a fault to matching requests only, as many times as its count', () => {
    const plan = createFaultPlan();
    plan.add({ kind: 'server-error', path: '/v1/payment-orders/*', count: 2 });
    expect(plan.take('POST', '/v1/heartbeats')).toEqual([]);
    expect(plan.take('GET', '/v1/payment-orders/pay-1')).toMatchObject([{ kind: 'server-error', status: 503 }]);
    expect(plan.take('POST', '/v1/payment-orders/pay-1/reversal')).toHaveLength(1);
    expect(plan.take('GET', '/v1/payment-orders/pay-1')).toEqual([]);
    expect(plan.list()).toEqual([]);
  });

  it('scopes by method and keeps a fault without a count until cleared; several faults can apply at once', () => {
    const plan = createFaultPlan();
    plan.add({ kind: 'latency', latencyMs: 10, path: '*', count: null });
    plan.add({ kind: 'lose-response', path: '/v1/event-batches', method: 'POST' });
    expect(plan.take('GET', '/v1/event-batches').map((f) => f.kind)).toEqual(['latency']);
    expect(plan.take('POST', '/v1/event-batches').map((f) => f.kind)).toEqual(['latency', 'lose-response']);
    expect(plan.take('POST', '/v1/event-batches').map((f) => f.kind)).toEqual(['latency']);
    expect(plan.list()[0]).toMatchObject({ kind: 'latency', hits: 3, count: null });
    plan.clear();
    expect(plan.take('POST', '/v1/event-batches')).toEqual([]);
  });

  it('treats the pattern as a glob, not a regular expression', () => {
    const plan = createFaultPlan();
    plan.add({ kind: 'drop-connection', path: '/v1/config-bundles/latest', count: null });
    expect(plan.take('GET', '/v1/config-bundlesXlatest')).toEqual([]);
    expect(plan.take('GET', '/v1/config-bundles/latest')).toHaveLength(1);
  });

  it('refuses a fault it does not understand, saying why', () => {
    const plan = createFaultPlan();
    expect(plan.add({ kind: 'earthquake', path: '*' })).toMatchObject({ ok: false });
    const noLatency = plan.add({ kind: 'latency', path: '*' });
    expect(noLatency.ok ? '' : noLatency.problem).toMatch(/latencyMs/);
    expect(plan.add({ kind: 'server-error', status: 404 })).toMatchObject({ ok: false });
    expect(plan.add({ kind: 'slow-body', count: 0 })).toMatchObject({ ok: false });
  });
});
