/**
 * The text a chunk is indexed and embedded under: its municipality, title and section before its
 * body: headings carry words the body leaves out ("Toiminta-avustus" above "Hakuaika on ...").
 * Ingestion and the searcher's re-analysis must build it the same way, hence one function.
 */
export function indexedText(parts: {
  municipality?: string | null;
  title: string;
  section?: string | null;
  text: string;
}): string {
  return [parts.municipality, parts.title, parts.section, parts.text].filter(Boolean).join('\n');
}

