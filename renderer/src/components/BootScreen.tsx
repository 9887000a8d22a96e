import { translate } from '../i18n/translate.js';

/** Before the first snapshot arrives: a calm page, never a blank one. */
export function BootScreen() {
  return (
    <div className="screen boot-screen">
      <p lang="zh-CN">{translate('zh-CN', 'app.pleaseWait')}</p>
      <p lang="en">{translate('en', 'app.pleaseWait')}</p>
    </div>
  );
}
