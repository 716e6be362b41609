import type { Locator } from 'playwright-core';

/** Buttons, tabs and labels whose text does not fit their box (clipped or spilling), and a bar wider than the window. */
export async function clippedControls(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`${root.className}: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
    for (const element of Array.from(root.querySelectorAll<HTMLElement>('button, label, [role="tab"], .badge'))) {
      if (element.offsetParent === null) continue;
      if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) {
        problems.push(`${element.tagName.toLowerCase()} "${element.textContent ?? ''}": ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`);
      }
    }
    return problems;
  });
}

/**
 * True when Chinese text in `element` is drawn with a font that has the glyphs: a character the
 * font lacks is drawn as the same tofu box as a private-use code point, so the two bitmaps match.
 */
export async function drawsChinese(element: Locator, character: string): Promise<boolean> {
  return element.evaluate((node, sample) => {
    const font = getComputedStyle(node).font;
    const draw = (text: string): string => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext('2d')!;
      context.font = font;
      context.fillStyle = '#000';
      context.textBaseline = 'top';
      context.fillText(text, 4, 4);
      return canvas.toDataURL();
    };
    return draw(sample) !== draw('\uE000') && draw(sample) !== draw('');
  }, character);
}
