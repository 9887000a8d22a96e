import type { MrzError } from './mrzError.js';
import type { MrzLayout, PermitMrz } from './permitMrz.js';

/** Every MRZ, however garbled, gives one of these; the parser never throws. */
export type MrzParseResult =
  | { ok: true; mrz: PermitMrz }
  /** `layout` is the layout the lines were read as, or null when the line count fits none. */
  | { ok: false; errors: MrzError[]; layout: MrzLayout | null };
