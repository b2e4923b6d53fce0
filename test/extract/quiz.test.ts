import { describe, expect, it } from 'vitest';
import { deckSchema } from '../../src/deck/schema.ts';
import type { Card, CardKind, DeckInfo, McqItem, QuizItem, TrueFalseItem } from '../../src/deck/types.ts';
import { cardId } from '../../src/extract/ids.ts';
import { generateQuiz } from '../../src/extract/quiz.ts';
import { topicTag } from '../../src/extract/rules.ts';
import { normalizeText } from '../../src/text/normalize.ts';

/*
 * Cards as the extractors make them from content/docker-notes.md (deck title 试题), written out by hand
 * so these tests do not depend on the extractors' wording of the day.
 */
const DECK = '试题';
const FILE = 'docker-notes.md';

interface CardSpec {
  kind: CardKind;
  key: string;
  front: string;
  back: string;
  path: string[];
  line: number;
  extra?: string;
  answer?: string;
  alternatives?: string[];
  deck?: string;
  /** Only where `cardId` cannot tell two cards apart (see `-P` below). */
  tieBreak?: string;
}

function makeCard(spec: CardSpec): Card {
  const deck = spec.deck ?? DECK;
  return {
    id: cardId(deck, spec.kind, spec.key, spec.tieBreak),
    kind: spec.kind,
    deck,
    key: spec.key,
    front: spec.front,
    back: spec.back,
    extra: spec.extra ?? '',
    source: { file: FILE, headingPath: spec.path, line: spec.line, endLine: spec.line + 2 },
    tags: ['docker', `kind::${spec.kind}`, topicTag(spec.path)],
    ...(spec.answer ? { answer: spec.answer } : {}),
    ...(spec.alternatives ? { alternatives: spec.alternatives } : {}),
  };
}

const RUN = ['Docker', '使用镜像', '运行'];
const LIST = ['Docker', '使用镜像', '列出镜像'];
const NEW = ['Docker', '操作容器', '启动容器', '新建并启动'];
const DAEMON = ['Docker', '操作容器', '守护态运行'];
const DETAIL = ['Docker', '使用镜像', 'Dockerfile定制镜像', '指令详解'];
const EXPOSE = [...DETAIL, 'EXPOSE声明端口'];
const VOLUME = [...DETAIL, 'VOLUME定义匿名卷'];

const flag = (token: string, back: string, path: string[], line: number, command = 'docker run') =>
  makeCard({
    kind: 'flag',
    key: `${command} ${token}`,
    front: `\`${command}\` 的 \`${token}\` 参数有什么作用？`,
    back,
    path,
    line,
    answer: token,
  });

const instruction = (name: string, title: string, back: string, line: number) =>
  makeCard({
    kind: 'instruction',
    key: name,
    front: `Dockerfile 中 \`${name}\` 指令做什么？`,
    back,
    path: [...DETAIL, title],
    line,
    answer: name,
  });

const concept = (term: string, english: string, back: string, path: string[], line: number) =>
  makeCard({ kind: 'concept', key: term, front: `**${term}（${english}）** 是什么？`, back, path, line });

const command = (purpose: string, cmd: string, path: string[], line: number, alternatives?: string[]) =>
  makeCard({
    kind: 'command',
    key: cmd,
    front: `${purpose}用哪个命令？`,
    back: `\`${cmd}\``,
    path,
    line,
    answer: cmd,
    ...(alternatives ? { alternatives } : {}),
  });

const image = concept(
  '镜像',
  'Image',
  '一个特殊的文件系统，提供容器运行所需的程序、库、资源、配置等文件，还包含运行时的配置参数；构建之后内容不会改变。',
  ['Docker', '基本概念', '镜像Image'],
  15,
);
const container = concept(
  '容器',
  'Container',
  '镜像运行时的实体，实质是进程，运行在属于自己的独立命名空间里。',
  ['Docker', '基本概念', '容器Container'],
  29,
);
const repository = concept(
  '仓库',
  'Repository',
  '集中存放同一软件不同版本镜像的地方，每个标签对应一个镜像。',
  ['Docker', '基本概念', '仓库Repository'],
  43,
);
const dangling = concept(
  '虚悬镜像',
  'dangling image',
  '仓库名和标签都为 `<none>` 的镜像，通常是新旧镜像同名时旧镜像的名称被取消而产生的。',
  ['Docker', '使用镜像', '列出镜像', '虚悬镜像'],
  142,
);

