import type { Migration } from './migration.js';

/**
 * The platform's case number on each payment (null for payments made before it was kept, or
 * in a flow that has none yet): staff reconciling a day, and the platform's payment events,
 * name the case the way the platform does, not only by the terminal's flow reference.
 */
export const paymentCaseNumbers: Migration = {
  version: 10,
  name: 'payment case numbers',
  up: `
    ALTER TABLE payments ADD COLUMN case_number TEXT;
  `,
};
