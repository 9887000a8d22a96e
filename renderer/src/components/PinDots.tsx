import { MAX_PIN_LENGTH, MIN_PIN_LENGTH } from './PinKeypad.js';

/** One filled dot per digit typed; the digits themselves are never shown. */
export function PinDots({ length }: { length: number }) {
  const dotCount = Math.min(Math.max(MIN_PIN_LENGTH, length), MAX_PIN_LENGTH);
  return (
    <div className="pin-dots" aria-hidden="true">
      {Array.from({ length: dotCount }, (_, index) => (
        <span key={index} className={index < length ? 'pin-dot pin-dot-filled' : 'pin-dot'} />
      ))}
    </div>
  );
}
