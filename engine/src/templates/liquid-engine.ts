// The one Liquid engine of Herald's messages (liquidjs: a maintained, dependency-free Liquid with
// static analysis and resource limits, the same code in the browser and on the server).
import { Liquid, type Template } from 'liquidjs';

/**
 * Sandboxed: no file system (`templates: {}` and no include/render/layout/block tags, so a message
 * cannot read or pull in anything), only own properties of the variables (no prototype walk), filters
 * that exist (a typo is a problem at publish, not an empty string), and limits on parse size, render
 * time and output memory so a template cannot stall a send.
 */
export const liquid = new Liquid({
  templates: {},
  strictFilters: true,
  ownPropertyOnly: true,
  parseLimit: 100_000,
  renderLimit: 100,
  memoryLimit: 10_000_000,
});
for (const tag of ['include', 'render', 'layout', 'block']) delete liquid.tags[tag];

const parsed = new Map<string, Template[]>();

/**
 * A text's parsed templates, kept per process (a send renders one text for thousands of contacts). Throws liquidjs'
 * errors.
 */
export function parseCached(text: string): Template[] {
  const hit = parsed.get(text);
  if (hit) return hit;
  const templates = liquid.parse(text);
  if (parsed.size >= 500) parsed.clear();
  parsed.set(text, templates);
  return templates;
}

/** Whether a text carries Liquid markup at all (an output `{{…}}` or a tag `{%…%}`). */
export const hasLiquid = (text: string): boolean => text.includes('{{') || text.includes('{%');
