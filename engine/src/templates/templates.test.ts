import { describe, expect, it } from 'vitest';
import { checkTemplate } from './check-template';
import { isPersonalised, renderMessages, renderTemplate } from './render-template';
import type { TemplateContact } from './template-context';

const mei: TemplateContact = {
  name: 'mei',
  externalId: 'crm-1',
  email: 'mei@example.com',
  phone: null,
  timezone: 'Asia/Shanghai',
  tags: ['VIP', 'Shanghai'],
  attributes: { city: 'Shanghai', points: 1200 },
};

describe('rendering a message for a contact', () => {
  it.each([
    ['Hi {{contact.name}}', 'Hi mei'],
    ['Hi {{ contact.name | capitalize }}', 'Hi Mei'],
    ['{{ contact.phone | default: "no phone" }}', 'no phone'],
    ['{% if contact.tags contains "VIP" %}Dear VIP{% else %}Hello{% endif %}', 'Dear VIP'],
    ['{{ contact.attributes.points | plus: 100 }} points in {{ contact.attributes.city }}', '1300 points in Shanghai'],
    ['{{ contact.tags | join: ", " }} ({{ contact.tags.size }})', 'VIP, Shanghai (2)'],
    ['No Liquid at all }}', 'No Liquid at all }}'],
  ])('%s', (text, expected) => {
    expect(renderTemplate(text, mei)).toBe(expected);
  });

  it('gives defaults to a contact with nothing known', () => {
    expect(renderTemplate('Hi {{ contact.name | default: "friend" }}')).toBe('Hi friend');
  });

  it('is sandboxed: no prototype, no files, no runaway loops', () => {
    expect(renderTemplate('[{{ contact.constructor }}{{ contact.attributes.__proto__ }}]', mei)).toBe('[]');
    expect(() => renderTemplate('{% include "/etc/passwd" %}', mei)).toThrow(/could not be personalised/);
    expect(() => renderTemplate('{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}', mei)).toThrow(
      expect.objectContaining({ code: 'HERALD_ERR_TEMPLATE_RENDER' }),
    );
  });

  it('renders texts and template fields, leaving other messages alone', () => {
    expect(
      renderMessages(
        [
          { type: 'text', text: 'Hi {{ contact.name }}' },
          { type: 'template', templateId: 't', fields: ['first'], data: { first: '{{ contact.email }}' } },
        ],
        mei,
      ),
    ).toEqual([
      { type: 'text', text: 'Hi mei' },
      { type: 'template', templateId: 't', fields: ['first'], data: { first: 'mei@example.com' } },
    ]);
  });
});

describe('checking a template', () => {
  it('knows which texts read the contact', () => {
    expect(isPersonalised([{ type: 'text', text: 'Hi {{contact.name}}' }])).toBe(true);
    expect(isPersonalised([{ type: 'text', text: '{% if true %}Hi all{% endif %}' }])).toBe(false);
    expect(isPersonalised([{ type: 'text', text: 'Hi all' }])).toBe(false);
  });

  it('names unknown variables as written and keeps the text outside tags', () => {
    expect(checkTemplate('Hi {{ user.name }} {{ contact.attributes[contact.nick] }}!')).toMatchObject({
      invalid: null,
      unknown: ['user.name', 'contact.nick'],
      fixedText: 'Hi  !',
    });
  });
});
