// The catalogues, one JSON file per area and language. English words the engine already owns (step
// kinds, send methods, account kinds, the error table's sentences) are read from @herald/engine, keyed
// by code, so they are written once; Chinese has its own entry for each, and catalogues.test.ts fails
// when a key is in one language and not the other.
import {
  capabilityOf,
  channelKindLabels,
  errorTable,
  methodIds,
  nodeKindLabels,
  validationCodes,
  type ErrorEntry,
} from '@herald/engine';
import { roleWords } from '@herald/api/contracts';
import enBroadcasts from './en/broadcasts.json';
import enCanvas from './en/canvas.json';
import enCommon from './en/common.json';
import enComposer from './en/composer.json';
import enLabels from './en/labels.json';
import enPeople from './en/people.json';
import enSetup from './en/setup.json';
import enTeam from './en/team.json';
import zhBroadcasts from './zh-CN/broadcasts.json';
import zhCanvas from './zh-CN/canvas.json';
import zhCommon from './zh-CN/common.json';
import zhComposer from './zh-CN/composer.json';
import zhLabels from './zh-CN/labels.json';
import zhPeople from './zh-CN/people.json';
import zhSetup from './zh-CN/setup.json';
import zhTeam from './zh-CN/team.json';
import zhErrors from './zh-CN/errors.json';

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The error table's words for a marketer, by code (only the codes the editor shows in words). */
const enErrors: Record<string, string> = Object.fromEntries(
  Object.entries(errorTable as Record<string, ErrorEntry>)
    .filter(([, e]) => e.words !== undefined)
    .map(([code, e]) => [code, e.words!]),
);

/** The validator's sentences in English, by code: the canvas shows the engine's own (naming the step). */
const enIssues: Record<string, string> = Object.fromEntries(
  validationCodes.map((code) => [code, (errorTable as Record<string, ErrorEntry>)[code]!.message]),
);

const en = {
  ...enCommon,
  ...enCanvas,
  ...enSetup,
  ...enPeople,
  ...enBroadcasts,
  ...enComposer,
  ...enTeam,
  labels: {
    ...enLabels,
    method: Object.fromEntries(methodIds.map((m) => [m, capabilityOf(m).label])) as Record<string, string>,
    channel: Object.fromEntries(Object.entries(channelKindLabels).map(([k, label]) => [k, titleCase(label)])) as Record<
      string,
      string
    >,
    step: { ...nodeKindLabels } as Record<string, string>,
    // What each role may do: the permissions contract says it once.
    roleWords: { ...roleWords } as Record<string, string>,
  },
  errors: enErrors,
  issues: enIssues,
};

const zhCN = {
  ...zhCommon,
  ...zhCanvas,
  ...zhSetup,
  ...zhPeople,
  ...zhBroadcasts,
  ...zhComposer,
  ...zhTeam,
  labels: zhLabels,
  errors: zhErrors,
};

/** English's catalogue, the shape every language has. */
export type Catalogue = typeof en;

/** Every language's catalogue, as i18next takes them. */
export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;
