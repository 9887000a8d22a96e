import type { ConfigProblem } from '../../../electron/bridge/kioskSnapshot.js';
import { useKiosk } from '../state/kioskContext.js';

export function ConfigProblemsTable({ problems }: { problems: ConfigProblem[] }) {
  const { t } = useKiosk();
  return (
    <section className="maintenance-section" data-testid="maintenance-config-problems">
      <h2>{t('maint.configProblems')}</h2>
      {problems.length === 0 ? (
        <p className="muted">{t('maint.noConfigProblems')}</p>
      ) : (
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('maint.colSource')}</th>
              <th scope="col">{t('maint.colField')}</th>
              <th scope="col">{t('maint.colProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem, index) => (
              <tr key={`${problem.source}|${problem.field}|${index}`} className="row-problem">
                <td className="mono">{problem.source}</td>
                <td className="mono">{problem.field === '' ? t('maint.wholeFile') : problem.field}</td>
                <td>{problem.problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
