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

/**
 * How many lines `element`'s text is drawn on: its text nodes' boxes, grouped where they overlap
 * vertically (a pill or a dot beside the text sits a little higher, yet on the same line).
 */
export async function textLines(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const rects: DOMRect[] = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const rect of Array.from(range.getClientRects())) if (rect.width > 0 && rect.height > 0) rects.push(rect);
    }
    rects.sort((a, b) => a.top - b.top);
    let lines = 0;
    let lineBottom = -Infinity;
    for (const rect of rects) {
      if (rect.top >= lineBottom - 1) lines += 1;
      lineBottom = rect.top >= lineBottom - 1 ? rect.bottom : Math.max(lineBottom, rect.bottom);
    }
    return lines;
  });
}

/** The visible elements under `scope` matching `selector` whose text is drawn on more than one line, with their text and line count. */
export async function wrappedTexts(scope: Locator, selector: string): Promise<string[]> {
  const wrapped: string[] = [];
  for (const element of await scope.locator(selector).all()) {
    if (!(await element.isVisible())) continue;
    const lines = await textLines(element);
    if (lines > 1) wrapped.push(`"${(await element.textContent()) ?? ''}": ${lines} lines`);
  }
  return wrapped;
}

/** Buttons, fields and `selector` matches under `scope` that stick out of `scope`'s box or out of the window (pushed off screen or cut by an overflow). */
export async function outOfBounds(scope: Locator, selector = 'button, input, select'): Promise<string[]> {
  return scope.evaluate((root, query) => {
    const box = root.getBoundingClientRect();
    const right = Math.min(box.right, document.documentElement.clientWidth);
    return Array.from(root.querySelectorAll<HTMLElement>(query))
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ element, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.left < box.left - 1 || rect.right > right + 1)
      .map(({ element, rect }) => `${element.tagName.toLowerCase()} "${element.textContent || element.getAttribute('aria-label') || ''}": ${Math.round(rect.left)}–${Math.round(rect.right)} px outside ${Math.round(box.left)}–${Math.round(right)} px`);
  }, selector);
}

/** The text colour and the colour behind `element` (its own background, else the nearest ancestor's that is not transparent), as WCAG 2 relative luminances and their contrast ratio. */
export async function textContrast(element: Locator): Promise<{ textLuminance: number; backgroundLuminance: number; ratio: number }> {
  return element.evaluate((node) => {
    const channels = (colour: string): number[] => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = (colour: string): number => {
      const [r = 0, g = 0, b = 0] = channels(colour).map((value) => {
        const share = value / 255;
        return share <= 0.04045 ? share / 12.92 : ((share + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    let background = 'rgb(255, 255, 255)';
    for (let current: Element | null = node; current !== null; current = current.parentElement) {
      const colour = getComputedStyle(current).backgroundColor;
      if (channels(colour)[3] !== 0) {
        background = colour;
        break;
      }
    }
    const textLuminance = luminance(getComputedStyle(node).color);
    const backgroundLuminance = luminance(background);
    const ratio = (Math.max(textLuminance, backgroundLuminance) + 0.05) / (Math.min(textLuminance, backgroundLuminance) + 0.05);
    return { textLuminance, backgroundLuminance, ratio };
  });
}

/** The words (runs of non-space characters) of `element`'s text that are drawn across two lines although they would fit on one. */
export async function brokenWords(element: Locator): Promise<string[]> {
  return element.evaluate((node) => {
    const broken: string[] = [];
    const width = node.getBoundingClientRect().width;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
      for (const word of (text.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        const wordPx = Array.from(range.getClientRects()).reduce((sum, rect) => sum + rect.width, 0);
        if (tops.size > 1 && wordPx < width) broken.push(word[0]);
      }
    }
    return broken;
  });
}
