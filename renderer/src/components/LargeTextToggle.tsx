import { useKiosk } from '../state/kioskContext.js';

export function LargeTextToggle() {
  const { snapshot, t, send } = useKiosk();
  const enabled = snapshot.ui.largeText;
  return (
    <button
      type="button"
      className={enabled ? 'toggle-button toggle-on' : 'toggle-button'}
      data-testid="large-text-toggle"
      aria-pressed={enabled}
      onClick={() => send({ type: 'ui.setLargeText', enabled: !enabled })}
    >
      <span className="toggle-glyph" aria-hidden="true">A</span>
      {t('toggle.largeText')}
    </button>
  );
}