const rm = flag('--rm', '容器退出后随之将其删除，避免浪费空间。', RUN, 105);
const listAll = flag(
  '-a',
  '显示包括中间层镜像在内的所有镜像。',
  [...LIST, '中间层镜像'],
  156,
  'docker image ls',
);
const listQuiet = flag('-q', '只列出镜像的 ID。', [...LIST, '特定格式显示'], 181, 'docker image ls');
const interactive = flag('-i', '让容器的标准输入保持打开，以便交互式操作。', NEW, 1142);
const tty = flag('-t', '让 Docker 分配一个伪终端（pseudo-tty）并绑定到容器的标准输入上。', NEW, 1143);
const detach = makeCard({
  kind: 'flag',
  key: 'docker run -d',
  front: '让容器在后台（守护态）运行，`docker run` 要加哪个参数？',
  back: '`-d`',
  path: DAEMON,
  line: 1164,
  answer: '-d',
  extra: '输出可以用 `docker logs` 查看；容器是否长久运行和 `-d` 参数无关。',
});
const publish = flag('-p', '把宿主端口映射到容器端口，将容器的端口服务公开给外界访问。', EXPOSE, 729);
// cardId normalizes case, so `docker run -P` would get the id of `docker run -p`: break the tie by hand.
const publishAll = makeCard({
  kind: 'flag',
  key: 'docker run -P',
  front: '`docker run` 的 `-P` 参数有什么作用？',
  back: '把 EXPOSE 声明的所有端口随机映射到宿主的高位端口。',
  path: EXPOSE,
  line: 730,
  answer: '-P',
  tieBreak: 'uppercase',
});
const volume = flag('-v', '把命名卷或宿主目录挂载到容器内的指定路径。', VOLUME, 717);

const copy = instruction(
  'COPY',
  'COPY复制文件',
  '将构建上下文目录中 `<源路径>` 的文件或目录复制到新一层镜像内的 `<目标路径>` 位置。',
  454,
);
const add = instruction(
  'ADD',
  'ADD更高级的复制文件',
  '在复制的基础上，`<源路径>` 可以是 URL；tar 压缩文件（gzip、bzip2、xz）会被自动解压到 `<目标路径>`。',
  473,
);
const cmd = instruction('CMD', 'CMD容器启动命令', '指定默认的容器主进程的启动命令，运行时可被替换。', 498);
const entrypoint = instruction(
  'ENTRYPOINT',
  'ENTRYPOINT入口点',
  '指定容器启动程序及参数；指定后，`CMD` 的内容会作为参数传给它。',
  524,
);

const copyVsAdd = makeCard({
  kind: 'comparison',
  key: 'COPY|ADD',
  front: '`COPY` 和 `ADD` 有什么区别？',
  back: '`COPY` 只是复制文件，语义明确；`ADD` 还会自动解压缩 tar 文件、可以下载 URL，但会令镜像构建缓存失效。',
  path: [...DETAIL, 'ADD更高级的复制文件'],
  line: 486,
});
const cmdVsEntrypoint = makeCard({
  kind: 'comparison',
  key: 'CMD|ENTRYPOINT',
  front: '`CMD` 和 `ENTRYPOINT` 有什么区别？',
  back: '两者都指定容器启动程序及参数；指定了 `ENTRYPOINT` 后，`CMD` 的内容作为参数传给它：\n\n```dockerfile\nENTRYPOINT ["curl", "-s"]\nCMD ["https://example.com"]\n```',
  path: [...DETAIL, 'ENTRYPOINT入口点'],
  line: 526,
});

const layers = makeCard({
  kind: 'cloze',
  key: 'AUFS 层数限制',
  front: 'UnionFS 有最大层数限制，比如 AUFS 曾经最多不超过 {{c1::42}} 层，现在是不超过 {{c2::127}} 层。',
  back: 'UnionFS 有最大层数限制，比如 AUFS 曾经最多不超过 42 层，现在是不超过 127 层。',
  path: [...DETAIL.slice(0, 3), 'RUN指定命令'],
  line: 325,
});
const shortId = makeCard({
  kind: 'cloze',
  key: '短 ID',
  front: '用短 ID 删除镜像时，短 ID 一般取前 {{c1::3}} 个字符以上，能区分别的镜像就可以。',
  back: '用短 ID 删除镜像时，短 ID 一般取前 3 个字符以上，能区分别的镜像就可以。',
  path: ['Docker', '使用镜像', '删除本地镜像'],
  line: 206,
});
const danglingCloze = makeCard({
  kind: 'cloze',
  key: '虚悬镜像 删除',
  front:
    '仓库名和标签均为 `<none>` 的镜像被称为{{c1::虚悬镜像}}（dangling image），可以用 `{{c2::docker image prune}}` 删除。',
  back: '仓库名和标签均为 `<none>` 的镜像被称为虚悬镜像（dangling image），可以用 `docker image prune` 删除。',
  path: [...LIST, '虚悬镜像'],
  line: 150,
});

