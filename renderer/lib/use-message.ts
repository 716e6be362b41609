import { renderMessage, type Message } from '../../shared/i18n/message.js';
import { useT } from './use-t.js';

/** Renders engine messages (shared/i18n/message.ts) in the window's language; re-renders the caller when it changes. */
export function useMessage(): (text: Message) => string {
  const t = useT();
  return (text) => renderMessage(t, text);
}
