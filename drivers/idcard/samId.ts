/** Reply data of 12 FF: the SAM's management number, 16 bytes (research §2). */
export const SAM_ID_BYTES = 16;

/**
 * Two u16 and three u32, all little-endian, shown as "05.01-20101010-0000000001-1234567890"
 * (tovasLuo cmd_readsamv, SAMSerial.cs ExtractSafeModuleNumber). Null for data of another size.
 */
export function formatSamId(data: Uint8Array): string | null {
  if (data.length !== SAM_ID_BYTES) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return [
    `${pad(view.getUint16(0, true), 2)}.${pad(view.getUint16(2, true), 2)}`,
    pad(view.getUint32(4, true), 8),
    pad(view.getUint32(8, true), 10),
    pad(view.getUint32(12, true), 10),
  ].join('-');
}
