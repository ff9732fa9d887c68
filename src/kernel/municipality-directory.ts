/**
 * The one registry of municipalities a process keeps: which ones the index has documents for
 * (per audience: a municipality with only staff-only documents has none for the public), and the
 * recognition of their names. The dialogue and the answerer share it, so a document added for a
 * new municipality is known to both at the same moment.
 */
import type { Audience, MunicipalityInfo } from './types.ts';
import { MunicipalityRegistry } from './municipalities.ts';

/** How long the list of municipalities with documents is kept before it is read again. */
const TTL_MS = 30_000;

export class MunicipalityDirectory {
  private readonly cache = new Map<Audience, { at: number; registry: Promise<MunicipalityRegistry> }>();

  constructor(
    /** Municipalities with active documents the audience may read (the store's catalogue). */
    private readonly list: (audience: Audience) => Promise<MunicipalityInfo[]>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every indexed name is recognised; only the audience's own documents count as "has documents". */
  registry(audience: Audience): Promise<MunicipalityRegistry> {
    const cached = this.cache.get(audience);
    if (cached && this.now() - cached.at <= TTL_MS) return cached.registry;
    const registry = this.build(audience);
    this.cache.set(audience, { at: this.now(), registry });
    // A failed read is not remembered: the next question tries again.
    registry.catch(() => this.cache.delete(audience));
    return registry;
  }

  private async build(audience: Audience): Promise<MunicipalityRegistry> {
    const all = await this.list('staff');
    if (audience === 'staff') return new MunicipalityRegistry(all);
    const counts = new Map((await this.list(audience)).map((m) => [m.name, m.documents]));
    return new MunicipalityRegistry(all.map((m) => ({ ...m, documents: counts.get(m.name) ?? 0 })));
  }
}
