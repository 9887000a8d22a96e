import { FlowScreen } from '../flow/FlowScreen.js';
import { AttractScreen } from '../screens/AttractScreen.js';
import { MaintenanceScreen } from '../screens/MaintenanceScreen.js';
import { MenuScreen } from '../screens/MenuScreen.js';
import { OutOfServiceScreen } from '../screens/OutOfServiceScreen.js';
import { ServiceIntroScreen } from '../screens/ServiceIntroScreen.js';
import { StaffPinScreen } from '../screens/StaffPinScreen.js';
import { useKiosk } from '../state/kioskContext.js';

/** The screen is a pure function of snapshot.screen. */
export function ScreenSwitch() {
  const { snapshot } = useKiosk();
  const screen = snapshot.screen;
  switch (screen.name) {
    case 'attract':
      return <AttractScreen />;
    case 'menu':
      return <MenuScreen />;
    case 'service-intro':
      return <ServiceIntroScreen serviceId={screen.serviceId} />;
    case 'out-of-service':
      return <OutOfServiceScreen />;
    case 'staff-pin':
      return <StaffPinScreen attemptsLeft={screen.attemptsLeft} lockedUntil={screen.lockedUntil} lastResult={screen.lastResult} />;
    case 'maintenance':
      return <MaintenanceScreen info={screen.info} />;
    case 'flow':
      return <FlowScreen flow={screen.flow} />;
  }
}