const imageLs = command('列出本地已下载的镜像', 'docker image ls', LIST, 111, ['docker images']);
const systemDf = command(
  '查看镜像、容器、数据卷所占用的空间',
  'docker system df',
  [...LIST, '镜像体积'],
  134,
);
const imageRm = command('删除本地镜像', 'docker image rm', ['Docker', '使用镜像', '删除本地镜像'], 200, [
  'docker rmi',
]);
const imagePrune = command('删除虚悬镜像', 'docker image prune', [...LIST, '虚悬镜像'], 152);

const CARDS: Card[] = [
  image,
  container,
  repository,
  rm,
  imageLs,
  systemDf,
  dangling,
  danglingCloze,
  imagePrune,
  listAll,
  listQuiet,
  imageRm,
  shortId,
  layers,
  copy,
  add,
  copyVsAdd,
  cmd,
  entrypoint,
  cmdVsEntrypoint,
  volume,
  publish,
  publishAll,
  interactive,
  tty,
  detach,
].sort((a, b) => a.source.line - b.source.line);

const ZH: DeckInfo = { name: DECK, file: FILE, lang: 'zh', tags: ['docker'], topics: [] };
const SEED = 'deckhand';
const ITEMS = generateQuiz(CARDS, [ZH], SEED);
const quizSchema = deckSchema.shape.quiz;

/** Normalized for comparison, as answers are judged: case, width, spacing and backticks folded. */
const norm = (text: string) => normalizeText(text.replace(/`/g, ''));
/** `-p` and `-P` are different flags; every other pair of texts is the same answer iff normalized equal. */
const sameAnswer = (a: string, b: string) => {
  const flagA = /^`?-\w+`?$/.test(a.trim());
  const flagB = /^`?-\w+`?$/.test(b.trim());
  return flagA && flagB ? a.replace(/`/g, '').trim() === b.replace(/`/g, '').trim() : norm(a) === norm(b);
};
/** Whether a prompt shows an answer: as a whole word for Latin text, anywhere for Chinese. */
const shows = (prompt: string, answer: string) => {
  const text = prompt.replace(/`/g, '').normalize('NFKC').toLowerCase();
  const wanted = answer.replace(/`/g, '').normalize('NFKC').toLowerCase().trim();
  if (/[\p{Script=Han}]/u.test(wanted)) return text.includes(wanted);
  const escaped = wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^a-z0-9_-])${escaped}(?:$|[^a-z0-9_-])`).test(text);
};

function item<T extends QuizItem['type']>(
  items: readonly QuizItem[],
  card: Card,
  type: T,
  variant = 0,
): Extract<QuizItem, { type: T }> {
  const found = items.find((i) => i.id === `${card.id}-${type}-${variant}`);
  if (!found) throw new Error(`no ${type} ${variant} for ${card.key}`);
  return found as Extract<QuizItem, { type: T }>;
}

const ofType = <T extends QuizItem['type']>(items: readonly QuizItem[], type: T) =>
  items.filter((i): i is Extract<QuizItem, { type: T }> => i.type === type);

