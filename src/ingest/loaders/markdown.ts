/**
 * Markdown with optional YAML front matter. marked turns the Markdown into HTML so that headings,
 * lists and tables get the same treatment as in web pages and Word files.
 */
import matter from 'gray-matter';
import { Marked } from 'marked';
import YAML from 'yaml';
import { loadHtmlFragment } from './html.ts';
import { UnreadableFileError, type LoaderContext, type LoaderResult } from './types.ts';

const marked = new Marked({ gfm: true, async: false });

/** Parses front matter with `yaml` (YAML 1.2: a date stays the string it was written as). */
const yamlEngine = {
  parse: (s: string): object => (YAML.parse(s) as object | null) ?? {},
  stringify: (o: object): string => YAML.stringify(o),
};

export function loadMarkdown(text: string, ctx: LoaderContext): LoaderResult {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, { engines: { yaml: yamlEngine } });
  } catch (err) {
    throw new UnreadableFileError(
      `invalid YAML front matter in ${ctx.source}: ${(err as Error).message.split('\n')[0]}`,
      {
        cause: err,
      },
    );
  }
  const data = parsed.data as unknown;
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new UnreadableFileError(`front matter of ${ctx.source} must be a YAML mapping (key: value lines)`);
  }
  const html = marked.parse(parsed.content) as string;
  const { blocks, title } = loadHtmlFragment(html);
  return { blocks, title, frontMatter: (data ?? {}) as Record<string, unknown> };
}
