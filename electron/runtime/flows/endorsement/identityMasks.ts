import { maskIdNumber } from '../../../../drivers/printer/receipts/maskIdNumber.js';

/**
 * Masks for what the flow keeps and prints. The flow context, the screens and the receipt see
 * only these; the whole values stay in the PII vault.
 */

/** C10000001 → C1*****01: the type letter and the last two, as the platform masks it. */
export function maskPermitNumber(permitNumber: string): string {
  const characters = [...permitNumber];
  if (characters.length <= 4) return '*'.repeat(characters.length);
  return characters.slice(0, 2).join('') + '*'.repeat(characters.length - 4) + characters.slice(-2).join('');
}

/** 440106199003070012 → 4401**********0012 (drivers' receipt mask: region prefix and last four). */
export function maskResidentIdNumber(idNumber: string): string {
  return maskIdNumber(idNumber);
}

/** Ten or more digits in a row is a card number or a payment code, never something to print. */
const LONG_DIGIT_RUN = /\d{10,}/g;

/**
 * A payer hint as the provider gave it (13**********6789, 622202******0123), made safe even
 * when a provider sends more than it should: any run of ten or more digits keeps its first two
 * and last four only.
 */
export function safePayerHint(hint: string): string {
  return hint.replace(LONG_DIGIT_RUN, (run) => run.slice(0, 2) + '*'.repeat(run.length - 6) + run.slice(-4));
}

/** Already masked values pass; a whole number that slipped through is masked here. */
export function ensureMaskedIdNumber(value: string): string {
  return value.includes('*') ? value : maskResidentIdNumber(value);
}

export function ensureMaskedPermitNumber(value: string): string {
  return value.includes('*') ? value : maskPermitNumber(value);
}
