// Prints the mean time to encode the sample endorsement receipt (target < 5 ms).
import { benchmarkSampleReceipt, SAMPLE_RECEIPT_ENCODE_TARGET_MS } from '../drivers/printer/receipts/benchmarkSampleReceipt.js';

const result = benchmarkSampleReceipt(1000);
const verdict = result.meanMs < SAMPLE_RECEIPT_ENCODE_TARGET_MS ? 'within target' : 'OVER TARGET';
console.log(
  `sample receipt encode: mean ${result.meanMs.toFixed(3)} ms over ${result.runs} runs (${result.bytes} bytes)  target < ${SAMPLE_RECEIPT_ENCODE_TARGET_MS} ms: ${verdict}`,
);
