import type { ReactNode } from 'react';

/** The blue band at the top of every screen: a title on the left, toggles and actions on the right. */
export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1 className="screen-title">{title}</h1>
      <div className="screen-header-actions">{children}</div>
    </header>
  );
}
