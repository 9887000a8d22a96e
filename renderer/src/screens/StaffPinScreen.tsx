import { useState } from 'react';
import { MAX_PIN_LENGTH, MIN_PIN_LENGTH, PinKeypad } from '../components/PinKeypad.js';
import { PinDots } from '../components/PinDots.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { formatMinutesSeconds } from '../i18n/formatDateTime.js';
import { useKiosk } from '../state/kioskContext.js';
import { secondsUntil } from '../time/countdown.js';
import { useNow } from '../time/useNow.js';

interface StaffPinScreenProps {
  attemptsLeft: number;
  lockedUntil: number | null;
  lastResult: 'wrong-pin' | 'locked' | null;
}

export function StaffPinScreen({ attemptsLeft, lockedUntil, lastResult }: StaffPinScreenProps) {
  const { t, send, clockOffsetMs } = useKiosk();
  // The typed digits are the only state here; they never leave this component except on OK.
  const [digits, setDigits] = useState('');
  const now = useNow(500);
  const lockSecondsLeft = lockedUntil === null ? 0 : secondsUntil(lockedUntil, clockOffsetMs, now);
  const locked = lockSecondsLeft > 0;

  function submit() {
    if (digits.length < MIN_PIN_LENGTH || locked) return;
    send({ type: 'staff.submitPin', pin: digits });
    setDigits('');
  }

  return (
    <div className="screen staff-screen" data-testid="screen-staff-pin">
      <ScreenHeader title={t('pin.title')} />
      <main className="screen-body pin-body">
        <p className="pin-prompt">{t('pin.prompt')}</p>
        <PinDots length={digits.length} />
        <div className="pin-status">
          {locked ? (
            <p className="pin-message pin-message-error" data-testid="pin-locked" role="alert">
              {t('pin.locked', { time: formatMinutesSeconds(lockSecondsLeft) })}
            </p>
          ) : (
            lastResult === 'wrong-pin' && (
              <p className="pin-message pin-message-error" role="alert">
                {t('pin.wrong')}
              </p>
            )
          )}
          <p className="pin-message" data-testid="pin-attempts-left">
            {t('pin.attemptsLeft', { count: attemptsLeft })}
          </p>
        </div>
        <PinKeypad
          disabled={locked}
          onDigit={(digit) => setDigits((typed) => (typed.length < MAX_PIN_LENGTH ? typed + digit : typed))}
          onClear={() => setDigits('')}
          onBackspace={() => setDigits((typed) => typed.slice(0, -1))}
        />
        <div className="pin-actions">
          <button type="button" className="button button-secondary" data-testid="pin-cancel" onClick={() => send({ type: 'staff.cancelLogin' })}>
            {t('pin.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="pin-submit"
            disabled={locked || digits.length < MIN_PIN_LENGTH}
            onClick={submit}
          >
            {t('pin.ok')}
          </button>
        </div>
      </main>
    </div>
  );
}
