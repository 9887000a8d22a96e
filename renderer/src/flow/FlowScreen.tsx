import type { FlowSnapshot } from '../../../electron/bridge/flowSnapshot.js';
import { HelpPhoneFooter } from '../components/HelpPhoneFooter.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { UiToggles } from '../components/UiToggles.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';
import { useFlowVoice } from '../voice/useFlowVoice.js';
import { FlowOnScreenContext } from './flowContext.js';
import { StageIndicator } from './StageIndicator.js';
import type { EndorsementView, PropertyView } from './flowViewTypes.js';
import { currentRoleName, propertyOutcomeKey } from './propertyLabels.js';
import { BusyView } from './views/BusyView.js';
import { CaptureFaceView } from './views/CaptureFaceView.js';
import { ChooseDeliveryView } from './views/ChooseDeliveryView.js';
import { ChooseEndorsementView } from './views/ChooseEndorsementView.js';
import { ChoosePaymentView } from './views/ChoosePaymentView.js';
import { FindCaseView } from './views/FindCaseView.js';
import { HolderLine } from './views/HolderLine.js';
import { InsertDocumentView } from './views/InsertDocumentView.js';
import { PartyBanner } from './views/PartyBanner.js';
import { PropertyResultView } from './views/PropertyResultView.js';
import { RateView } from './views/RateView.js';
import { ResultView } from './views/ResultView.js';
import { ReviewCaseView } from './views/ReviewCaseView.js';
import { ReviewFeesView } from './views/ReviewFeesView.js';
import { ScanCodeView } from './views/ScanCodeView.js';
import { ShowQrView } from './views/ShowQrView.js';
import { SignView } from './views/SignView.js';
import { StaffVerifyView } from './views/StaffVerifyView.js';

/** One screen per step of a citizen's flow; a pure function of the flow's view in the snapshot. */
export function FlowScreen({ flow }: { flow: FlowSnapshot }) {
  const { snapshot, language, t } = useKiosk();
  const view = flow.view;
  useFlowVoice(flow, language, t);
  const service = snapshot.terminal.services.find((candidate) => candidate.id === flow.serviceId);
  return (
    <FlowOnScreenContext.Provider value={flow}>
      <div className="screen flow-screen" data-testid="screen-flow" data-flow-kind={flow.kind} data-flow-screen={view.screen} data-step={view.step}>
        <ScreenHeader title={service ? pickText(service.title, language) : t(flow.kind === 'property-transfer' ? 'property.title' : 'flow.title')}>
          <UiToggles />
        </ScreenHeader>
        <StageIndicator flow={flow} />
        {/* Keyed by step (and party): each step starts with fresh local state (typed digits, a signature, a chosen rating). */}
        {flow.kind === 'exit-entry-endorsement' ? (
          <EndorsementStep key={view.step} view={flow.view} />
        ) : (
          <PropertyStep key={`${view.step}|${flow.view.currentPartyId ?? ''}`} view={flow.view} />
        )}
        <HelpPhoneFooter />
      </div>
    </FlowOnScreenContext.Provider>
  );
}

function EndorsementStep({ view }: { view: EndorsementView }) {
  switch (view.screen) {
    case 'busy':
      return <BusyView view={view} />;
    case 'insert-permit':
    case 'insert-id-card':
      return <InsertDocumentView view={view} />;
    case 'capture-face':
      return <CaptureFaceView view={view} />;
    case 'staff-verify':
      return <StaffVerifyView view={view} />;
    case 'choose-endorsement':
      return <ChooseEndorsementView view={view} />;
    case 'choose-payment':
      return <ChoosePaymentView view={view} lead={<HolderLine holder={view.holder} />} />;
    case 'scan-code':
      return <ScanCodeView view={view} />;
    case 'show-qr':
      return <ShowQrView view={view} />;
    case 'rate':
      return <RateView view={view} outcomeKey={`flow.result.${view.outcome}`} />;
    case 'result':
      return <ResultView view={view} />;
  }
}

/** The property the case is about, for the payment screen: what the money is for. */
function PropertyLine({ view }: { view: PropertyView }) {
  const { t } = useKiosk();
  if (!view.propertyCase) return null;
  return (
    <p className="flow-holder" data-testid="flow-property">
      {t('property.forProperty', { address: view.propertyCase.property.address })}
    </p>
  );
}

function PropertyStep({ view }: { view: PropertyView }) {
  const { t } = useKiosk();
  switch (view.screen) {
    case 'busy':
      return <BusyView view={view} />;
    case 'find-case':
      return <FindCaseView view={view} />;
    case 'review-case':
      return <ReviewCaseView view={view} />;
    case 'insert-id-card':
      return (
        <InsertDocumentView
          view={view}
          aside={<PartyBanner view={view} />}
          instruction={t('property.idCard.instruction', { role: currentRoleName(view.parties, view.currentPartyId, t) })}
        />
      );
    case 'capture-face':
      return <CaptureFaceView view={view} aside={<PartyBanner view={view} />} />;
    case 'staff-verify':
      return <StaffVerifyView view={view} aside={<PartyBanner view={view} />} />;
    case 'sign':
      return <SignView view={view} />;
    case 'review-fees':
      return <ReviewFeesView view={view} />;
    case 'choose-payment':
      return <ChoosePaymentView view={view} lead={<PropertyLine view={view} />} />;
    case 'scan-code':
      return <ScanCodeView view={view} />;
    case 'show-qr':
      return <ShowQrView view={view} />;
    case 'choose-delivery':
      return <ChooseDeliveryView view={view} />;
    case 'rate':
      return <RateView view={view} outcomeKey={propertyOutcomeKey(view.outcome)} />;
    case 'result':
      return <PropertyResultView view={view} />;
  }
}
