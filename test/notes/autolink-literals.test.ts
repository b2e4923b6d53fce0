import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkLazyAutolinkLiterals } from '../../src/notes/autolink-literals.ts';
import { parseMarkdown } from '../../src/notes/parse.ts';

const remarkAsShipped = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

// Text around the places a bare link can start or be refused: CJK and full-width punctuation right
// before a URL, an e-mail after a word character, links and code that must stay untouched.
const piece = fc.oneof(
  fc.constantFrom(
    'https://docs.docker.com/engine/',
    'http://example.com/a_(b)?x=1.',
    'www.docker.com',
    'WWW.Example.org/path',
    '详见https://hub.docker.com。',
    '官网：www.docker.com，',
    'user@example.com',
    'a.b+c@mail.example.cn',
    'mailto:me@example.com',
    'xmpp:me@example.com/home',
    'x@y',
    'ubuntu@sha256:abc',
    '[链接 https://a.com](https://b.com)',
    '<https://c.com>',
    '`curl https://get.docker.com`',
    '**www.bold.com**',
    '*user@em.com*',
    '![img](https://i.com/x.png)',
    '[ref]',
    '镜像Image',
    '：',
    ' ',
    '\n',
    '\n\n',
    '- ',
    '> ',
    '1. ',
    '| a | b |\n| - | - |\n| www.t.com | x@y.z |\n',
    '```\nhttps://in.code.com\n```\n',
    '[ref]: https://def.com\n',
    '[^1]\n\n[^1]: 脚注 https://f.com\n',
  ),
  fc.string({ maxLength: 12 }).map((s) => s.replace(/\r/g, '')),
);
const doc = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));

describe('remarkLazyAutolinkLiterals', () => {
  it('gives the same trees as remark-gfm on random text full of bare links', () => {
    fc.assert(
      fc.property(doc, (text) => {
        expect(parseMarkdown(text)).toEqual(remarkAsShipped.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same tree as remark-gfm on the bundled notes, which hold bare links', () => {
    const notes = readFileSync('content/docker-notes.md', 'utf8');
    const tree = parseMarkdown(notes);
    expect(tree).toEqual(remarkAsShipped.parse(notes));
    expect(JSON.stringify(tree)).toMatch(/"type":"link","title":null,"url":"https?:/);
  });

  it('turns a bare URL and an e-mail into links, and leaves text without one alone', () => {
    const tree = parseMarkdown(
      '# 仓库\n\n详见https://hub.docker.com\n\n无链接：镜像Image\n\n> 联系 me@example.com\n',
    );
    const links: string[] = [];
    JSON.stringify(tree, (key, value) => {
      if (key === 'url') links.push(value);
      return value;
    });
    expect(links).toEqual(['https://hub.docker.com', 'mailto:me@example.com']);
  });

  it('fails loudly when remark-gfm no longer has the pass it replaces', () => {
    expect(() => unified().use(remarkParse).use(remarkLazyAutolinkLiterals).freeze()).toThrow(
      /autolink-literal pass not found/,
    );
  });
});
