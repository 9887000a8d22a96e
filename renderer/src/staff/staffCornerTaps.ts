/**
 * The hidden staff gesture: five taps in the invisible corner within three seconds.
 * Pure so it can be tested without a DOM; the component keeps the state in a ref.
 */
export const STAFF_CORNER_TAPS_REQUIRED = 5;
export const STAFF_CORNER_WINDOW_MS = 3000;

export interface StaffCornerTapState {
  /** Times (ms) of the recent taps that still fall inside the window, oldest first. */
  readonly recentTaps: readonly number[];
}

export const initialStaffCornerTapState: StaffCornerTapState = { recentTaps: [] };

export interface StaffCornerTapResult {
  state: StaffCornerTapState;
  /** True on the tap that completes the gesture; the count then starts again from zero. */
  triggered: boolean;
}

export function registerStaffCornerTap(
  state: StaffCornerTapState,
  tapAt: number,
  tapsRequired = STAFF_CORNER_TAPS_REQUIRED,
  windowMs = STAFF_CORNER_WINDOW_MS,
): StaffCornerTapResult {
  // A sliding window: slow taps fall out, so a citizen brushing the corner now and then never opens it.
  const recentTaps = [...state.recentTaps.filter((at) => tapAt - at < windowMs && at <= tapAt), tapAt];
  if (recentTaps.length >= tapsRequired) {
    return { state: initialStaffCornerTapState, triggered: true };
  }
  return { state: { recentTaps }, triggered: false };
}
