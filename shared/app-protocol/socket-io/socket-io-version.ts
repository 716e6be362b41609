import { urlShape } from '../url-shape.js';

/** The Engine.IO version a client asked for in its URL (`EIO=3` or `EIO=4`), if it did. */
export function engineIoVersionOf(url: string): 3 | 4 | undefined {
  const eio = urlShape(url).query.get('EIO');
  return eio === '3' ? 3 : eio === '4' ? 4 : undefined;
}
