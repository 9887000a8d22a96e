import { buildEndorsementReceipt, SAMPLE_ENDORSEMENT_RECEIPT_DATA } from './sampleEndorsementReceipt.js';
import { encodeReceiptDocument } from './encodeReceiptDocument.js';

/** Target from issue 3: encoding the sample receipt takes under 5 ms. */
export const SAMPLE_RECEIPT_ENCODE_TARGET_MS = 5;

export interface SampleReceiptBenchmark {
  runs: number;
  meanMs: number;
  bytes: number;
}

/** Mean time to lay out and encode the sample receipt, after a few warm-up runs; for `npm run bench`. */
export function benchmarkSampleReceipt(runs = 1000): SampleReceiptBenchmark {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
  const encodeOnce = () => encodeReceiptDocument(buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA));
  let bytes = 0;
  for (let i = 0; i < 10; i++) encodeOnce();
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const result = encodeOnce();
    if (!result.ok) throw new Error('the sample receipt no longer encodes');
    bytes = result.bytes.length;
  }
  return { runs, meanMs: (performance.now() - started) / runs, bytes };
}
