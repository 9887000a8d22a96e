/** Formats an amount in fen (分) as "¥1,234.50"; integer arithmetic, so no float rounding. */
export function formatFen(amountFen: number): string {
  if (!Number.isInteger(amountFen)) throw new RangeError(`amount must be whole fen, got ${amountFen}`);
  const sign = amountFen < 0 ? '-' : '';
  const absolute = Math.abs(amountFen);
  const yuan = Math.floor(absolute / 100);
  const fen = absolute % 100;
  const groupedYuan = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}\u00A5${groupedYuan}.${String(fen).padStart(2, '0')}`;
}