const cardOf = (id: string) => {
  const found = CARDS.find((c) => c.id === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
};

const correct = (mcq: McqItem) => mcq.choices[mcq.answerIndex] ?? '';
const distractors = (mcq: McqItem) => mcq.choices.filter((_, i) => i !== mcq.answerIndex);

describe('generateQuiz: the items', () => {
  it('are valid deck quiz items with unique ids, each naming a card of the deck', () => {
    expect(() => quizSchema.parse(ITEMS)).not.toThrow();
    expect(new Set(ITEMS.map((i) => i.id)).size).toBe(ITEMS.length);
    for (const i of ITEMS) {
      expect(cardOf(i.cardId).deck).toBe(i.deck);
      expect(i.id.startsWith(`${i.cardId}-${i.type}-`)).toBe(true);
    }
    // Every type is there for these cards.
    expect(new Set(ITEMS.map((i) => i.type))).toEqual(new Set(['mcq', 'truefalse', 'typed', 'match']));
  });

  it('explain with the card back and extra', () => {
    expect(item(ITEMS, rm, 'mcq').explanation).toBe(rm.back);
    expect(item(ITEMS, detach, 'typed').explanation).toBe(`${detach.back}\n\n${detach.extra}`);
  });
});

describe('generateQuiz: multiple choice', () => {
  const mcqs = ofType(ITEMS, 'mcq');

  it('has four distinct choices with the right answer exactly once', () => {
    expect(mcqs.length).toBeGreaterThan(15);
    for (const mcq of mcqs) {
      expect(mcq.choices).toHaveLength(4);
      expect(mcq.answerIndex).toBeGreaterThanOrEqual(0);
      expect(mcq.answerIndex).toBeLessThan(4);
      for (const [i, a] of mcq.choices.entries()) {
        for (const b of mcq.choices.slice(i + 1)) expect(sameAnswer(a, b), `${a} vs ${b}`).toBe(false);
      }
      const card = cardOf(mcq.cardId);
      const expected = mcq.id.endsWith('-mcq-0')
        ? card.back
        : (card.answer ?? card.front.replace(/ 是什么？$/, ''));
      expect(mcq.choices.filter((c) => sameAnswer(c, expected))).toEqual([correct(mcq)]);
    }
  });

  it('asks a card its own question and offers the backs of other cards of the same kind and deck', () => {
    const copyMcq = item(ITEMS, copy, 'mcq');
    expect(copyMcq.prompt).toBe(copy.front);
    expect(correct(copyMcq)).toBe(copy.back);
    for (const mcq of mcqs.filter((m) => m.id.endsWith('-mcq-0'))) {
      const card = cardOf(mcq.cardId);
      const siblings = CARDS.filter((c) => c.kind === card.kind && c.deck === card.deck && c.id !== card.id);
      for (const choice of distractors(mcq)) {
        const from = siblings.filter((c) => sameAnswer(c.back, choice) || sameAnswer(c.answer ?? '', choice));
        expect(from.length, `${choice} in ${mcq.prompt}`).toBeGreaterThan(0);
      }
    }
  });

  it('asks "which flag is this?" with the terms of the same kind as choices', () => {
    const reverse = item(ITEMS, rm, 'mcq', 1);
    expect(reverse.prompt).toBe(
      '下面说的是 `docker run` 的哪个参数？\n\n容器退出后随之将其删除，避免浪费空间。',
    );
    expect(correct(reverse)).toBe('`--rm`');
    const flags = CARDS.filter((c) => c.kind === 'flag').map((c) => `\`${c.answer}\``);
    for (const choice of reverse.choices) expect(flags).toContain(choice);
  });

  it('takes distractors from the nearest topic first', () => {
    // -t is the only other flag under 新建并启动, so the -i question must offer it.
    expect(item(ITEMS, interactive, 'mcq').choices).toContain(tty.back);
    // docker run has enough flags of its own: the docker image ls flags are never offered for -i.
    for (const other of [listAll, listQuiet])
      expect(item(ITEMS, interactive, 'mcq').choices).not.toContain(other.back);
    // -d sits under 操作容器 with -i and -t: both come before the flags of other topics.
    const detachChoices = item(ITEMS, detach, 'mcq').choices;
    expect(detachChoices).toEqual(expect.arrayContaining(['`-i`', '`-t`', '`-d`']));
    expect(detachChoices).not.toEqual(expect.arrayContaining(['`-a`']));
    // docker image ls has just -a and -q: -q is the first distractor for -a.
    expect(item(ITEMS, listAll, 'mcq').choices).toContain(listQuiet.back);
  });

  it('blanks the asked term out of every choice and never offers a choice that names it', () => {
    const lsFlag = (token: string, back: string, line: number) =>
      flag(token, back, LIST, line, 'docker image ls');
    const filter = lsFlag('-f', '过滤器参数 `--filter`，简写 `-f`，按条件过滤镜像。', 170);
    const format = lsFlag('--format', '和 `-q` 不同，用 Go 模板自定义输出的格式。', 183);
    const quiet = lsFlag('-q', '只列出镜像的 ID。', 181);
    const cards = [
      lsFlag('-a', '显示包括中间层镜像在内的所有镜像。', 156),
      filter,
      quiet,
      format,
      lsFlag('--digests', '显示镜像摘要。', 215),
    ].map((c) => (c.key === 'docker image ls -f' ? { ...c, alternatives: ['--filter'] } : c));
    const items = generateQuiz(cards, [ZH], SEED);
    const filterMcq = item(items, filter, 'mcq');
    expect(correct(filterMcq)).toBe('过滤器参数 `____`，简写 `____`，按条件过滤镜像。');
    // The true statement keeps the back as the notes wrote it.
    expect(item(items, filter, 'truefalse').prompt).toBe(
      `\`docker image ls\` 的 \`-f\` 参数的作用：${filter.back}`,
    );
    // --format's meaning names -q: offering it for the -q question would give the answer away.
    expect(item(items, quiet, 'mcq').choices.some((c) => c.includes('-q'))).toBe(false);
    expect(item(items, quiet, 'mcq').choices).not.toContain('和 `-q` 不同，用 Go 模板自定义输出的格式。');
  });

  it('never offers a command that extends the answer, nor pairs both in one match', () => {
    const cards = [
      imageLs,
      command('列出包括中间层镜像在内的所有镜像', 'docker image ls -a', [...LIST, '中间层镜像'], 157),
      systemDf,
      imageRm,
      imagePrune,
    ];
    const items = generateQuiz(cards, [ZH], SEED);
    expect(item(items, imageLs, 'mcq').choices).not.toContain('`docker image ls -a`');
    expect(item(items, imageLs, 'truefalse', 1).prompt).not.toContain('docker image ls -a');
    for (const match of ofType(items, 'match')) {
      const lefts = match.pairs.map((p) => p.left);
      expect(lefts.includes('`docker image ls`') && lefts.includes('`docker image ls -a`')).toBe(false);
    }
  });

  it('tells -p from -P', () => {
    const choices = item(ITEMS, publishAll, 'mcq', 1).choices;
    expect(correct(item(ITEMS, publishAll, 'mcq', 1))).toBe('`-P`');
    expect(choices.filter((c) => c === '`-P`')).toHaveLength(1);
    expect(item(ITEMS, publish, 'mcq').choices).toContain(publishAll.back);
  });

  it('never shows the answer in the prompt', () => {
    for (const mcq of mcqs) expect(shows(mcq.prompt, correct(mcq)), mcq.prompt).toBe(false);
  });

  it('skips a question with fewer than three distractors rather than pad it', () => {
    const three = [copy, add, cmd];
    const items = generateQuiz(three, [ZH], SEED);
    expect(ofType(items, 'mcq')).toEqual([]);
    expect(ofType(items, 'truefalse').length).toBeGreaterThan(0);
    expect(ofType(items, 'typed')).toHaveLength(3);
  });

  it('never offers "all of the above"', () => {
    const backs = [
      '以上都对',
      '一层一层地构建',
      '容器存储层随容器删除而消亡',
      '数据卷的生存周期独立于容器',
      '分层存储',
    ];
    const authored = backs.map((back, i) =>
      makeCard({
        kind: 'authored',
        key: `问题${i}`,
        front: `问题${i}的答案是？`,
        back,
        path: ['Docker', '自测'],
        line: 2000 + i,
      }),
    );
    const items = generateQuiz(authored, [ZH], SEED);
    const choices = ofType(items, 'mcq').flatMap((m) => m.choices);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices).not.toContain('以上都对');
  });
});

