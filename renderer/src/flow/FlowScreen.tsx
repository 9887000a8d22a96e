import type { FlowSnapshot } from '../../../electron/bridge/flowSnapshot.js';
import { HelpPhoneFooter } from '../components/HelpPhoneFooter.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { UiToggles } from '../components/UiToggles.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';
import { useFlowVoice } from '../voice/useFlowVoice.js';
import { StageIndicator } from './StageIndicator.js';
import type { FlowView } from './flowViewTypes.js';
import { BusyView } from './views/BusyView.js';
import { CaptureFaceView } from './views/CaptureFaceView.js';
import { ChooseEndorsementView } from './views/ChooseEndorsementView.js';
import { ChoosePaymentView } from './views/ChoosePaymentView.js';
import { InsertDocumentView } from './views/InsertDocumentView.js';
import { RateView } from './views/RateView.js';
import { ResultView } from './views/ResultView.js';
import { ScanCodeView } from './views/ScanCodeView.js';
import { StaffVerifyView } from './views/StaffVerifyView.js';

/** One screen per step of a citizen's flow; a pure function of the flow's view in the snapshot. */
export function FlowScreen({ flow }: { flow: FlowSnapshot }) {
  const { snapshot, language, t } = useKiosk();
  const view = flow.view;
  useFlowVoice(view, language, t);
  const service = snapshot.terminal.services.find((candidate) => candidate.id === flow.serviceId);
  return (
    <div className="screen flow-screen" data-testid="screen-flow" data-flow-screen={view.screen} data-step={view.step}>
      <ScreenHeader title={service ? pickText(service.title, language) : t('flow.title')}>
        <UiToggles />
      </ScreenHeader>
      <StageIndicator view={view} />
      {/* Keyed by step: each step starts with fresh local state (typed PIN digits, a chosen rating). */}
      <FlowStep key={view.step} view={view} />
      <HelpPhoneFooter />
    </div>
  );
}

function FlowStep({ view }: { view: FlowView }) {
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
      return <ChoosePaymentView view={view} />;
    case 'scan-code':
      return <ScanCodeView view={view} />;
    case 'rate':
      return <RateView view={view} />;
    case 'result':
      return <ResultView view={view} />;
  }
}
