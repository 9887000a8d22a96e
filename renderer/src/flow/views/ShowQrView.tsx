import { useMemo } from 'react';
import { formatFen } from '../../i18n/formatMoney.js';
import { useKiosk } from '../../state/kioskContext.js';
import { minutesAndSeconds, secondsUntil } from '../../time/countdown.js';
import { useNow } from '../../time/useNow.js';
import { ConfirmFirstButton } from '../ConfirmFirstButton.js';
import { isDemoTerminal } from '../demoOffers.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';
import { qrCodeSvg } from '../qrCodeSvg.js';

/**
 * The QR code the citizen pays with their phone (扫码支付): large, black on white with its
 * quiet zone, the amount, what to do, how long the code stays valid, and "cancel payment"
 * while the runtime allows it (the runtime withdraws the order; a payment made meanwhile
 * stands). On a demo terminal the simulated phone pays by itself, and the screen says so.
 */
export function ShowQrView({ view }: { view: SharedViewOf<'show-qr'> }) {
  const { t, snapshot, clockOffsetMs } = useKiosk();
  const qr = useMemo(() => qrCodeSvg(view.content), [view.content]);
  const secondsLeft = secondsUntil(Date.parse(view.expiresAt), clockOffsetMs, useNow(500));
  const actions = view.canCancelPayment ? (
    <ConfirmFirstButton
      testId="qr-cancel"
      className="button button-secondary button-large"
      label={t('flow.qr.cancel')}
      title={t('flow.qr.cancelConfirmTitle')}
      body={t('flow.qr.cancelConfirmBody')}
      confirmLabel={t('flow.qr.cancelConfirmYes')}
      backLabel={t('flow.qr.cancelConfirmNo')}
      intent={{ type: 'flow.cancelPayment' }}
    />
  ) : undefined;
  return (
    <FlowLayout view={view} actions={actions} className="flow-centred">
      <div className="flow-qr" data-testid="flow-show-qr">
        <svg
          className="flow-qr-code"
          data-testid="qr-code"
          viewBox={`0 0 ${qr.size} ${qr.size}`}
          shapeRendering="crispEdges"
          role="img"
          aria-label={t('flow.qr.codeLabel')}
        >
          <rect width={qr.size} height={qr.size} fill="#ffffff" />
          <path d={qr.path} fill="#000000" />
        </svg>
        <div className="flow-qr-words">
          <p className="flow-instruction">{t('flow.qr.instruction')}</p>
          {view.amountFen !== null && (
            <p className="flow-amount" data-testid="qr-amount">
              {t('flow.scan.amount', { amount: formatFen(view.amountFen) })}
            </p>
          )}
          <p className="flow-qr-countdown" data-testid="qr-countdown" data-seconds-left={secondsLeft} aria-live="off">
            {secondsLeft > 0 ? t('flow.qr.expiresIn', { time: minutesAndSeconds(secondsLeft) }) : t('flow.qr.expired')}
          </p>
          <p className="flow-hint">{t('flow.qr.stayHere')}</p>
          {isDemoTerminal(snapshot.terminal.simulatedDevices) && (
            <p className="flow-qr-demo" data-testid="qr-demo-payer">
              {t('flow.demo.qrPayer')}
            </p>
          )}
        </div>
      </div>
    </FlowLayout>
  );
}
