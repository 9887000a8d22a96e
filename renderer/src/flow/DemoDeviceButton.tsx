import { useKiosk } from '../state/kioskContext.js';
import { demoOfferFor } from './demoOffers.js';
import { useFlowOnScreen } from './flowContext.js';

/** Demo and training terminals only: plays the citizen at a simulated device. Clearly not the way forward. */
export function DemoDeviceButton() {
  const { snapshot, t, send } = useKiosk();
  const offer = demoOfferFor(useFlowOnScreen(), snapshot.terminal.simulatedDevices);
  if (!offer) return null;
  return (
    <button
      type="button"
      className="button demo-button"
      data-testid="demo-simulate"
      data-device-id={offer.deviceId}
      onClick={() => send({ type: 'demo.simulate', deviceId: offer.deviceId, action: offer.action })}
    >
      {t(offer.label)}
    </button>
  );
}
