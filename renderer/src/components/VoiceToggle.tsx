import { useKiosk } from '../state/kioskContext.js';
import { useVoiceGuide } from '../voice/voiceContext.js';

/** Spoken guidance on or off (the runtime keeps the setting, so a reload keeps it); hidden where the browser cannot speak. */
export function VoiceToggle() {
  const { t, snapshot, send } = useKiosk();
  const guide = useVoiceGuide();
  const enabled = snapshot.ui.voice;
  if (!guide?.available) return null;
  return (
    <button
      type="button"
      className={enabled ? 'toggle-button toggle-on' : 'toggle-button'}
      data-testid="voice-toggle"
      aria-pressed={enabled}
      aria-label={t('toggle.voiceLabel')}
      onClick={() => send({ type: 'ui.setVoice', enabled: !enabled })}
    >
      <svg className="toggle-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M3 9v6h4l5 4V5L7 9H3z" />
        {enabled ? <path className="toggle-icon-stroke" d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" /> : <path className="toggle-icon-stroke" d="M16 9l5 6M21 9l-5 6" />}
      </svg>
      {t('toggle.voice')}
    </button>
  );
}
