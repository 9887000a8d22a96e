import { describe, expect, it } from 'vitest';
import { purgeEndorsementPiiWhenFinished } from '../../../../../electron/runtime/flows/endorsement/endorsementPiiPurge.js';
import type { FlowRecord } from '../../../../../electron/runtime/flows/flowRepository.js';

const flow = (overrides: Partial<FlowRecord>): FlowRecord => ({
  flowId: 'flow-1',
  kind: 'exit-entry-endorsement',
  step: 'done',
  status: 'completed',
  context: { caseRef: 'endo-1' },
  stepEnteredAt: 0,
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

describe('purgeEndorsementPiiWhenFinished', () => {
  it('purges the case when an endorsement flow ends, and only then', () => {
    const purged: string[] = [];
    const listener = purgeEndorsementPiiWhenFinished({ purgeCase: (caseId) => (purged.push(caseId), 1) });
    listener(flow({ status: 'active', step: 'choose' }));
    listener(flow({ kind: 'property-transfer', status: 'cancelled' }));
    listener(flow({ status: 'cancelled', context: {} }));
    expect(purged).toEqual([]);
    listener(flow({ status: 'handed-to-staff' }));
    expect(purged).toEqual(['endo-1']);
  });
});
