/** Fees are integer fen everywhere; '￥' (U+FFE5, GBK A3A4) because '¥' U+00A5 is not in GBK (research §8). */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fee must be an integer number of fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  return `${sign}￥${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
