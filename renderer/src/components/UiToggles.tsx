import { LanguageToggle } from './LanguageToggle.js';
import { LargeTextToggle } from './LargeTextToggle.js';
import { VoiceToggle } from './VoiceToggle.js';

export function UiToggles() {
  return (
    <div className="ui-toggles">
      <LanguageToggle />
      <LargeTextToggle />
      <VoiceToggle />
    </div>
  );
}
