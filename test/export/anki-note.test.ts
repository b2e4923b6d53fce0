import { beforeAll, describe, expect, test } from 'vitest';
import type { Deck } from '../../src/deck/types.ts';
import {
  ankiDeckName,
  ankiTag,
  ankiTags,
  escapeHtml,
  fieldChecksum,
  stripHtmlLikeAnki,
  toAnkiNote,
} from '../../src/export/anki-note.ts';
import { cardById, IDS, loadDockerDeck, newCard } from './docker-deck.ts';

let deck: Deck;
beforeAll(async () => {
  deck = await loadDockerDeck();
});

describe('deck names', () => {
  test('the heading path, three levels by default, all levels with depth 0', () => {
    const dangling = cardById(deck, IDS.dangling);
    expect(ankiDeckName(dangling)).toBe('Docker::使用镜像::列出镜像');
    expect(ankiDeckName(dangling, 0)).toBe('Docker::使用镜像::列出镜像::虚悬镜像');
    expect(ankiDeckName(dangling, 1)).toBe('Docker');
  });

  test('text before the first heading goes to the deck name; `::` inside a heading stays one level', () => {
    const noHeading = newCard({
      id: 'x',
      front: 'q',
      back: 'a',
      source: { file: 'f.md', headingPath: [], line: 1, endLine: 1 },
    });
    expect(ankiDeckName(noHeading)).toBe('试题');
    const colons = newCard({
      id: 'y',
      front: 'q',
      back: 'a',
      source: { file: 'f.md', headingPath: ['A::B', '  C  D '], line: 1, endLine: 1 },
    });
    expect(ankiDeckName(colons)).toBe('A:B::C D');
  });
});

describe('tags', () => {
  test('Chinese kept, whitespace (also U+3000) becomes _, quotes and control characters dropped', () => {
    expect(ankiTag('topic::Docker::使用镜像')).toBe('topic::Docker::使用镜像');
    expect(ankiTag(' 镜像 构建\u3000上下文 ')).toBe('镜像_构建_上下文');
    expect(ankiTag('"quoted"\u0007')).toBe('quoted');
  });

  test('kind and topic are added when the build left them out, never twice', () => {
    const bare = newCard({ id: 'z', front: 'q', back: 'a', kind: 'command', tags: ['docker', 'docker'] });
    expect(ankiTags(bare)).toEqual(['docker', 'kind::command', 'topic::Docker::使用镜像::删除本地镜像']);
    expect(ankiTags(cardById(deck, IDS.imageLs))).toEqual([
      'docker',
      'kind::command',
      'topic::Docker::使用镜像::列出镜像',
    ]);
  });
});

describe('fields', () => {
  test('Basic notes: Front, Back, Extra, Source as sanitized HTML', () => {
    const note = toAnkiNote(cardById(deck, IDS.rm));
    expect(note.noteType.name).toBe('Deckhand Basic');
    expect(note.fields).toEqual([
      '<p><code>docker run</code> 的 <code>--rm</code> 参数有什么作用？</p>',
      '<p>容器退出后随之将其删除</p>',
      '<p>默认情况下，为了排障需求，退出的容器并不会立即删除，除非手动<code>docker rm</code>。</p>',
      'docker-notes.md:105 · Docker › 使用镜像 › 运行',
    ]);
  });

  test('cloze notes: every marker becomes c1 (one Anki card, all blanks hidden), back kept when it adds something', () => {
    const card = newCard({
      id: 'c',
      kind: 'cloze',
      front: '端口 {{c1::80}} 和 {{c2::443::https}}',
      back: '常用端口',
      extra: '',
    });
    const note = toAnkiNote(card);
    expect(note.noteType.name).toBe('Deckhand Cloze');
    expect(note.fields[0]).toBe('<p>端口 {{c1::80}} 和 {{c1::443::https}}</p>');
    expect(note.fields[1]).toBe('<p>常用端口</p>');
    expect(toAnkiNote(cardById(deck, IDS.cloze)).fields[1]).not.toContain('127');
  });

  test('authored clozes are Cloze notes, without repeating the revealed sentence in Extra', () => {
    const note = toAnkiNote(
      newCard({
        id: 'f',
        kind: 'authored',
        front: 'AUFS 最多 {{c1::127}} 层',
        back: 'AUFS 最多 127 层',
        extra: '',
      }),
    );
    expect(note.noteType.name).toBe('Deckhand Cloze');
    expect(note.fields[0]).toBe('<p>AUFS 最多 {{c1::127}} 层</p>');
    expect(note.fields[1]).toBe('');
    const qa = toAnkiNote(newCard({ id: 'g', kind: 'authored', front: '问题', back: '答案' }));
    expect(qa.noteType.name).toBe('Deckhand Basic');
  });

  test('a cloze card without markers falls back to the Basic type', () => {
    const note = toAnkiNote(newCard({ id: 'd', kind: 'cloze', front: '没有填空', back: '答案' }));
    expect(note.noteType.name).toBe('Deckhand Basic');
  });

  test('the source field is escaped text', () => {
    const card = newCard({
      id: 'e',
      front: 'q',
      back: 'a',
      source: { file: 'a&b.md', headingPath: ['<h1>'], line: 3, endLine: 4 },
    });
    expect(toAnkiNote(card).fields[3]).toBe('a&amp;b.md:3 · &lt;h1&gt;');
    expect(escapeHtml('"<&>"')).toBe('&quot;&lt;&amp;&gt;&quot;');
  });
});

describe('Anki text stripping and checksum', () => {
  test('tags, comments, style and script removed; entities decoded; nbsp becomes a space; media keep their name', () => {
    expect(stripHtmlLikeAnki('<p>删除 <code>&#x3C;none></code>&nbsp;镜像</p>')).toBe('删除 <none> 镜像');
    expect(stripHtmlLikeAnki('a<!-- c --><style>p{}</style><script>x()</script>b&#39;&amp;')).toBe("ab'&");
    expect(stripHtmlLikeAnki('看 <img src="whale.png"> 图')).toBe('看  whale.png  图');
  });

  test('csum matches values computed independently from the stripped text', () => {
    // int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
    expect(fieldChecksum('<p>Docker 镜像相当于什么？</p>')).toBe(506561730);
    expect(fieldChecksum('<p>仓库名、标签均为 <code>&#x3C;none></code> 的镜像</p>')).toBe(3851030529);
  });
});
