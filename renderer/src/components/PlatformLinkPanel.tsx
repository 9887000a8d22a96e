import type { PlatformLink } from '../../../electron/bridge/kioskSnapshot.js';
import { formatShortDateTime } from '../i18n/formatDateTime.js';
import { useKiosk } from '../state/kioskContext.js';

/** The platform link for staff: online or not, last heartbeat, what waits in the outbox. */
export function PlatformLinkPanel({ link }: { link: PlatformLink }) {
  const { language, t } = useKiosk();
  const ok = link.state === 'online';
  return (
    <section className="maintenance-section" data-testid="maintenance-platform" data-platform-state={link.state}>
      <h2>{t('maint.platform')}</h2>
      <dl className="fact-list">
        <dt>{t('maint.platformState')}</dt>
        <dd>
          <span className={ok ? 'status-pill status-ok' : 'status-pill status-stopped'}>{t(`platform.${link.state}`)}</span>
        </dd>
        <dt>{t('maint.lastHeartbeat')}</dt>
        <dd className="mono">{link.lastHeartbeatAt === null ? '—' : formatShortDateTime(link.lastHeartbeatAt, language)}</dd>
        <dt>{t('maint.outbox')}</dt>
        <dd data-testid="maintenance-outbox">
          {t('maint.outboxLine', {
            depth: link.outbox.depth,
            age: link.outbox.oldestAgeSeconds === null ? '—' : `${link.outbox.oldestAgeSeconds} s`,
            dead: link.outbox.deadLetters,
          })}
        </dd>
      </dl>
    </section>
  );
}
