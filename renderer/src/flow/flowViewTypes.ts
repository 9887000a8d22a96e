import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import type { EndorsementView } from '../../../electron/bridge/endorsementFlowView.js';

/** Names for the parts of the bridge's flow view that the flow screens pass around. */

export type FlowView = EndorsementView;
export type FlowScreenName = EndorsementView['screen'];
export type ViewOf<S extends FlowScreenName> = Extract<EndorsementView, { screen: S }>;

type ChooseView = ViewOf<'choose-endorsement'>;
export type EndorsementChoice = ChooseView['choices'][number];
export type RefusedChoice = ChooseView['refused'][number];
export type EndorsementKind = EndorsementChoice['kind'];
export type Destination = EndorsementChoice['destination'];
export type OfferedOption = EndorsementChoice['options'][number];
export type Entries = OfferedOption['entries'];
export type IssuedEndorsement = ViewOf<'result'>['endorsements'][number];
export type PermitType = NonNullable<EndorsementView['holder']>['permitType'];

/** What the demo buttons may play on a simulated device. */
export type DemoAction = Extract<Intent, { type: 'demo.simulate' }>['action'];
