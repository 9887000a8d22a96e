import { translate } from '../i18n/translate.js';

/**
 * Shown while the runtime is unreachable. Both languages at once: the snapshot that says
 * which language is chosen may be the very thing we are waiting for.
 */
export function ReconnectingOverlay() {
  return (
    <div className="reconnecting-overlay" data-testid="reconnecting-overlay" role="status" aria-live="polite">
      <div className="reconnecting-spinner" aria-hidden="true" />
      <p className="reconnecting-title" lang="zh-CN">
        {translate('zh-CN', 'reconnecting.title')}
      </p>
      <p className="reconnecting-title" lang="en">
        {translate('en', 'reconnecting.title')}
      </p>
      <p className="reconnecting-body" lang="zh-CN">
        {translate('zh-CN', 'reconnecting.body')}
      </p>
      <p className="reconnecting-body" lang="en">
        {translate('en', 'reconnecting.body')}
      </p>
    </div>
  );
}
