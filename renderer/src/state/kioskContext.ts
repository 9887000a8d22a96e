import { createContext, useContext } from 'react';
import type { Language } from '../../../config/localizedText.js';
import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import type { KioskSnapshot } from '../../../electron/bridge/kioskSnapshot.js';
import type { Translate } from '../i18n/translate.js';

/** What every screen needs besides its own slice of the snapshot. */
export interface KioskContextValue {
  snapshot: KioskSnapshot;
  language: Language;
  t: Translate;
  clockOffsetMs: number;
  send(intent: Intent): void;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk() used outside <KioskContext.Provider>');
  return value;
}
