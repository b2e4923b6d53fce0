import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import { common } from 'lowlight';
import type { Root as MdastRoot } from 'mdast';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * How cloze markers `{{c1::answer::hint}}` are shown: hidden (`front`), revealed (`back`), or kept
 * as they are for Anki, whose Cloze note type reads them itself (`markers`).
 */
export type ClozeMode = 'front' | 'back' | 'markers';

const SHELL_LANGS = new Set(['shell', 'sh', 'zsh', 'console']);
const CLOZE = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/g;

/** Raw HTML in a note is text to show, not markup to run: `<none>` and `<h1>` must stay visible. */
function htmlAsText() {
  return (tree: MdastRoot) => {
    visit(tree, 'html', (node, index, parent) => {
      if (parent && index !== undefined) {
        parent.children[index] = { type: 'text', value: node.value } as never;
      }
    });
    // Notes label shell commands `shell`; highlight them as bash, not as a prompt-and-output session.
    visit(tree, 'code', (node) => {
      if (node.lang && SHELL_LANGS.has(node.lang)) node.lang = 'bash';
    });
  };
}

function clozeSpans(mode: ClozeMode) {
  return (tree: HastRoot) => {
    if (mode === 'markers') return;
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('{{c')) return;
      const parts: ElementContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(CLOZE)) {
        if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
        const shown = mode === 'back' ? (match[2] ?? '') : `[${match[3] ?? '…'}]`;
        const span: Element = {
          type: 'element',
          tagName: 'span',
          properties: { className: ['cloze'] },
          children: [{ type: 'text', value: shown }],
        };
        parts.push(span);
        last = match.index + match[0].length;
      }
      if (parts.length === 0) return;
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...parts);
      return index + parts.length;
    });
  };
}

// Highlighting classes (hljs-*) and language classes are the only attributes we add to the default schema.
const schema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-/, 'hljs']],
    span: [['className', /^hljs-/, 'cloze']],
  },
};

function processor(mode: ClozeMode) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(htmlAsText)
    .use(remarkRehype)
    .use(rehypeHighlight, {
      detect: false,
      languages: { ...common, dockerfile },
      plainText: ['text', 'txt', 'plain', 'console', 'output'],
    })
    .use(clozeSpans, mode)
    .use(rehypeSanitize, schema)
    .use(rehypeStringify)
    .freeze();
}

const processors = { front: processor('front'), back: processor('back'), markers: processor('markers') };

/**
 * Renders a card field (the deck's Markdown subset) to sanitized HTML: code becomes `<pre><code>` with
 * highlighting classes, raw HTML in the note is escaped text, links lose `javascript:` targets.
 * @example renderCardHtml('删除 `<none>` 镜像') // '<p>删除 <code>&#x3C;none></code> 镜像</p>'
 */
export function renderCardHtml(markdown: string, cloze: ClozeMode = 'back'): string {
  return String(processors[cloze].processSync(markdown)).trim();
}
