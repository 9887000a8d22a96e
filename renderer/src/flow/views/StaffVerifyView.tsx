import { useState, type ReactNode } from 'react';
import { MAX_PIN_LENGTH, MIN_PIN_LENGTH, PinKeypad } from '../../components/PinKeypad.js';
import { PinDots } from '../../components/PinDots.js';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';

/** Staff-assisted verification: a member of staff types the maintenance PIN on the citizen's screen. */
export function StaffVerifyView({ view, aside }: { view: SharedViewOf<'staff-verify'>; aside?: ReactNode }) {
  const { t, send } = useKiosk();
  // The digits never leave this component except in the one intent.
  const [digits, setDigits] = useState('');

  function submit() {
    if (digits.length < MIN_PIN_LENGTH) return;
    send({ type: 'flow.staffVerified', pin: digits });
    setDigits('');
  }

  return (
    <FlowLayout
      view={view}
      aside={aside}
      className="pin-body"
      actions={
        <button
          type="button"
          className="button button-primary button-large"
          data-testid="staff-verify-submit"
          disabled={digits.length < MIN_PIN_LENGTH}
          onClick={submit}
        >
          {t('flow.staff.confirm')}
        </button>
      }
    >
      {/* The words beside the keypad in landscape, above it in portrait. */}
      <div className="staff-verify-layout">
        <div className="staff-verify-text">
          <p className="flow-instruction">{t('flow.staff.instruction')}</p>
          <p className="flow-hint">{t('flow.staff.hint')}</p>
          <PinDots length={digits.length} />
        </div>
        <PinKeypad
          disabled={false}
          onDigit={(digit) => setDigits((typed) => (typed.length < MAX_PIN_LENGTH ? typed + digit : typed))}
          onClear={() => setDigits('')}
          onBackspace={() => setDigits((typed) => typed.slice(0, -1))}
        />
      </div>
    </FlowLayout>
  );
}
