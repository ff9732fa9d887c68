/** Reply content for test doubles: blocks and the plain text the kernel makes of them. */
import { plainText } from '../../src/kernel/blocks.ts';
import type { Block, Reply } from '../../src/kernel/types.ts';

/** A text (one uncited answer paragraph) or blocks, with their plain text. */
export function said(content: string | Block[]): Pick<Reply, 'blocks' | 'text'> {
  const blocks: Block[] =
    typeof content === 'string' ? [{ kind: 'answer', parts: [{ text: content, cite: [] }] }] : content;
  return { blocks, text: plainText(blocks) };
}
