/**
 * HID-POS (usage page 0x8C) input reports of the two incompatible vendor layouts
 * (research/payment.md §2.2; Newland NLS-FM420 guide p.47, Access-IS LSR118 manual,
 * NielsLeenheer/WebHidBarcodeScanner). Offsets include the report-id byte, as node-hid
 * delivers it on numbered reports; every report is 64 bytes.
 *
 * | byte  | Newland / ID TECH            | Honeywell / Access-IS              |
 * |-------|------------------------------|------------------------------------|
 * | 0     | report id 0x02               | report id 0x02                     |
 * | 1     | data length                  | data length (AIM not counted)      |
 * | 2…    | data, bytes 2–57             | AIM `]`+2 chars at 2–4, data 5–60  |
 * | 61    | reserved                     | Honeywell code id                  |
 * | 62    | Newland symbology id         | reserved                           |
 * | 63    | bit 0 = more reports follow  | 0x01 = more follow, 0x00 = last    |
 *
 * Choices where the sources are silent: the AIM of a continued Honeywell code is taken from its
 * first report; a length beyond the data field rejects the report (the research's driver rule).
 */
export type HidPosVendor = 'honeywell' | 'newland';

export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_REPORT_BYTES = 64;
export const HID_POS_DATA_CAPACITY = 56;

interface Layout {
  dataOffset: number;
  symbologyOffset: number;
  hasAim: boolean;
}

const LAYOUTS: Record<HidPosVendor, Layout> = {
  newland: { dataOffset: 2, symbologyOffset: 62, hasAim: false },
  honeywell: { dataOffset: 5, symbologyOffset: 61, hasAim: true },
};

const CONTINUATION_OFFSET = 63;

export interface HidPosSegment {
  data: Uint8Array;
  continued: boolean;
  aim?: string;
  vendorSymbology: number;
}

export type HidPosReportParse = { ok: true; segment: HidPosSegment } | { ok: false; reason: 'unexpected-report-id' | 'length-exceeds-payload' | 'short-report' };

/** Reads one whole report; the caller has already aligned it to a report boundary. */
export function parseHidPosReport(report: Uint8Array, vendor: HidPosVendor): HidPosReportParse {
  if (report.length < HID_POS_REPORT_BYTES) return { ok: false, reason: 'short-report' };
  if (report[0] !== HID_POS_REPORT_ID) return { ok: false, reason: 'unexpected-report-id' };
  const layout = LAYOUTS[vendor];
  const length = report[1] ?? 0;
  if (length > HID_POS_DATA_CAPACITY) return { ok: false, reason: 'length-exceeds-payload' };
  const flag = report[CONTINUATION_OFFSET] ?? 0;
  const segment: HidPosSegment = {
    data: report.slice(layout.dataOffset, layout.dataOffset + length),
    // Newland defines only bit 0; Honeywell uses the whole byte as 0/1, so bit 0 serves both.
    continued: (flag & 0x01) === 1,
    vendorSymbology: report[layout.symbologyOffset] ?? 0,
  };
  if (layout.hasAim) segment.aim = String.fromCharCode(report[2] ?? 0, report[3] ?? 0, report[4] ?? 0);
  return { ok: true, segment };
}

/** The reports a scanner of this vendor sends for `data`: what the simulator puts on the wire. */
export function encodeHidPosReports(data: Uint8Array, vendor: HidPosVendor, options: { aim?: string; vendorSymbology?: number } = {}): Uint8Array[] {
  const layout = LAYOUTS[vendor];
  const aim = options.aim ?? ']Q1';
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const piece = data.subarray(offset, offset + HID_POS_DATA_CAPACITY);
    offset += piece.length;
    const report = new Uint8Array(HID_POS_REPORT_BYTES);
    report[0] = HID_POS_REPORT_ID;
    report[1] = piece.length;
    if (layout.hasAim) for (let i = 0; i < 3; i++) report[2 + i] = aim.charCodeAt(i) & 0xff;
    report.set(piece, layout.dataOffset);
    report[layout.symbologyOffset] = options.vendorSymbology ?? 0;
    report[CONTINUATION_OFFSET] = offset < data.length ? 0x01 : 0x00;
    reports.push(report);
  } while (offset < data.length);
  return reports;
}
