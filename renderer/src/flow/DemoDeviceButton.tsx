import { useKiosk } from '../state/kioskContext.js';
import { demoOfferFor } from './demoOffers.js';
import type { FlowScreenName } from './flowViewTypes.js';

/** Demo and training terminals only: plays the citizen at a simulated device. Clearly not the way forward. */
export function DemoDeviceButton({ screen }: { screen: FlowScreenName }) {
  const { snapshot, t, send } = useKiosk();
  const offer = demoOfferFor(screen, snapshot.terminal.simulatedDevices);
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
