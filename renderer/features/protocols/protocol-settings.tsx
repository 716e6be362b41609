import { PROTOCOL_CHOICES } from '../../../shared/app-protocol/protocol-choice.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { useT } from '../../lib/use-t.js';
import { CheckField, Section, SelectField } from '../connection/form-fields.js';
import { choiceLabelKey } from './protocol-words.js';

/** The settings drawer's application-protocol section: which protocol a new session is read as, and whether its duties keep it alive. */
export function ProtocolSettings({ options, update }: { options: SessionOptions; update: (change: (options: SessionOptions) => SessionOptions) => void }) {
  const t = useT();
  return (
    <Section title={t('protocols:settings.title')}>
      <SelectField label={t('protocols:settings.protocol')} value={options.protocol} options={PROTOCOL_CHOICES.map((choice) => [choice, t(choiceLabelKey(choice))] as const)} onChange={(protocol) => update((o) => ({ ...o, protocol }))} />
      <CheckField label={t('protocols:settings.duties')} checked={options.protocolDuties} onChange={(protocolDuties) => update((o) => ({ ...o, protocolDuties }))} />
    </Section>
  );
}
