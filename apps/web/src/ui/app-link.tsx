/** A link to one of the page's own routes: followed in place, or in a new tab when the person asks for one. */
import type { ComponentChildren } from 'preact';
import { href, navigate } from '../app/router';

export function AppLink({ path, children }: { readonly path: string; readonly children: ComponentChildren }) {
  return (
    <a
      href={href(path)}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(path);
      }}
    >
      {children}
    </a>
  );
}
