/**
 * A deck made of script-injection payloads, for the XSS tests. Half of it comes from the real build
 * of a hostile note (front matter, headings, authored cards, code fence info strings, tables, links);
 * the other half is written by hand, so every field a page or an export shows (deck name, topic path,
 * tags, front, back, extra, cloze gaps, quiz prompts, choices, answers, pairs, explanations) carries
 * a payload whatever the extractors make of the note.
 *
 * Every payload points at `canary` (a local server the test listens on) and calls `alert`, so a
 * payload that runs shows as a dialog or as a request there.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDeck, writeDeck } from '../../src/deck/file.ts';
import { buildDeckFile } from '../../src/deck/pipeline.ts';
import { parseDeck } from '../../src/deck/schema.ts';
import type { Card, Deck, QuizItem } from '../../src/deck/types.ts';

/** The payloads, each with a name that shows in a failure. `C` stands for the canary URL. */
const PAYLOADS = {
  script: `<script>alert('script');fetch('C/script')</script>`,
  img: `<img src=C/img onerror="alert('img')">`,
  svg: `<svg onload="alert('svg')"><image href="C/svg"/></svg>`,
  jsLink: `<a href="javascript:alert('js-link')">raw link</a>`,
  breakout: `"'><img src=C/breakout onerror=alert('breakout')>`,
  iframe: `<iframe src="C/iframe"></iframe>`,
  style: `<link rel="stylesheet" href="C/style"><style>@import url(C/import);</style>`,
};

/** The payloads, each with a name that shows in a failure, pointing at `canary`. */
export function payloads(canary: string): Record<keyof typeof PAYLOADS, string> {
  const entries = Object.entries(PAYLOADS).map(([k, v]) => [k, v.replaceAll('C/', `${canary}/`)]);
  return Object.fromEntries(entries) as Record<keyof typeof PAYLOADS, string>;
}

/** The hostile note, as a student might paste it: every Markdown place HTML can hide in. */
export function hostileNote(canary: string): string {
  const p = payloads(canary);
  return `---
title: "恶意${p.img.replaceAll('"', "'")}"
tags: ["${p.script.replaceAll('"', "'")}", "svg${p.svg.replaceAll('"', "'")}"]
---

# Docker ${p.svg}

## 安全 ${p.img}

### 脚本 ${p.script}

问题一 ${p.svg}::答案一 ${p.img}

[Markdown 链接](javascript:alert('md-link')) 有什么用::点击 ${p.jsLink} 和 [这里](javascript:alert('md-link-2'))

恶意命令 \`docker run ${p.breakout}\` 是什么意思？
?
\`\`\`${p.breakout}
docker run --name "${p.script}" nginx
\`\`\`

容器：一个进程 ${p.iframe}。

| 指令 | 作用 |
| --- | --- |
| \`CMD\` | 默认命令 ${p.script} |
| \`ENTRYPOINT\` | 入口 ${p.img} |

~~~${p.img}
${p.style}
~~~
`;
}

/** Builds the hostile note into a deck, adds the hand-written cards and quiz items, writes it. */
export async function writeHostileDeck(notesDir: string, deckPath: string, canary: string): Promise<Deck> {
  await writeFile(join(notesDir, 'hostile.md'), hostileNote(canary));
  await buildDeckFile({ notes: notesDir, out: deckPath, threads: 1, useCache: false });
  const built = await readDeck(deckPath);
  const p = payloads(canary);
  const all = Object.values(p).join(' ');
  const deckName = built.decks[0]?.name ?? `恶意${p.img}`;
  const source = { file: 'hostile.md', headingPath: ['Docker', `安全 ${p.img}`], line: 7, endLine: 30 };
  const tags = [p.script, `topic::${p.svg}`, 'kind::concept'];
  const card = (id: string, kind: Card['kind'], front: string, back: string, extra = all): Card => ({
    id,
    kind,
    deck: deckName,
    key: id,
    front,
    back,
    extra,
    source,
    tags,
  });
  const cards: Card[] = [
    card('x55concept01', 'concept', `什么是 ${p.script} ${p.img}？`, `它是 ${p.svg} ${p.jsLink}`),
    card(
      'x55cloze0001',
      'cloze',
      `填空 {{c1::${p.img}}} 与 {{c2::${p.script}}}`,
      `填空 ${p.img} 与 ${p.script}`,
    ),
    {
      ...card(
        'x55command01',
        'command',
        `运行 ${p.breakout}？`,
        `\`\`\`${p.breakout}\ndocker run ${p.script}\n\`\`\``,
      ),
      answer: `docker run ${p.script}`,
      alternatives: [`docker ${p.img}`],
    },
  ];
  const base = (id: string, cardId: string) => ({
    id,
    cardId,
    deck: deckName,
    prompt: `问题 ${p.svg} ${p.iframe}`,
    explanation: `解释 ${all}`,
    source,
    tags,
  });
  const quiz: QuizItem[] = [
    {
      ...base('x55q-mcq', 'x55concept01'),
      type: 'mcq',
      choices: [p.script, p.img, p.svg, p.jsLink],
      answerIndex: 1,
    },
    { ...base('x55q-tf', 'x55concept01'), type: 'truefalse', answer: false },
    {
      ...base('x55q-typed', 'x55command01'),
      type: 'typed',
      answer: `docker ${p.breakout}`,
      alternatives: [p.script],
    },
    {
      ...base('x55q-match', 'x55cloze0001'),
      type: 'match',
      pairs: [
        { left: p.script, right: p.img, cardId: 'x55concept01' },
        { left: p.svg, right: p.breakout, cardId: 'x55cloze0001' },
        { left: p.iframe, right: p.jsLink, cardId: 'x55command01' },
      ],
    },
  ];
  const deck = parseDeck({ ...built, cards: [...built.cards, ...cards], quiz: [...built.quiz, ...quiz] });
  await writeDeck(deckPath, deck);
  return deck;
}
