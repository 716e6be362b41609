/** The text before each item of a JSON list written one item per line: a line break, then `,` and a line break. */
export function listSeparator(): () => string {
  let isFirst = true;
  return () => {
    const separator = isFirst ? '\n' : ',\n';
    isFirst = false;
    return separator;
  };
}
