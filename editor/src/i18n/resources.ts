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
  type ErrorEntry,
} from '@herald/engine';
import enCommon from './en/common.json';
import enLabels from './en/labels.json';
import zhCommon from './zh-CN/common.json';
import zhLabels from './zh-CN/labels.json';
import zhErrors from './zh-CN/errors.json';

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The error table's words for a marketer, by code (only the codes the editor shows in words). */
const enErrors: Record<string, string> = Object.fromEntries(
  Object.entries(errorTable as Record<string, ErrorEntry>)
    .filter(([, e]) => e.words !== undefined)
    .map(([code, e]) => [code, e.words!]),
);

const en = {
  ...enCommon,
  labels: {
    ...enLabels,
    method: Object.fromEntries(methodIds.map((m) => [m, capabilityOf(m).label])) as Record<string, string>,
    channel: Object.fromEntries(Object.entries(channelKindLabels).map(([k, label]) => [k, titleCase(label)])) as Record<
      string,
      string
    >,
    step: { ...nodeKindLabels } as Record<string, string>,
  },
  errors: enErrors,
};

const zhCN = { ...zhCommon, labels: zhLabels, errors: zhErrors };

/** English's catalogue, the shape every language has. */
export type Catalogue = typeof en;

/** Every language's catalogue, as i18next takes them. */
export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;
