import { useTranslation } from 'react-i18next';
import { namespaces } from '../../shared/i18n/resources.js';

/**
 * The window's translate function, taking keys written whole as `namespace:dotted.key` from any
 * catalogue (shared/i18n/README.md); re-renders the caller when the language changes.
 */
export function useT() {
  return useTranslation(namespaces).t;
}
