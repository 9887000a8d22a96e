import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import type { EndorsementView } from '../../../electron/bridge/endorsementFlowView.js';
import type { FlowSnapshot } from '../../../electron/bridge/flowSnapshot.js';
import type { PropertyView } from '../../../electron/bridge/propertyFlowView.js';

/** Names for the parts of the bridge's flow views that the flow screens pass around. */

export type { EndorsementView, PropertyView };
export type FlowKind = FlowSnapshot['kind'];

/**
 * The flow on screen: its kind and its current view, kept together so that narrowing on
 * `kind` narrows the view too (a bare view does not say which flow it belongs to). The
 * snapshot's FlowSnapshot is one.
 */
export type FlowOnScreen = { kind: 'exit-entry-endorsement'; view: EndorsementView } | { kind: 'property-transfer'; view: PropertyView };

/** Any flow's view: what the parts every screen has (fault, cancel, step) are read from. */
export type FlowView = FlowOnScreen['view'];
export type FlowScreenName = FlowView['screen'];

export type EndorsementScreenName = EndorsementView['screen'];
export type EndorsementViewOf<S extends EndorsementScreenName> = Extract<EndorsementView, { screen: S }>;
export type PropertyScreenName = PropertyView['screen'];
export type PropertyViewOf<S extends PropertyScreenName> = Extract<PropertyView, { screen: S }>;

/** A screen both flows have, drawn by one component whichever flow sent it. */
export type SharedScreenName = EndorsementScreenName & PropertyScreenName;
export type SharedViewOf<S extends SharedScreenName> = EndorsementViewOf<S> | PropertyViewOf<S>;

// ---- exit-entry endorsement ----
type ChooseView = EndorsementViewOf<'choose-endorsement'>;
export type EndorsementChoice = ChooseView['choices'][number];
export type RefusedChoice = ChooseView['refused'][number];
export type EndorsementKind = EndorsementChoice['kind'];
export type Destination = EndorsementChoice['destination'];
export type OfferedOption = EndorsementChoice['options'][number];
export type Entries = OfferedOption['entries'];
export type IssuedEndorsement = EndorsementViewOf<'result'>['endorsements'][number];
export type PermitType = NonNullable<EndorsementView['holder']>['permitType'];

// ---- real-estate transfer ----
export type PropertyParty = PropertyView['parties'][number];
export type PartyRole = PropertyParty['role'];
export type PropertyCase = NonNullable<PropertyView['propertyCase']>;
export type TaxLine = PropertyViewOf<'review-case'>['taxes'][number];
export type FeeLine = PropertyViewOf<'review-fees'>['fees'][number];
export type DeliveryMethod = PropertyViewOf<'choose-delivery'>['options'][number]['method'];
export type IssuedCertificate = NonNullable<PropertyViewOf<'result'>['delivery']>['certificates'][number];

/** What the demo buttons may play on a simulated device. */
export type DemoAction = Extract<Intent, { type: 'demo.simulate' }>['action'];
