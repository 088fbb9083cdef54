/**
 * For a screen-covering layer rendered at the top of the app (the attract screen, the idle
 * question): while it is there, everything beside it is inert, out of reach of the keyboard,
 * the pointer and screen readers. Use as `{@attach coverSiblings}`.
 */
export function coverSiblings(node: HTMLElement): () => void {
  const covered: HTMLElement[] = [];
  for (const sibling of node.parentElement?.children ?? []) {
    if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert) continue;
    sibling.inert = true;
    covered.push(sibling);
  }
  return () => {
    for (const element of covered) element.inert = false;
  };
}
