import { useLayoutEffect, useRef } from 'react';
import type { CellFace } from './cell-texts.js';

/** The CSS font (for a canvas) of each face the grid draws cells in, and of its header labels. */
export type CellFaces = Readonly<Record<CellFace | 'header', string>>;

const FACES: readonly (CellFace | 'header')[] = ['header', 'mono', 'text', 'textBold', 'textItalic'];

/** The font of an element as a canvas takes it: from its parts, since the `font` shorthand is empty when a longhand has no shorthand form. */
function canvasFont(element: Element): string {
  const style = getComputedStyle(element);
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

/**
 * Hidden cells in every face the grid draws text in, styled by app.css's own rules (which alone
 * decide the fonts), read once when drawn, so texts are measured in the fonts the rows use even
 * before the timeline has a row.
 */
export function CellFaceProbe({ onRead }: { onRead: (faces: CellFaces) => void }) {
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = root.current;
    if (!element) return;
    const faces = Object.fromEntries(FACES.map((face) => [face, canvasFont(element.querySelector(`[data-face="${face}"]`) as Element)])) as CellFaces;
    onRead(faces);
    // Fonts come from the stylesheet, which does not change while the window is open.
  }, []);
  return (
    <div ref={root} className="cell-face-probe" aria-hidden="true">
      <div className="row header-row"><span className="cell" data-face="header" /></div>
      <div className="row">
        <span className="cell mono" data-face="mono" />
        <span className="cell" data-face="text" />
      </div>
      <div className="row row-control"><span className="cell opcode" data-face="textBold" /></div>
      <div className="row row-fragment"><span className="cell opcode" data-face="textItalic" /></div>
    </div>
  );
}
