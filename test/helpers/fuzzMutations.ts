/**
 * Mutates a byte sequence in place the way a noisy line does, for the decoders' fuzz tests:
 * `rounds` random mutations, each one of: flip a bit, truncate, duplicate a stretch in place,
 * insert the protocol's sync/framing bytes, lose bytes, insert line noise. `int(n)` is the
 * test's seeded integer source, so a failing input can be replayed.
 */
export function applyFuzzMutations(
  bytes: number[],
  int: (n: number) => number,
  options: { rounds: number; syncBytes: readonly number[]; maxDuplicate: number },
): void {
  for (let m = int(options.rounds); m > 0; m--) {
    const at = int(bytes.length + 1);
    switch (int(6)) {
      case 0: // flip one bit
        if (at < bytes.length) bytes[at]! ^= 1 << int(8);
        break;
      case 1: // truncate
        bytes.length = Math.min(bytes.length, at);
        break;
      case 2: {
        // duplicate a stretch in place
        const from = int(bytes.length + 1);
        bytes.splice(at, 0, ...bytes.slice(from, from + 1 + int(options.maxDuplicate)));
        break;
      }
      case 3: // insert sync/framing bytes, so the decoder meets a false start
        bytes.splice(at, 0, ...Array.from({ length: 1 + int(3) }, () => options.syncBytes[int(options.syncBytes.length)]!));
        break;
      case 4: // lose bytes
        bytes.splice(at, 1 + int(6));
        break;
      case 5: // line noise
        bytes.splice(at, 0, ...Array.from({ length: 1 + int(6) }, () => int(256)));
        break;
    }
  }
}
