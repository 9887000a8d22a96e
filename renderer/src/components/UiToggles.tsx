import { LanguageToggle } from './LanguageToggle.js';
import { LargeTextToggle } from './LargeTextToggle.js';

export function UiToggles() {
  return (
    <div className="ui-toggles">
      <LanguageToggle />
      <LargeTextToggle />
    </div>
  );
}
