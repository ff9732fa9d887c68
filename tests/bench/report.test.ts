/**
 * bench/RESULTS.md is read as tables: a row with more cells than its header shifts every figure
 * into the wrong column.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BENCH_DIR, readScaleRecords, renderResultsMarkdown, SUMMARY_HEADER } from '../../bench/report.ts';

/** Cells of a Markdown table row (pipes inside code spans do not split). */
function cells(line: string): number {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.replace(/`[^`]*`/g, 'code').split('|').length;
}

/** Every table in the Markdown as [header, ...rows]. */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (cur ??= []).push(line);
    else if (cur) {
      out.push(cur);
      cur = undefined;
    }
  }
  if (cur) out.push(cur);
  return out;
}

describe('RESULTS.md rendering', () => {
  const records = readScaleRecords(join(BENCH_DIR, 'results'));
  const md = renderResultsMarkdown(records);

  it('renders from the committed results', () => {
    expect(records.length).toBeGreaterThan(0);
    expect(md).toContain('## Summary');
  });

  it('gives every row of every table as many cells as its header', () => {
    const all = tables(md);
    expect(all.length).toBeGreaterThan(3);
    for (const t of all) {
      const width = cells(t[0]!);
      for (const line of t.slice(1)) expect([line, cells(line)]).toEqual([line, width]);
    }
  });

  it('puts the summary figures under their own columns', () => {
    const summary = tables(md).find((t) => t[0]!.startsWith('| Database'))!;
    expect(cells(summary[0]!)).toBe(SUMMARY_HEADER.length);
    const first = summary[2]!.split(' | ');
    expect(first[0]).toMatch(/^\| (pglite|postgres)$/);
    expect(first[2]).toMatch(/^(quick|full)$/);
  });
});
