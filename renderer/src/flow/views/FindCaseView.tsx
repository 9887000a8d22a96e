import { useState } from 'react';
import type { MessageKey } from '../../i18n/translate.js';
import { useKiosk } from '../../state/kioskContext.js';
import {
  backspace,
  DIGIT_KEYS,
  findCaseIntent,
  LETTER_KEYS,
  MAX_CASE_NUMBER_LENGTH,
  MIN_CASE_NUMBER_LENGTH,
  typeKey,
  type CaseNumberKind,
} from '../caseNumberInput.js';
import { FlowLayout } from '../FlowLayout.js';
import type { PropertyViewOf } from '../flowViewTypes.js';

const KINDS: readonly CaseNumberKind[] = ['contract-filing-number', 'case-number'];

const KIND_TEXT: Readonly<Record<CaseNumberKind, { name: MessageKey; where: MessageKey; example: string }>> = {
  'contract-filing-number': { name: 'property.find.by.contract-filing-number', where: 'property.find.where.contract-filing-number', example: 'WQ2026000123' },
  'case-number': { name: 'property.find.by.case-number', where: 'property.find.where.case-number', example: 'BDC2026000101' },
};

/** A key's test id: '-' reads badly in a selector. */
const keyTestId = (key: string) => `case-key-${key === '-' ? 'hyphen' : key}`;

/**
 * Find the case by the number on the contract or the acceptance slip, typed on big on-screen
 * keys (no physical keyboard is assumed). Search is offered only once the text is a whole
 * number by the bridge's rule.
 */
export function FindCaseView({ view }: { view: PropertyViewOf<'find-case'> }) {
  const { t, send } = useKiosk();
  const [by, setBy] = useState<CaseNumberKind>('contract-filing-number');
  const [typed, setTyped] = useState('');
  const intent = findCaseIntent(by, typed);
  const text = KIND_TEXT[by];

  const key = (value: string) => (
    <button key={value} type="button" className="pin-key case-key" data-testid={keyTestId(value)} onClick={() => setTyped((current) => typeKey(current, value))}>
      {value}
    </button>
  );

  return (
    <FlowLayout
      view={view}
      className="case-find-body"
      actions={
        <button type="button" className="button button-primary button-large" data-testid="find-case-submit" disabled={!intent} onClick={() => intent && send(intent)}>
          {t('property.find.submit')}
        </button>
      }
    >
      <p className="flow-instruction">{t('property.find.instruction')}</p>
      <div className="case-find-row">
        <div className="segmented" role="radiogroup" aria-label={t('property.find.instruction')}>
          {KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={by === kind}
              className={by === kind ? 'segmented-option segmented-option-chosen' : 'segmented-option'}
              data-testid={`find-by-${kind}`}
              onClick={() => setBy(kind)}
            >
              {t(KIND_TEXT[kind].name)}
            </button>
          ))}
        </div>
        <div className="case-entry">
          <output className="case-entry-text" data-testid="find-case-typed" aria-live="polite">
            {typed === '' ? <span className="case-entry-placeholder">{t('property.find.example', { example: text.example })}</span> : typed}
          </output>
          <button type="button" className="pin-key pin-key-action case-entry-key" data-testid="find-case-backspace" aria-label={t('pin.backspace')} onClick={() => setTyped(backspace)}>
            ⌫
          </button>
          <button type="button" className="pin-key pin-key-action case-entry-key" data-testid="find-case-clear" onClick={() => setTyped('')}>
            {t('pin.clear')}
          </button>
        </div>
      </div>
      <p className="flow-hint" data-testid="find-case-format">
        {t(text.where)} {t('property.find.format', { min: MIN_CASE_NUMBER_LENGTH, max: MAX_CASE_NUMBER_LENGTH })}
        {view.attempt > 1 && <span className="flow-attempt"> {t('flow.attempt', { attempt: view.attempt, max: view.maxAttempts })}</span>}
      </p>
      <div className="case-keyboard" data-testid="case-keyboard">
        <div className="case-keys case-keys-digits">{DIGIT_KEYS.map(key)}</div>
        <div className="case-keys case-keys-letters">{LETTER_KEYS.map(key)}</div>
      </div>
    </FlowLayout>
  );
}
