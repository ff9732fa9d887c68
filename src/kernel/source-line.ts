/**
 * "Lähde: https://…" / "Källa:" / "Source:": the line a page saved as text gives its own address
 * in. Ingestion reads the address from it; an answer never quotes it, since the citation already
 * links the page.
 */
export const SOURCE_LINE =
  /^\s*(?:lähde|källa|source|url|osoite|adress|address)\s*:\s*(https?:\/\/\S+)\s*$/imu;

/** Whether a line is only the page's own address. */
export function isSourceLine(line: string): boolean {
  return !line.includes('\n') && SOURCE_LINE.test(line);
}
