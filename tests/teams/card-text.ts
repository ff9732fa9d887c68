/** Reading the Adaptive Cards the bot posts: what they show, and their buttons. */

/** Every text a card shows, one per line. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return texts.join('\n');
}

/** Every Action.Execute button of a card, with the data it sends back. */
export function cardButtons(card: unknown): Array<{ title: string; data: unknown }> {
  const out: Array<{ title: string; data: unknown }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ title: String(o.title), data: o.data });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
