let context: CanvasRenderingContext2D | null | undefined;

/** Measured widths by font and text; a layout asks for the same few dozen again and again. */
const measured = new Map<string, number>();
/** Far more than the timeline's texts in two languages and a handful of fonts; past it the cache starts over. */
const MAX_MEASURED = 2000;

/** The width of `text` drawn in `font` (a CSS font shorthand) in px, fractional, measured on a canvas once per font and text; 0 where there is no canvas. */
export function textWidthPx(text: string, font: string): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context || font === '') return 0;
  const key = `${font}\n${text}`;
  const known = measured.get(key);
  if (known !== undefined) return known;
  context.font = font;
  const widthPx = context.measureText(text).width;
  if (measured.size >= MAX_MEASURED) measured.clear();
  measured.set(key, widthPx);
  return widthPx;
}
