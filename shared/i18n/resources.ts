import enCli from './locales/en/cli.json' with { type: 'json' };
import enCommon from './locales/en/common.json' with { type: 'json' };
import enConformance from './locales/en/conformance.json' with { type: 'json' };
import enDoctor from './locales/en/doctor.json' with { type: 'json' };
import enFailure from './locales/en/failure.json' with { type: 'json' };
import enProtocols from './locales/en/protocols.json' with { type: 'json' };
import enFanout from './locales/en/fanout.json' with { type: 'json' };
import enWorkspace from './locales/en/workspace.json' with { type: 'json' };
import enRelay from './locales/en/relay.json' with { type: 'json' };
import zhCli from './locales/zh-CN/cli.json' with { type: 'json' };
import zhCommon from './locales/zh-CN/common.json' with { type: 'json' };
import zhConformance from './locales/zh-CN/conformance.json' with { type: 'json' };
import zhDoctor from './locales/zh-CN/doctor.json' with { type: 'json' };
import zhFailure from './locales/zh-CN/failure.json' with { type: 'json' };
import zhProtocols from './locales/zh-CN/protocols.json' with { type: 'json' };
import zhFanout from './locales/zh-CN/fanout.json' with { type: 'json' };
import zhWorkspace from './locales/zh-CN/workspace.json' with { type: 'json' };
import enSessions from './locales/en/sessions.json' with { type: 'json' };
import enTimeline from './locales/en/timeline.json' with { type: 'json' };
import enComposer from './locales/en/composer.json' with { type: 'json' };
import enFrameDetail from './locales/en/frameDetail.json' with { type: 'json' };
import enHandshake from './locales/en/handshake.json' with { type: 'json' };
import enConnection from './locales/en/connection.json' with { type: 'json' };
import enCapture from './locales/en/capture.json' with { type: 'json' };
import enListen from './locales/en/listen.json' with { type: 'json' };
import enShortcuts from './locales/en/shortcuts.json' with { type: 'json' };
import zhSessions from './locales/zh-CN/sessions.json' with { type: 'json' };
import zhTimeline from './locales/zh-CN/timeline.json' with { type: 'json' };
import zhComposer from './locales/zh-CN/composer.json' with { type: 'json' };
import zhFrameDetail from './locales/zh-CN/frameDetail.json' with { type: 'json' };
import zhHandshake from './locales/zh-CN/handshake.json' with { type: 'json' };
import zhConnection from './locales/zh-CN/connection.json' with { type: 'json' };
import zhCapture from './locales/zh-CN/capture.json' with { type: 'json' };
import zhListen from './locales/zh-CN/listen.json' with { type: 'json' };
import zhShortcuts from './locales/zh-CN/shortcuts.json' with { type: 'json' };
import zhRelay from './locales/zh-CN/relay.json' with { type: 'json' };
import enViolations from './locales/en/violations.json' with { type: 'json' };
import zhViolations from './locales/zh-CN/violations.json' with { type: 'json' };
import enErrors from './locales/en/errors.json' with { type: 'json' };
import zhErrors from './locales/zh-CN/errors.json' with { type: 'json' };
import type { Language } from './languages.js';

/**
 * Every message catalogue, by language and namespace. English is the source: its shape types every
 * key (`i18next.d.ts`), and a unit test checks that each other language has exactly its keys.
 * A new namespace is one JSON file per language, imported here.
 */
export const resources = {
  en: { common: enCommon, doctor: enDoctor, cli: enCli, failure: enFailure, workspace: enWorkspace, conformance: enConformance, protocols: enProtocols, relay: enRelay, fanout: enFanout, sessions: enSessions, timeline: enTimeline, composer: enComposer, frameDetail: enFrameDetail, handshake: enHandshake, connection: enConnection, capture: enCapture, listen: enListen, shortcuts: enShortcuts, violations: enViolations,
    errors: enErrors,
  },
  'zh-CN': { common: zhCommon, doctor: zhDoctor, cli: zhCli, failure: zhFailure, workspace: zhWorkspace, conformance: zhConformance, protocols: zhProtocols, relay: zhRelay, fanout: zhFanout, sessions: zhSessions, timeline: zhTimeline, composer: zhComposer, frameDetail: zhFrameDetail, handshake: zhHandshake, connection: zhConnection, capture: zhCapture, listen: zhListen, shortcuts: zhShortcuts, violations: zhViolations,
    errors: zhErrors,
  },
} satisfies Record<Language, Record<string, unknown>>;

/** The English catalogues, whose shape is the type of every key. */
export type SourceResources = (typeof resources)['en'];

/** The namespaces, for i18next's `ns` option. */
export const namespaces = Object.keys(resources.en) as (keyof SourceResources)[];
