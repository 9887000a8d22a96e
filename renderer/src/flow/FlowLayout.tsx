import type { ReactNode } from 'react';
import { CancelFlowButton } from './CancelFlowButton.js';
import { FaultNotice } from './FaultNotice.js';
import type { FlowView } from './flowViewTypes.js';

interface FlowLayoutProps {
  view: FlowView;
  /** The screen's own buttons, at the bottom right where every flow screen keeps them. */
  actions?: ReactNode;
  /**
   * Who the step is for, when it is one of several people (the property flow's party
   * banner): beside the content in landscape, above it in portrait.
   */
  aside?: ReactNode;
  className?: string;
  children: ReactNode;
}

const withClass = (base: string, extra: string | undefined) => (extra ? `${base} ${extra}` : base);

/**
 * The body of every flow screen: the fault first (when there is one), then the screen's
 * content (with the aside, if any), then a fixed action bar with Cancel on the left (only
 * while cancelling is allowed) and the screen's actions on the right.
 */
export function FlowLayout({ view, actions, aside, className, children }: FlowLayoutProps) {
  const showBar = view.canCancel || actions !== undefined;
  return (
    <>
      <main className={aside ? 'screen-body flow-body' : withClass('screen-body flow-body', className)}>
        {view.fault && <FaultNotice fault={view.fault} />}
        {aside ? (
          <div className="flow-aside-layout">
            {aside}
            <div className={withClass('flow-aside-content', className)}>{children}</div>
          </div>
        ) : (
          children
        )}
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
