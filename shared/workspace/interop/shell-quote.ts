/** POSIX shell quoting: bare when only safe characters, else single quotes (a quote inside as '\''). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