describe('generateQuiz: true/false', () => {
  const statements = ofType(ITEMS, 'truefalse');

  it('states the card fact in its own words and language', () => {
    expect(item(ITEMS, rm, 'truefalse').prompt).toBe(`\`docker run\` 的 \`--rm\` 参数的作用：${rm.back}`);
    expect(item(ITEMS, imageLs, 'truefalse').prompt).toBe('列出本地已下载的镜像用 `docker image ls` 命令。');
    expect(item(ITEMS, detach, 'truefalse').prompt).toBe(
      '让容器在后台（守护态）运行，`docker run` 要加 `-d` 参数。',
    );
    expect(item(ITEMS, image, 'truefalse').prompt).toBe(`**镜像（Image）**：${image.back}`);
    expect(item(ITEMS, layers, 'truefalse').prompt).toBe(layers.back);
    for (const s of statements.filter((t) => t.id.endsWith('-0'))) expect(s.answer).toBe(true);
  });

  it('makes false statements from the answer of another card of the same kind, never by negation', () => {
    const falses = statements.filter((s) => !s.answer);
    expect(falses.length).toBeGreaterThan(15);
    for (const falsehood of falses) {
      const card = cardOf(falsehood.cardId);
      if (card.kind === 'cloze' || card.kind === 'comparison') continue;
      const truth = item(ITEMS, card, 'truefalse') as TrueFalseItem;
      const own = truth.prompt.includes(card.back) ? card.back : `\`${card.answer}\``;
      // The sibling's answer as its card states it: its back, or its term.
      const claims = (other: Card) => [other.back, `\`${other.answer}\``];
      const swapped = CARDS.filter(
        (other) =>
          other.id !== card.id &&
          other.kind === card.kind &&
          other.deck === card.deck &&
          claims(other).some((value) => truth.prompt.replace(own, value) === falsehood.prompt),
      );
      expect(swapped.length, falsehood.prompt).toBeGreaterThan(0);
      for (const other of swapped) {
        expect([card.answer, ...(card.alternatives ?? [])]).not.toContain(other.answer ?? '—');
        expect(norm(other.back)).not.toBe(norm(card.back));
      }
    }
  });

  it('makes a false comparison statement by swapping its sides', () => {
    expect(item(ITEMS, copyVsAdd, 'truefalse', 1)).toMatchObject({
      answer: false,
      prompt:
        '`COPY` 和 `ADD`的区别：`ADD` 只是复制文件，语义明确；`COPY` 还会自动解压缩 tar 文件、可以下载 URL，但会令镜像构建缓存失效。',
    });
    // The back of CMD vs ENTRYPOINT says nothing of one side alone: nothing to swap, no false statement.
    expect(ITEMS.some((i) => i.id === `${cmdVsEntrypoint.id}-truefalse-1`)).toBe(false);
  });

  it('makes a false cloze statement by swapping in another card deletion of the same shape', () => {
    const falsehood = item(ITEMS, layers, 'truefalse', 1);
    expect(falsehood.answer).toBe(false);
    // 42 or 127 becomes 3, the only number another cloze card deletes.
    expect([layers.back.replace('42', '3'), layers.back.replace('127', '3')]).toContain(falsehood.prompt);
    // No other card deletes words or code, and a number cannot stand for 虚悬镜像: no false statement.
    expect(ITEMS.some((i) => i.id === `${danglingCloze.id}-truefalse-1`)).toBe(false);
    const base = makeCard({
      kind: 'cloze',
      key: '分层构建',
      front: '镜像构建时会一层层构建，前一层是后一层的{{c1::基础}}。',
      back: '镜像构建时会一层层构建，前一层是后一层的基础。',
      path: ['Docker', '基本概念', '镜像Image', '分层存储'],
      line: 25,
    });
    const swapped = item(generateQuiz([danglingCloze, base], [ZH], SEED), danglingCloze, 'truefalse', 1);
    expect(swapped.prompt).toBe(danglingCloze.back.replace('虚悬镜像', '基础'));
  });
});

