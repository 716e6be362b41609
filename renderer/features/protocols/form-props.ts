import type { MutableRefObject } from 'react';
import type { ProtocolInput } from '../../../shared/contract/api-protocol.js';

/** What a protocol form would send now, and a short label for the status line. */
export type FormInput = () => { readonly input: ProtocolInput; readonly label: string };

/** Every protocol form writes its current input builder into `onInput` for the composer's Send. */
export interface FormProps {
  readonly onInput: MutableRefObject<FormInput | null>;
}
