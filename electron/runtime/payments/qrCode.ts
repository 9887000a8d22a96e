/**
 * A QR code (正扫) the terminal shows for the citizen's phone, as the payment service hands it
 * to the flow: what to draw and until when it may be paid. The platform says how long its code
 * is valid (WeChat Native and Alipay precreate: 2 h, research/payment.md §1.2); nobody stands
 * at a kiosk that long, so the terminal's own waiting window caps it.
 */
export interface QrToShow {
  /** The platform's payment link: an https URL that names an order, never the citizen. */
  content: string;
  /** Epoch ms: after this the code is withdrawn (reversed at the platform). */
  expiresAt: number;
}

/** The longest a payment link may be (the platform contract's limit for `qr.content`). */
export const QR_CONTENT_MAX_LENGTH = 512;

/** Printable ASCII without spaces: what a URL is when written out, and what QR byte mode carries without a charset. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Whether `content` may be shown: an https URL of at most 512 printable ASCII characters, no
 * user or password part. Anything else (another scheme, a bare string) is not something a
 * citizen's wallet should be pointed at from a government terminal.
 */
export function isShowableQrContent(content: string): boolean {
  if (content.length > QR_CONTENT_MAX_LENGTH || !PRINTABLE_ASCII.test(content)) return false;
  let url: URL;
  try {
    url = new URL(content);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
}

/**
 * Until when a code may be paid, on the terminal's clock: from when the order went out, the
 * terminal's waiting window or the platform's validity, whichever is shorter. The platform's
 * validity is a span, never its clock's instant, so a terminal whose clock is off still gives
 * the citizen the whole time. Without one, the window alone.
 */
export function qrDeadline(pendingSince: number, waitMs: number, platformValidForMs: number | undefined): number {
  const valid = platformValidForMs !== undefined && Number.isFinite(platformValidForMs) ? Math.max(0, platformValidForMs) : waitMs;
  return pendingSince + Math.min(waitMs, valid);
}