describe('generateQuiz: typed answers', () => {
  it('asks for a command, flag or instruction and accepts its alternatives', () => {
    const ls = item(ITEMS, imageLs, 'typed');
    expect(ls).toMatchObject({
      prompt: imageLs.front,
      answer: 'docker image ls',
      alternatives: ['docker images'],
    });
    expect(item(ITEMS, detach, 'typed')).toMatchObject({ prompt: detach.front, answer: '-d' });
    const flagTyped = item(ITEMS, rm, 'typed');
    expect(flagTyped.answer).toBe('--rm');
    expect(flagTyped.prompt).toContain(rm.back);
    expect(item(ITEMS, entrypoint, 'typed').answer).toBe('ENTRYPOINT');
    // Concepts and comparisons have no single term to type.
    expect(ITEMS.some((i) => i.type === 'typed' && [image.id, copyVsAdd.id].includes(i.cardId))).toBe(false);
  });

  it('asks for each cloze deletion with the others shown', () => {
    const first = item(ITEMS, danglingCloze, 'typed', 1);
    expect(first.answer).toBe('虚悬镜像');
    expect(first.prompt).toContain('被称为____（dangling image）');
    expect(first.prompt).toContain('`docker image prune`');
    expect(item(ITEMS, danglingCloze, 'typed', 2)).toMatchObject({ answer: 'docker image prune' });
    const newer = item(ITEMS, layers, 'typed', 2);
    expect(newer.answer).toBe('127');
    expect(newer.prompt).toContain('不超过 42 层，现在是不超过 ____ 层');
  });

  it('never shows the answer or an alternative in the prompt', () => {
    for (const typed of ofType(ITEMS, 'typed')) {
      for (const answer of [typed.answer, ...typed.alternatives])
        expect(shows(typed.prompt, answer), typed.prompt).toBe(false);
    }
  });
});

