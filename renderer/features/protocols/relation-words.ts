import type { ProtocolRow } from '../../../shared/contract/api-protocol.js';

type Relation = ProtocolRow['links'][number]['relation'];

/** The catalogue key of each link relation, forwards ("acknowledges #3") and backwards ("acknowledged by #7"). */
export const RELATION_KEYS: Record<Relation, { readonly forward: 'protocols:relation.answers' | 'protocols:relation.acknowledges' | 'protocols:relation.belongs-to' | 'protocols:relation.completes' | 'protocols:relation.continues'; readonly backward: 'protocols:relationFrom.answers' | 'protocols:relationFrom.acknowledges' | 'protocols:relationFrom.belongs-to' | 'protocols:relationFrom.completes' | 'protocols:relationFrom.continues' }> = {
  answers: { forward: 'protocols:relation.answers', backward: 'protocols:relationFrom.answers' },
  acknowledges: { forward: 'protocols:relation.acknowledges', backward: 'protocols:relationFrom.acknowledges' },
  'belongs-to': { forward: 'protocols:relation.belongs-to', backward: 'protocols:relationFrom.belongs-to' },
  completes: { forward: 'protocols:relation.completes', backward: 'protocols:relationFrom.completes' },
  continues: { forward: 'protocols:relation.continues', backward: 'protocols:relationFrom.continues' },
};
