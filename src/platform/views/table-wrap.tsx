/**
 * A wide table's scroll container. It is focusable and named, so keyboard users
 * can scroll it at 320 px (WCAG 2.1.1; axe rule scrollable-region-focusable).
 */
import type { ComponentChildren } from 'preact';

export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <section class="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
