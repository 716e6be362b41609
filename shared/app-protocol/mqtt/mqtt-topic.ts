/** True when a topic name matches a subscription's filter with its `+` and `#` wildcards (MQTT 5 §4.7). */
export function topicMatches(filter: string, topic: string): boolean {
  const shared = /^\$share\/[^/]+\/(.*)$/.exec(filter);
  const levels = (shared?.[1] ?? filter).split('/');
  const topicLevels = topic.split('/');
  // §4.7.2: a filter starting with a wildcard does not match topics starting with $.
  if (topic.startsWith('$') && (levels[0] === '+' || levels[0] === '#')) return false;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level === '#') return true;
    if (i >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[i]) return false;
  }
  return levels.length === topicLevels.length;
}
