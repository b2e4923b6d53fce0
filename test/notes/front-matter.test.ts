import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type FrontMatter, parseMarkdown, readFrontMatter } from '../../src/notes/parse.ts';

/** The front matter as the YAML parser alone reads it (what readFrontMatter did before its fast path). */
function reference(source: string): { frontMatter: FrontMatter; error?: string } {
  const list = (value: unknown): string[] => {
    if (typeof value === 'string') return value.split(/[,，\s]+/).filter(Boolean);
    if (Array.isArray(value)) return value.flatMap(list);
    if (typeof value === 'number') return [String(value)];
    return [];
  };
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch {
    try {
      data = parseYaml(source.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length)));
    } catch (error) {
      return {
        frontMatter: { tags: [], categories: [] },
        error: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      };
    }
  }
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const title = typeof record.title === 'string' && record.title.trim() ? record.title.trim() : undefined;
  return {
    frontMatter: {
      ...(title ? { title } : {}),
      tags: list(record.tags),
      categories: list(record.categories),
    },
  };
}

function read(source: string) {
  const tree: Root = { type: 'root', children: [{ type: 'yaml', value: source }] };
  return readFrontMatter(tree);
}

describe('readFrontMatter', () => {
  it('reads title, tags and categories from the usual flat front matter', () => {
    const tree = parseMarkdown('---\ntitle: 笔记 1\ntags: [docker, bench]\ncategories: docker\n---\n\n# x\n');
    expect(readFrontMatter(tree)).toEqual({
      frontMatter: { title: '笔记 1', tags: ['docker', 'bench'], categories: ['docker'] },
    });
  });

  it('reads any front matter as the YAML parser does: same fields, same errors', () => {
    // Mostly what the fast path reads, with now and then something only the YAML parser can judge.
    const rarely = <T>(common: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 12, arbitrary: common }, { weight: 1, arbitrary: odd });
    const key = rarely(
      fc.constantFrom('title', 'tags', 'categories', 'date', 'a-b', '_x'),
      fc.constantFrom('Title', 'true', 'Null', '- a', ''),
    );
    const colon = rarely(fc.constantFrom(': ', ':  '), fc.constantFrom(':', ': \t', ' : '));
    const word = rarely(
      fc.constantFrom(
        'docker',
        '笔记',
        'a b',
        'yes',
        "it's",
        'x#c',
        'x:y',
        'é',
        '😀',
        'a,b',
        'a，b',
        '\\',
        '=',
      ),
      fc.constantFrom(
        ...['1', '1.5', '-x', '~', 'null', 'True', '.inf', '0x1F', 'x: y', 'x #c', '"q"', "'q'", '`c`', '&a'],
        ...['*a', '|', '>', '%', '@', '?', 'x]', '{a}', '', ' ', '\u3000', '\u00a0', 'x:', '[', ']'],
        ...['2020-07-07 09:58:40', 'a  b'],
      ),
    );
    const list = fc.array(word, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`);
    const value = fc.oneof(
      word,
      list,
      fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
    );
    const line = rarely(
      fc.tuple(key, colon, value).map(([k, c, v]) => `${k}${c}${v}`),
      fc.constantFrom('', '  ', '# comment', '  - docker', '\t- docker', '---', 'x'),
    );
    const source = fc
      .tuple(fc.array(line, { maxLength: 4 }), rarely(fc.constant(''), fc.constantFrom(' ', '\r')))
      .map(([lines, end]) => lines.map((l) => l + end).join('\n'));
    fc.assert(
      fc.property(source, (text) => {
        expect(read(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });
});
