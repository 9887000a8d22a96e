import { encode } from 'uqr';

/**
 * A QR code for the payment screen as SVG data: the side in modules (quiet zone included) and
 * one path of the dark modules. Error correction M (15 %) survives glare and a smudged screen
 * while keeping the modules of a ~60-character link large; the quiet zone is the 4 modules
 * ISO/IEC 18004 asks for, so phones find the code against any background.
 */
export interface QrSvg {
  /** Modules per side, quiet zone included: the SVG's viewBox is 0 0 size size. */
  size: number;
  /** The dark modules, row by row, as runs of `M x y h n v 1 h -n z`. */
  path: string;
}

export const QR_QUIET_ZONE_MODULES = 4;

export function qrCodeSvg(content: string): QrSvg {
  const { data, size } = encode(content, { ecc: 'M', border: QR_QUIET_ZONE_MODULES });
  const runs: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      runs.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  });
  return { size, path: runs.join('') };
}

