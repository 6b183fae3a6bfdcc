// What a message template can read: the contact record, as `contact.<field>`.

/** A contact as templates see it. Absent values are null; tags are names. */
export interface TemplateContact {
  name: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  timezone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
}

/** The fields of `contact` a template may name, with what the composer calls them. */
export const contactFields = {
  name: 'Name',
  external_id: 'External id',
  email: 'Email',
  phone: 'Phone',
  timezone: 'Time zone',
  tags: 'Tags',
  attributes: 'Attribute',
} as const;
export type ContactField = keyof typeof contactFields;

/** A contact with nothing known: what a send that is the same for everyone renders with. */
export const emptyTemplateContact: TemplateContact = {
  name: '',
  externalId: null,
  email: null,
  phone: null,
  timezone: null,
  tags: [],
  attributes: {},
};

/** The variables a template renders with, from a contact (plain objects: the engine reads own properties only). */
export function templateScope(contact: TemplateContact | null | undefined): Record<string, unknown> {
  const c = contact ?? emptyTemplateContact;
  return {
    contact: {
      name: c.name,
      external_id: c.externalId,
      email: c.email,
      phone: c.phone,
      timezone: c.timezone,
      tags: [...c.tags],
      attributes: { ...c.attributes },
    },
  };
}

/** Fields whose value is one piece of text: only its length may be asked of it. */
const textFields = new Set<string>(['name', 'external_id', 'email', 'phone', 'timezone']);

/**
 * Whether a variable path (as liquidjs' static analysis gives it: ['contact', 'name'], ['contact',
 * 'attributes', 'city'], nested paths for variable indexes) names something a contact has.
 */
export function isKnownVariable(path: ReadonlyArray<unknown>): boolean {
  const [root, field, ...rest] = path;
  if (root !== 'contact' || typeof field !== 'string' || !Object.hasOwn(contactFields, field)) return false;
  if (textFields.has(field)) return rest.length === 0 || (rest.length === 1 && rest[0] === 'size');
  if (field === 'tags')
    return (
      rest.length === 0 ||
      (rest.length === 1 && (typeof rest[0] === 'number' || ['size', 'first', 'last'].includes(String(rest[0]))))
    );
  return true; // attributes: any key, any depth (they are the workspace's own data)
}
