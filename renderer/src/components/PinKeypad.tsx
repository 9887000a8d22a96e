import { useKiosk } from '../state/kioskContext.js';

/** The contract accepts 4-12 digits. */
export const MIN_PIN_LENGTH = 4;
export const MAX_PIN_LENGTH = 12;

const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

interface PinKeypadProps {
  disabled: boolean;
  onDigit(digit: string): void;
  onClear(): void;
  onBackspace(): void;
}

export function PinKeypad({ disabled, onDigit, onClear, onBackspace }: PinKeypadProps) {
  const { t } = useKiosk();
  const digitKey = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="pin-key"
      data-testid={`pin-key-${digit}`}
      disabled={disabled}
      onClick={() => onDigit(digit)}
    >
      {digit}
    </button>
  );
  return (
    <div className="pin-keypad">
      {DIGIT_ROWS.flat().map(digitKey)}
      <button type="button" className="pin-key pin-key-action" data-testid="pin-clear" disabled={disabled} onClick={onClear}>
        {t('pin.clear')}
      </button>
      {digitKey('0')}
      <button
        type="button"
        className="pin-key pin-key-action"
        data-testid="pin-backspace"
        aria-label={t('pin.backspace')}
        disabled={disabled}
        onClick={onBackspace}
      >
        ⌫
      </button>
    </div>
  );
}
