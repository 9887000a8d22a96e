import type { SystemNotice } from '../../../electron/bridge/kioskSnapshot.js';
import { formatShortDateTime } from '../i18n/formatDateTime.js';
import { useKiosk } from '../state/kioskContext.js';

export function SystemNoticesList({ notices }: { notices: SystemNotice[] }) {
  const { language, t, send } = useKiosk();
  return (
    <section className="maintenance-section" data-testid="maintenance-notices">
      <h2>{t('maint.notices')}</h2>
      {notices.length === 0 ? (
        <p className="muted">{t('maint.noNotices')}</p>
      ) : (
        <ul className="notice-list">
          {notices.map((notice) => (
            <li key={notice.id}>
              <span className="mono muted">{formatShortDateTime(notice.at, language)}</span>{' '}
              <span className="mono">{notice.code}</span> {notice.message}{' '}
              <button
                type="button"
                className="button button-secondary button-small"
                data-testid={`notice-acknowledge-${notice.id}`}
                onClick={() => send({ type: 'staff.acknowledgeNotice', id: notice.id })}
              >
                {t('maint.acknowledge')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
