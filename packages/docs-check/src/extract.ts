// Fenced code blocks of a README, and the part of each that TypeScript can check.

export interface Block {
  /** The README, relative to the repository root. */
  file: string;
  /** 1-based position among the README's fenced blocks. */
  index: number;
  /** README line (1-based) of the opening fence. */
  line: number;
  lang: string;
  /** The nearest heading above the block ('' before the first one). */
  heading: string;
  text: string;
}

/** What is type-checked of a block: source text and the README line its first line is on. */
export interface Snippet {
  code: string;
  firstLine: number;
  ext: 'ts' | 'tsx';
  /** The file the sample says it is (`// consent.ts`, `<!-- App.vue -->`), if it says one. */
  name: string | null;
}

export type Classified = { kind: 'code'; snippet: Snippet } | { kind: 'skip'; reason: string };

const FENCE = /^(\s*)```(\S*)\s*$/;
const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;

export function extractBlocks(file: string, markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      const h = HEADING.exec(lines[i]!);
      if (h) heading = h[1]!.replaceAll('`', '');
      continue;
    }
    const [, indent, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() !== '```') body.push(lines[j++]!.slice(indent!.length));
    if (j === lines.length) throw new Error(`${file}:${i + 1}: the code block is never closed`);
    blocks.push({ file, index: blocks.length + 1, line: i + 1, lang: lang!, heading, text: body.join('\n') });
    i = j;
  }
  return blocks;
}

// The file a sample names in its first line: `// app/plugins/consent.ts`, `<!-- ConsentUI.vue: … -->`.
const NAMED = /^(?:\/\/|<!--)\s*([\w./-]+\.(?:[cm]?[jt]sx?|vue))(?=[\s:]|-->|$)/;

/** The lines between an opening tag matching `open` and the next `</script>`, or null. */
function scriptBody(block: Block, open: RegExp): { code: string; firstLine: number } | null {
  const lines = block.text.split('\n');
  const start = lines.findIndex((l) => open.test(l));
  if (start < 0) return null;
  if (lines.findIndex((l, k) => k > start && open.test(l)) >= 0)
    throw new Error(`${block.file}:${block.line}: more than one script to check in one block`);
  const end = lines.findIndex((l, k) => k > start && /<\/script>/.test(l));
  if (end < 0) throw new Error(`${block.file}:${block.line}: <script> is never closed`);
  // firstLine: the fence is block.line, its first content line block.line + 1.
  return { code: lines.slice(start + 1, end).join('\n'), firstLine: block.line + 2 + start };
}

/**
 * Decides per block what is checked: ts/tsx/js/jsx whole; the `<script setup lang="ts">` of a Vue
 * block; the `<script type="module">` of an HTML block. JavaScript is checked as TypeScript (the
 * samples are meant to compile in a TypeScript project too, and `declare` needs TypeScript). Shell
 * and HTML without a module script are not code; any other language has no rule yet and throws.
 */
export function classify(block: Block): Classified {
  const name = NAMED.exec(block.text.split('\n')[0]!)?.[1] ?? null;
  switch (block.lang) {
    case 'ts':
    case 'js':
      return { kind: 'code', snippet: { code: block.text, firstLine: block.line + 1, ext: 'ts', name } };
    case 'tsx':
    case 'jsx':
      return { kind: 'code', snippet: { code: block.text, firstLine: block.line + 1, ext: 'tsx', name } };
    case 'vue': {
      const script = scriptBody(block, /<script\s+setup\s+lang="ts"\s*>/);
      if (!script) return { kind: 'skip', reason: 'a Vue component with no <script setup lang="ts">' };
      return { kind: 'code', snippet: { ...script, ext: 'ts', name } };
    }
    case 'html': {
      const script = scriptBody(block, /<script\s+type="module"\s*>/);
      if (script) return { kind: 'code', snippet: { ...script, ext: 'ts', name: null } };
      if (/<script\s+type="importmap"/.test(block.text))
        return { kind: 'skip', reason: 'HTML: an import map (JSON)' };
      return { kind: 'skip', reason: 'HTML markup, no module script' };
    }
    case 'sh':
    case 'bash':
      return { kind: 'skip', reason: 'shell commands' };
    default:
      throw new Error(
        `${block.file}:${block.line}: no rule for \`\`\`${block.lang} blocks: add one to classify() in packages/docs-check/src/extract.ts`,
      );
  }
}
