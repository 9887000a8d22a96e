import type { PrintJobView } from '../../../electron/bridge/kioskSnapshot.js';
import { formatShortDateTime } from '../i18n/formatDateTime.js';
import { useKiosk } from '../state/kioskContext.js';

/** Receipts the printer could not finish: reprint, or mark as handled another way. */
export function PrintJobsList({ jobs }: { jobs: PrintJobView[] }) {
  const { language, t, send } = useKiosk();
  return (
    <section className="maintenance-section" data-testid="maintenance-print-jobs">
      <h2>{t('maint.printJobs')}</h2>
      {jobs.length === 0 ? (
        <p className="muted">{t('maint.noPrintJobs')}</p>
      ) : (
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('maint.colJob')}</th>
              <th scope="col">{t('maint.colReason')}</th>
              <th scope="col">{t('maint.colAttempts')}</th>
              <th scope="col">{t('maint.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.jobId} data-job-id={job.jobId}>
                <td>
                  <span className="mono muted">{formatShortDateTime(job.createdAt, language)}</span>{' '}
                  <span className="mono">{job.deviceId}</span>
                </td>
                <td>
                  <span className="mono">{job.failureReason ?? job.state}</span>
                  {job.printedBeforeFailure && <div className="warning-text">{t('maint.partlyPrinted')}</div>}
                </td>
                <td>{job.attempts}</td>
                <td className="button-row">
                  <button
                    type="button"
                    className="button button-primary button-small"
                    data-testid={`print-job-reprint-${job.jobId}`}
                    onClick={() => send({ type: 'staff.reprintJob', jobId: job.jobId })}
                  >
                    {t('maint.reprint')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    data-testid={`print-job-discard-${job.jobId}`}
                    onClick={() => send({ type: 'staff.discardJob', jobId: job.jobId })}
                  >
                    {t('maint.discard')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
