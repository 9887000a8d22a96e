/**
 * What a permit reader's wire decoder reports. Every byte it was given ends up counted in
 * exactly one event's byteCount or is still pending, except the bytes each decoder documents
 * as dropped silently (for the text decoder: line terminators of empty lines).
 */
export type PermitWireEvent =
  /** The lines of one machine-readable zone, endings and surrounding spaces removed, not yet checked. */
  | { type: 'block'; lines: string[]; byteCount: number }
  /** A line that is not MRZ text (a vendor banner, "OK", garbage): skipped. */
  | { type: 'noise'; byteCount: number }
  | { type: 'error'; error: PermitWireError };

export type PermitWireError =
  /** No line ending within the longest line accepted; bytes dropped up to the next ending. */
  | { code: 'line-too-long'; byteCount: number }
  /** A read ended or the link dropped with a block or line half received. */
  | { code: 'abandoned'; byteCount: number };

/**
 * The plug-in point for reader wire formats. The generic serial-text mode (MrzTextLineDecoder)
 * is the first. The vendors' own protocols (文通/Wintone, 华视, 中安 …) are not public in the
 * research corpus; the one documented serial protocol found, the EST-100PR reader's (0x02 +
 * JSON with the MRZ lines + 0x03 CR LF, 256000 baud 8O1: coreui.cn/news/506297.html), would be
 * another implementation of this interface producing the same events, so the PermitReader does
 * not change (its odd parity would also need SerialTransport support, which is 8N1 only today).
 * Pure and incremental: never throws, whatever the bytes.
 */
export interface PermitWireDecoder {
  /** A name for the capabilities list: "serial-text". */
  readonly name: string;
  push(chunk: Uint8Array): PermitWireEvent[];
  /** The reader went quiet: whatever is pending is complete as far as it will ever be. */
  flush(): PermitWireEvent[];
  /** Drop whatever is pending (read cancelled, link lost); its bytes are reported, not kept. */
  abandon(): PermitWireEvent[];
  readonly pendingByteCount: number;
}
