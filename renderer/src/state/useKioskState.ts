import { useSyncExternalStore } from 'react';
import type { KioskStore, KioskViewState } from './kioskStore.js';

export function useKioskState(store: KioskStore): KioskViewState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
