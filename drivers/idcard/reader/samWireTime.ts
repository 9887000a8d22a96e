/** UART 8N1 sends a start bit, 8 data bits and a stop bit per byte. */
export const BITS_PER_UART_BYTE = 10;

/** How long `byteCount` bytes take on the wire at `baudRate`: the floor no reply can beat. */
export function samWireTimeMs(byteCount: number, baudRate: number): number {
  return (byteCount * BITS_PER_UART_BYTE * 1000) / baudRate;
}