describe('generateQuiz: matching', () => {
  const matches = ofType(ITEMS, 'match');

  it('pairs 3–6 cards of one kind, or the two sides of a comparison, each side unique', () => {
    expect(matches.length).toBeGreaterThanOrEqual(4);
    for (const match of matches) {
      const kinds = new Set(match.pairs.map((p) => cardOf(p.cardId).kind));
      expect(kinds.size).toBe(1);
      const min = kinds.has('comparison') ? 2 : 3;
      expect(match.pairs.length).toBeGreaterThanOrEqual(min);
      expect(match.pairs.length).toBeLessThanOrEqual(6);
      expect(new Set(match.pairs.map((p) => p.left)).size).toBe(match.pairs.length);
      expect(new Set(match.pairs.map((p) => p.right)).size).toBe(match.pairs.length);
      for (const pair of match.pairs) expect(shows(pair.right, pair.left), pair.right).toBe(false);
    }
  });

  it('matches flags of one command with their meanings', () => {
    const runFlags = matches.find(
      (m) => m.prompt === '把 `docker run` 的参数与作用配对' && m.cardId === rm.id,
    );
    expect(runFlags?.pairs).toEqual([
      { left: '`--rm`', right: rm.back, cardId: rm.id },
      { left: '`-v`', right: volume.back, cardId: volume.id },
      { left: '`-p`', right: publish.back, cardId: publish.id },
      { left: '`-P`', right: publishAll.back, cardId: publishAll.id },
    ]);
  });

  it('matches instructions with their purposes', () => {
    const instructions = matches.find((m) => m.cardId === copy.id);
    expect(instructions?.prompt).toBe('把指令与用途配对');
    expect(instructions?.pairs.map((p) => p.left)).toEqual(['`COPY`', '`ADD`', '`CMD`', '`ENTRYPOINT`']);
    expect(instructions?.pairs[2]).toEqual({ left: '`CMD`', right: cmd.back, cardId: cmd.id });
  });

  it('explains each pair by what the card says the term does, never a term by itself', () => {
    const commands = matches.find((m) => m.pairs.some((p) => p.cardId === imageLs.id));
    expect(commands?.explanation.split('\n')).toContain('`docker image ls`：列出本地已下载的镜像');
    for (const match of matches) {
      for (const line of match.explanation.split('\n')) {
        const [term, meaning] = line.split('：');
        expect(meaning?.trim(), line).not.toBe(term?.trim());
      }
    }
  });

  it('matches the sides of a comparison with what sets each apart', () => {
    const sides = matches.find((m) => m.cardId === copyVsAdd.id);
    expect(sides?.pairs).toEqual([
      { left: '`COPY`', right: '`____` 只是复制文件，语义明确', cardId: copyVsAdd.id },
      {
        left: '`ADD`',
        right: '`____` 还会自动解压缩 tar 文件、可以下载 URL，但会令镜像构建缓存失效',
        cardId: copyVsAdd.id,
      },
    ]);
  });
});

