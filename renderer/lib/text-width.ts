let context: CanvasRenderingContext2D | null | undefined;

/** The width of `text` drawn in `font` (a CSS font shorthand), measured on a canvas; 0 where there is no canvas. */
export function textWidthPx(text: string, font: string): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context || font === '') return 0;
  context.font = font;
  return Math.ceil(context.measureText(text).width);
}
