import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { SAME_AS_ENGLISH } from './same-as-english';

// Every messages file against English: the same keys, every value valid ICU with the same
// arguments and tags, a plural branch for every whole number's category in that language, and
// nothing left in English that the allow-list does not name.

const DIR = join(process.cwd(), 'messages');
const read = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;

function flatten(messages: Record<string, unknown>, prefix = '', into = new Map<string, string>()) {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') into.set(prefix + key, value);
    else flatten(value as Record<string, unknown>, `${prefix}${key}.`, into);
  }
  return into;
}

type Shape = { args: Set<string>; tags: Set<string>; plurals: Array<{ name: string; branches: string[] }> };

/**
 * The arguments, tags and plural branches a message uses. A number or date argument keeps its kind;
 * a language may choose by a plain argument (a select or plural where English just inserts it).
 */
function shapeOf(
  elements: MessageFormatElement[],
  shape: Shape = { args: new Set(), tags: new Set(), plurals: [] },
) {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        shape.args.add(element.value);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        shape.args.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        shape.args.add(element.value);
        if (element.type === TYPE.plural)
          shape.plurals.push({ name: element.value, branches: Object.keys(element.options) });
        for (const option of Object.values(element.options)) shapeOf(option.value, shape);
        break;
      case TYPE.tag:
        shape.tags.add(element.value);
        shapeOf(element.children, shape);
        break;
    }
  }
  return shape;
}

const WHOLE_NUMBERS = Array.from({ length: 1001 }, (_, n) => n);

const english = flatten(read('en.json'));
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'en.json');

describe.each(files)('messages/%s', (file) => {
  const locale = file.replace(/\.json$/, '');
  const messages = flatten(read(file));

  it('has exactly the keys of English', () => {
    expect([...messages.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !messages.has(k))).toEqual([]);
  });

  it('parses as ICU with the arguments and tags of English', () => {
    const mismatched: string[] = [];
    for (const [key, value] of messages) {
      const source = english.get(key);
      if (source === undefined) continue;
      let shape: Shape;
      try {
        shape = shapeOf(parse(value));
      } catch (error) {
        mismatched.push(`${key}: not ICU (${(error as Error).message})`);
        continue;
      }
      const expected = shapeOf(parse(source));
      const list = (set: Set<string>) => [...set].sort().join(',');
      if (list(shape.args) !== list(expected.args) || list(shape.tags) !== list(expected.tags)) {
        mismatched.push(
          `${key}: ${list(shape.args)} ${list(shape.tags)} ≠ ${list(expected.args)} ${list(expected.tags)}`,
        );
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('has a plural branch for every whole number in the language', () => {
    const rules = new Intl.PluralRules(locale);
    const valid = new Set<string>(rules.resolvedOptions().pluralCategories);
    const wrong: string[] = [];
    for (const [key, value] of messages) {
      if (!english.has(key)) continue;
      let plurals: Shape['plurals'];
      try {
        plurals = shapeOf(parse(value)).plurals;
      } catch {
        continue; // reported above
      }
      for (const { name, branches } of plurals) {
        const categories = branches.filter((b) => !b.startsWith('='));
        const unknown = categories.filter((b) => !valid.has(b));
        // A number takes its exact branch (`=0`) when there is one, else its category's.
        const missing = [
          ...new Set(WHOLE_NUMBERS.filter((n) => !branches.includes(`=${n}`)).map((n) => rules.select(n))),
        ].filter((c) => !categories.includes(c));
        if (unknown.length || missing.length || !categories.includes('other')) {
          wrong.push(`${key} {${name}}: unknown [${unknown}] missing [${missing}]`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leaves nothing in English that the allow-list does not name', () => {
    // A value without letters (an argument, a dash) is the same in every language.
    const hasLetters = (value: string) => /\p{L}/u.test(value.replace(/\{[^{}]*\}/g, ''));
    const untranslated = [...messages]
      .filter(([key, value]) => value === english.get(key) && hasLetters(value))
      .filter(([key]) => !SAME_AS_ENGLISH[key]?.includes(locale))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});

describe('the allow-list of values kept in English', () => {
  it('names only keys that exist and values that are the same as English', () => {
    const stale = Object.entries(SAME_AS_ENGLISH).flatMap(([key, locales]) =>
      locales
        .filter((locale) => flatten(read(`${locale}.json`)).get(key) !== english.get(key))
        .map((locale) => `${locale}:${key}`),
    );
    expect(stale).toEqual([]);
  });
});
