import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BootScreen } from './components/BootScreen.js';
import { IdleDialog } from './components/IdleDialog.js';
import { ReconnectingOverlay } from './components/ReconnectingOverlay.js';
import { RequestErrorLine } from './components/RequestErrorLine.js';
import { ScreenSwitch } from './components/ScreenSwitch.js';
import { translatorFor } from './i18n/translate.js';
import { KioskContext, type KioskContextValue } from './state/kioskContext.js';
import type { KioskStore } from './state/kioskStore.js';
import { useKioskState } from './state/useKioskState.js';
import { useDelayedFlag } from './time/useDelayedFlag.js';
import { VoiceContext } from './voice/voiceContext.js';
import { browserSpeechPort, createVoiceGuide } from './voice/voiceGuide.js';

// A blip shorter than this (runtime restarting a socket) is not worth alarming anyone.
const RECONNECTING_OVERLAY_DELAY_MS = 1000;

export function App({ store }: { store: KioskStore }) {
  const { snapshot, connection, clockOffsetMs, lastFailure } = useKioskState(store);
  const language = snapshot?.ui.language ?? 'zh-CN';
  const largeText = snapshot?.ui.largeText ?? false;
  const showReconnecting = useDelayedFlag(connection !== 'open', RECONNECTING_OVERLAY_DELAY_MS);
  // One speaker for the page's lifetime; whether it speaks is the runtime's setting, like the language.
  const [voice] = useState(() => createVoiceGuide(browserSpeechPort(window), { enabledByDefault: false }));
  const voiceOn = snapshot?.ui.voice ?? false;
  const sessionId = snapshot?.session?.id ?? null;
  const previousSessionId = useRef<string | null>(null);

  useEffect(() => {
    voice.setEnabled(voiceOn);
  }, [voiceOn, voice]);

  useEffect(() => {
    // A session ended: nothing the previous citizen heard is carried over to the next one.
    if (previousSessionId.current !== null && previousSessionId.current !== sessionId) voice.reset();
    previousSessionId.current = sessionId;
  }, [sessionId, voice]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);

  useEffect(() => {
    // Capture phase: even a touch that a control swallows still counts as the citizen being there.
    const onPointerDown = () => store.reportActivity();
    document.addEventListener('pointerdown', onPointerDown, { capture: true });
    return () => document.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [store]);

  const send = useCallback((intent: Parameters<KioskStore['send']>[0]) => void store.send(intent), [store]);
  const clearFailure = useCallback(() => store.clearFailure(), [store]);
  const contextValue = useMemo<KioskContextValue | null>(
    () => (snapshot ? { snapshot, language, t: translatorFor(language), clockOffsetMs, send } : null),
    [snapshot, language, clockOffsetMs, send],
  );

  if (!contextValue) {
    return (
      <>
        <BootScreen />
        {showReconnecting && <ReconnectingOverlay />}
      </>
    );
  }

  const session = contextValue.snapshot.session;
  return (
    <VoiceContext.Provider value={voice}>
      <KioskContext.Provider value={contextValue}>
        {/* Keyed by session: when the session ends or changes, every bit of citizen state in
            this subtree is thrown away with it, so the next citizen starts from nothing. */}
        <div className="session-scope" key={session?.id ?? 'none'}>
          <ScreenSwitch />
          {session?.idleWarning && <IdleDialog deadline={session.idleWarning.deadline} />}
        </div>
        <RequestErrorLine failure={lastFailure} onDismiss={clearFailure} />
        {showReconnecting && <ReconnectingOverlay />}
      </KioskContext.Provider>
    </VoiceContext.Provider>
  );
}
