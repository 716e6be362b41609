import 'i18next';
import type { SourceResources } from './resources.js';

// Types every `t('namespace:key')` against the English catalogue, so a key missing there fails the typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: SourceResources;
  }
}
