import type { ReactNode } from 'react';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';
import { useFaceCamera } from '../useFaceCamera.js';

/**
 * Face verification: a live preview, one button to take the photo, and the staff path always
 * next to it. The camera is on only while this screen shows and off the moment the photo is
 * taken; the picture goes to the runtime and nowhere else.
 */
export function CaptureFaceView({ view, aside }: { view: SharedViewOf<'capture-face'>; aside?: ReactNode }) {
  const { t, send } = useKiosk();
  const camera = useFaceCamera((image) => send({ type: 'flow.faceCaptured', format: image.format, dataBase64: image.dataBase64 }));

  const staffButton = (
    <button
      type="button"
      className={camera.state === 'unavailable' ? 'button button-primary button-large' : 'button button-secondary button-large'}
      data-testid="face-use-staff"
      onClick={() => send({ type: 'flow.verifyByStaff' })}
    >
      {t('flow.face.useStaff')}
    </button>
  );

  return (
    <FlowLayout
      view={view}
      aside={aside}
      className="flow-face"
      actions={
        <>
          {staffButton}
          {camera.state === 'taken' ? (
            <button type="button" className="button button-secondary button-large" data-testid="face-retake" onClick={camera.reopen}>
              {t('flow.face.retake')}
            </button>
          ) : (
            camera.state !== 'unavailable' && (
              <button
                type="button"
                className="button button-primary button-large"
                data-testid="face-take-photo"
                disabled={camera.state !== 'live'}
                onClick={camera.takePhoto}
              >
                {t('flow.face.take')}
              </button>
            )
          )}
        </>
      }
    >
      <div className="face-layout" data-testid="flow-capture-face" data-camera-state={camera.state}>
        <div className="face-preview-frame">
          {/* Always in the tree so the stream has somewhere to go; hidden unless live. */}
          <video ref={camera.videoRef} className={camera.state === 'live' ? 'face-preview' : 'face-preview face-preview-off'} data-testid="face-preview" muted playsInline />
          {camera.state !== 'live' && (
            <p className="face-preview-status" role="status">
              {camera.state === 'opening' ? t('flow.face.opening') : camera.state === 'taken' ? t('flow.face.sent') : t('flow.face.unavailable')}
            </p>
          )}
        </div>
        <div className="face-text">
          <p className="flow-instruction">{t(camera.state === 'unavailable' ? 'flow.face.unavailable' : 'flow.face.instruction')}</p>
          {camera.state !== 'unavailable' && <p className="flow-hint">{t('flow.face.hint')}</p>}
          <p className="flow-attempt">{t('flow.face.attemptsLeft', { count: view.attemptsLeft })}</p>
          <p className="flow-privacy">{t('flow.face.privacy')}</p>
        </div>
      </div>
    </FlowLayout>
  );
}