describe('generateQuiz: determinism and stability', () => {
  it('gives identical items for the same cards and seed', () => {
    expect(generateQuiz(structuredClone(CARDS), [ZH], SEED)).toEqual(ITEMS);
  });

  it('gives other choices for another seed, under the same ids', () => {
    const other = generateQuiz(CARDS, [ZH], 'another seed');
    expect(other.map((i) => i.id)).toEqual(ITEMS.map((i) => i.id));
    const changed = other.filter((i, n) => JSON.stringify(i) !== JSON.stringify(ITEMS[n]));
    expect(changed.length).toBeGreaterThan(5);
  });

  it('leaves every item alone when a card is added to another deck', () => {
    const git = makeCard({
      kind: 'flag',
      key: 'git commit -m',
      front: 'What does `git commit -m` do?',
      back: 'Uses the given text as the commit message.',
      path: ['Git', 'Basics'],
      line: 3,
      answer: '-m',
      deck: 'Git',
    });
    const items = generateQuiz([git, ...CARDS], [ZH, { ...ZH, name: 'Git', lang: 'en' }], SEED);
    expect(items.filter((i) => i.deck === DECK)).toEqual(ITEMS);
  });

  it('leaves other items alone when a flag of another command is added under a far topic', () => {
    const build = makeCard({
      kind: 'flag',
      key: 'docker build -f',
      front: '`docker build` 的 `-f` 参数有什么作用？',
      back: '指定某个文件作为 Dockerfile。',
      path: ['Docker', '使用镜像', 'Dockerfile定制镜像', '镜像构建上下文（Context）'],
      line: 399,
      answer: '-f',
    });
    const items = generateQuiz([...CARDS, build], [ZH], SEED);
    const unrelated = (i: QuizItem) =>
      cardOf(i.cardId).kind !== 'flag' || cardOf(i.cardId).key.startsWith('docker run');
    const before = ITEMS.filter((i) => unrelated(i) && i.type !== 'match');
    expect(items.filter((i) => i.cardId !== build.id && unrelated(i) && i.type !== 'match')).toEqual(before);
    // Matching groups of other kinds and of docker run stay as they were.
    const runMatch = (list: QuizItem[]) => list.find((i) => i.type === 'match' && i.cardId === rm.id);
    expect(runMatch(items)).toEqual(runMatch(ITEMS));
  });
});

describe('generateQuiz: English notes', () => {
  const git = (kind: CardKind, key: string, front: string, back: string, line: number, answer?: string) =>
    makeCard({
      kind,
      key,
      front,
      back,
      path: ['Git', 'Basics'],
      line,
      deck: 'Git',
      ...(answer ? { answer } : {}),
    });
  const cards = [
    git(
      'command',
      'git status',
      'Which command shows the working tree status?',
      '`git status`',
      1,
      'git status',
    ),
    git(
      'command',
      'git commit',
      'Which command records changes to the repository?',
      '`git commit`',
      2,
      'git commit',
    ),
    git(
      'command',
      'git fetch',
      'Which command downloads objects from another repository?',
      '`git fetch`',
      3,
      'git fetch',
    ),
    git(
      'command',
      'git branch',
      'Which command lists, creates, or deletes branches?',
      '`git branch`',
      4,
      'git branch',
    ),
    git(
      'flag',
      'git commit -m',
      'What does `git commit -m` do?',
      'Uses the given text as the commit message.',
      5,
      '-m',
    ),
    git(
      'flag',
      'git commit -a',
      'What does `git commit -a` do?',
      'Stages modified tracked files first.',
      6,
      '-a',
    ),
    git(
      'flag',
      'git commit -v',
      'What does `git commit -v` do?',
      'Shows the diff in the message template.',
      7,
      '-v',
    ),
    git(
      'flag',
      'git commit --amend',
      'What does `git commit --amend` do?',
      'Replaces the tip of the branch.',
      8,
      '--amend',
    ),
  ];
  const items = generateQuiz(
    cards,
    [{ name: 'Git', file: 'git.md', lang: 'en', tags: [], topics: [] }],
    SEED,
  );
  const [status, , , , message] = cards as [Card, Card, Card, Card, Card];

  it('words statements and questions in English', () => {
    expect(item(items, status, 'truefalse').prompt).toBe(
      'The command `git status` shows the working tree status.',
    );
    expect(item(items, status, 'truefalse', 1).prompt).toMatch(
      /^The command `git (commit|fetch|branch)` shows the working tree status\.$/,
    );
    expect(item(items, message, 'truefalse').prompt).toBe(`\`git commit -m\`: ${message.back}`);
    expect(item(items, message, 'mcq', 1).prompt).toBe(
      `Which flag of \`git commit\` is described here?\n\n${message.back}`,
    );
    expect(ofType(items, 'match').map((m) => m.prompt)).toEqual([
      'Match each command to what it does',
      'Match each flag of `git commit` to what it does',
    ]);
  });
});
