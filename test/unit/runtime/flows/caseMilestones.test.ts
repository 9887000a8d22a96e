import { describe, expect, it } from 'vitest';
import { loadPlatformContract } from '../../../../electron/platform/platformContract.js';
import { endorsementCaseEvent } from '../../../../electron/runtime/flows/endorsement/endorsementCaseEvents.js';
import type { EndorsementContext } from '../../../../electron/runtime/flows/endorsement/endorsementContext.js';
import type { PropertyContext } from '../../../../electron/runtime/flows/property/propertyContext.js';
import { propertyCaseEvent } from '../../../../electron/runtime/flows/property/propertyCaseEvents.js';

const contract = loadPlatformContract();
const numbered = { caseNumber: 'CJ2026110000001' } as EndorsementContext;
const property = { propertyCase: { caseNumber: 'BDC2026000101' }, missingPartyIds: ['B1', 'B2'] } as unknown as PropertyContext;

describe('endorsement milestones', () => {
  it.each([
    ['approval', 'choose-payment', 'approved'],
    ['approval', 'refused', 'refused'],
    ['charge', 'issue', 'paid'],
    ['settle-payment', 'issue', 'paid'],
    ['issue', 'refund', 'issue-failed'],
    ['issue', 'hand-off', 'issue-failed'],
    ['record-rating', 'done', 'completed'],
    ['rate', 'done-refunded', 'refunded'],
    ['rate', 'staff-handoff', 'handed-to-staff'],
    ['choose-payment', 'cancelled', 'cancelled'],
  ])('%s → %s is %s, a payload the contract accepts', (from, to, status) => {
    const fact = endorsementCaseEvent(from, to, numbered);
    expect(fact?.status).toBe(status);
    expect(contract.checkSchema('CaseEventPayload', { ...fact, service: 'exit-entry-endorsement' })).toEqual([]);
  });

  it('is issued only when the issue succeeded, and says nothing before the platform numbers the case or between milestones', () => {
    expect(endorsementCaseEvent('issue', 'print-receipt', { ...numbered, outcome: 'issued' })?.status).toBe('issued');
    expect(endorsementCaseEvent('issue', 'print-receipt', numbered)).toBeNull();
    expect(endorsementCaseEvent('read-permit', 'cancelled', {} as EndorsementContext)).toBeNull();
    expect(endorsementCaseEvent('choose-payment', 'scan-code', numbered)).toBeNull();
    expect(endorsementCaseEvent('choose-payment', 'choose-payment', numbered)).toBeNull();
  });
});

describe('property transfer milestones', () => {
  it.each([
    ['review-case', 'insert-id-card', 'started'],
    ['review-case', 'refused', 'refused'],
    ['sign', 'parties-missing', 'cancelled'],
    ['charge', 'submit', 'paid'],
    ['submit', 'delivery-options', 'accepted'],
    ['submit', 'refund', 'refused'],
    ['record-rating', 'done', 'completed'],
    ['rate', 'done-refunded', 'refunded'],
    ['rate', 'staff-handoff', 'handed-to-staff'],
  ])('%s → %s is %s, a payload the contract accepts', (from, to, status) => {
    const fact = propertyCaseEvent(from, to, property);
    expect(fact?.status).toBe(status);
    expect(contract.checkSchema('CaseEventPayload', { ...fact, service: 'property-transfer' })).toEqual([]);
  });

  it('names who was missing, and says nothing before a case is found', () => {
    expect(propertyCaseEvent('sign', 'parties-missing', property)?.detail).toBe('parties missing: B1, B2');
    expect(propertyCaseEvent('lookup-case', 'find-case', {} as PropertyContext)).toBeNull();
    expect(propertyCaseEvent('insert-id-card', 'capture-face', property)).toBeNull();
  });
});
