/** Where a popup opens: under an element, or at a point (a context menu). */
export type PopupAnchor = { readonly kind: 'below'; readonly rect: DOMRect; readonly align: 'start' | 'end' } | { readonly kind: 'point'; readonly x: number; readonly y: number };

/** Top-left corner for a popup of `width`×`height` at `anchor`, kept inside the window with a small margin. */
export function popupPosition(anchor: PopupAnchor, width: number, height: number, viewport: { width: number; height: number }): { left: number; top: number } {
  const margin = 4;
  let left: number;
  let top: number;
  if (anchor.kind === 'point') {
    left = anchor.x;
    top = anchor.y;
  } else {
    left = anchor.align === 'start' ? anchor.rect.left : anchor.rect.right - width;
    top = anchor.rect.bottom + 2;
    // No room below: open above the anchor instead.
    if (top + height > viewport.height - margin && anchor.rect.top - height - 2 >= margin) top = anchor.rect.top - height - 2;
  }
  left = Math.max(margin, Math.min(left, viewport.width - width - margin));
  top = Math.max(margin, Math.min(top, viewport.height - height - margin));
  return { left, top };
}
