import { isIdNumberCheckDigitValid } from '../idNumberCheckDigit.js';
import type { IdentityCard } from './identityCard.js';

/** The 2017 number's internal check digit is unverified (research §5), so only its shape is checked. */
const FOREIGNER_2017_NUMBER = /^[A-Z]{3}\d{12}$/;

/** Whether the card's number is well-formed: the GB 11643 check digit where the card type uses it. */
export function isCardNumberValid(card: IdentityCard): boolean {
  switch (card.type) {
    case 'resident':
    case 'residence-permit':
      return isIdNumberCheckDigitValid(card.idNumber);
    case 'foreigner-2023':
      return card.idNumber.startsWith('9') && isIdNumberCheckDigitValid(card.idNumber);
    case 'foreigner-2017':
      return FOREIGNER_2017_NUMBER.test(card.idNumber);
  }
}
