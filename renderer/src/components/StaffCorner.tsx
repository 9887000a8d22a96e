import { useRef, type PointerEvent } from 'react';
import { useKiosk } from '../state/kioskContext.js';
import { initialStaffCornerTapState, registerStaffCornerTap } from '../staff/staffCornerTaps.js';

/** The invisible 96x96 px top-left zone: five quick taps open the staff PIN screen. */
export function StaffCorner() {
  const { send } = useKiosk();
  const taps = useRef(initialStaffCornerTapState);

  function handlePointerDown(event: PointerEvent<HTMLDivElement>) {
    // Taps here must never start a citizen session on the attract screen underneath.
    event.stopPropagation();
    event.preventDefault();
    const result = registerStaffCornerTap(taps.current, performance.now());
    taps.current = result.state;
    if (result.triggered) send({ type: 'staff.openLogin' });
  }

  return (
    <div
      className="staff-corner"
      data-testid="staff-corner"
      aria-hidden="true"
      onPointerDown={handlePointerDown}
      onClick={(event) => event.stopPropagation()}
    />
  );
}
