import type { ReactNode } from 'react';
import { CancelFlowButton } from './CancelFlowButton.js';
import { FaultNotice } from './FaultNotice.js';
import type { FlowView } from './flowViewTypes.js';

interface FlowLayoutProps {
  view: FlowView;
  /** The screen's own buttons, at the bottom right where every flow screen keeps them. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * The body of every flow screen: the fault first (when there is one), then the screen's
 * content, then a fixed action bar with Cancel on the left (only while cancelling is allowed)
 * and the screen's actions on the right.
 */
export function FlowLayout({ view, actions, className, children }: FlowLayoutProps) {
  const showBar = view.canCancel || actions !== undefined;
  return (
    <>
      <main className={className ? `screen-body flow-body ${className}` : 'screen-body flow-body'}>
        {view.fault && <FaultNotice fault={view.fault} />}
        {children}
      </main>
      {showBar && (
        <div className="action-bar flow-actions">
          <div className="flow-actions-start">{view.canCancel && <CancelFlowButton />}</div>
          <div className="flow-actions-end">{actions}</div>
        </div>
      )}
    </>
  );
}
