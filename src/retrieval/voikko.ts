/**
 * Finnish morphology from Voikko (libvoikko + the voikko-fi dictionary), reached through the koffi
 * FFI. Optional: when the library, its dictionary or koffi's native part is missing, `Voikko.load`
 * says why and the analyzer keeps its built-in stemming, so `npm install && npm start` works on a
 * machine without Voikko.
 *
 * Install on Debian/Ubuntu: `apt-get install libvoikko1 voikko-fi`.
 */
import { createRequire } from 'node:module';
import { ConfigError } from '../config.ts';
import type { Morphology } from './analyzer.ts';

/** KUMPPANI_MORPHOLOGY: `auto` uses Voikko when it loads, `voikko` requires it, `builtin` never uses it. */
export type MorphologyMode = 'auto' | 'voikko' | 'builtin';

/** What Voikko makes of one Finnish word (lower case), from its most plausible analysis. */
export interface VoikkoWord {
  /**
   * The word's base form; for a participle the verb it comes from ("myönnettyjä" -> "myöntää",
   * "antaman" -> "antaa"), since questions and documents say the same thing with other verb forms.
   */
  baseform: string;
  /** Compound parts, the head in its base form ("järjestöavustusten" -> järjestö, avustus); [] when simple. */
  parts: string[];
}

/** The C library names koffi should try, per platform. */
const LIBRARY_NAMES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['libvoikko.so.1', 'libvoikko.so'],
  darwin: ['libvoikko.1.dylib', '/opt/homebrew/lib/libvoikko.1.dylib', '/usr/local/lib/libvoikko.1.dylib'],
  win32: ['libvoikko-1.dll', 'voikko.dll'],
};

const CACHE_LIMIT = 200_000;

// The subset of koffi's API used here (its own typings are loaded lazily with the module).
type Pointer = bigint | null;
type Fn = (...args: unknown[]) => unknown;
interface Koffi {
  load(name: string): { func(signature: string): Fn };
  decode: ((ptr: bigint, offset: number, type: string) => unknown) & { string(ptr: bigint): string };
  sizeof(type: string): number;
}

export class Voikko implements Morphology {
  private readonly cache = new Map<string, VoikkoWord | null>();
  private readonly pointerSize: number;
  private closed = false;

  private constructor(
    private readonly koffi: Koffi,
    private readonly handle: bigint,
    private readonly fns: {
      analyze: Fn;
      freeAnalysis: Fn;
      keys: Fn;
      value: Fn;
      freeValue: Fn;
      terminate: Fn;
    },
    /** libvoikko's version, e.g. "4.3.1": dictionaries and versions analyse differently. */
    readonly version: string,
  ) {
    this.pointerSize = koffi.sizeof('void *');
  }

  get id(): string {
    return `voikko-${this.version}`;
  }

  /**
   * Loads libvoikko (the first of `names` that loads) with its Finnish dictionary. Returns the
   * reason instead when either is missing, for the caller to log or to turn into an error.
   */
  static load(
    names: string[] = LIBRARY_NAMES[process.platform] ?? ['libvoikko.so.1'],
  ): Voikko | { unavailable: string } {
    let koffi: Koffi;
    try {
      koffi = createRequire(import.meta.url)('koffi') as Koffi;
    } catch (err) {
      return {
        unavailable: `the koffi FFI module did not load (${(err as Error).message}); run npm install`,
      };
    }
    let lib: ReturnType<Koffi['load']> | undefined;
    for (const name of names) {
      try {
        lib = koffi.load(name);
        break;
      } catch {
        // Try the next name; the error below names them all.
      }
    }
    if (!lib) {
      return {
        unavailable: `libvoikko was not found (tried ${names.join(', ')}); install libvoikko1 and voikko-fi`,
      };
    }
    try {
      const init = lib.func(
        'void *voikkoInit(_Out_ const char **error, const char *langcode, const char *path)',
      );
      const fns = {
        analyze: lib.func('void *voikkoAnalyzeWordCstr(void *handle, const char *word)'),
        freeAnalysis: lib.func('void voikko_free_mor_analysis(void *analysis)'),
        keys: lib.func('void *voikko_mor_analysis_keys(void *analysis)'),
        value: lib.func('void *voikko_mor_analysis_value_cstr(void *analysis, const char *key)'),
        freeValue: lib.func('void voikko_free_mor_analysis_value_cstr(void *value)'),
        terminate: lib.func('void voikkoTerminate(void *handle)'),
      };
      const version = String(lib.func('const char *voikkoGetVersion()')());
      const error: Array<string | null> = [null];
      const handle = init(error, 'fi', null) as Pointer;
      if (!handle) {
        return {
          unavailable: `libvoikko ${version} found no Finnish dictionary (${error[0] ?? 'no reason given'}); install voikko-fi`,
        };
      }
      return new Voikko(koffi, handle, fns, version);
    } catch (err) {
      return {
        unavailable: `libvoikko did not initialise (${(err as Error).message}); reinstall libvoikko1 and voikko-fi`,
      };
    }
  }

  /** The word's analysis, or undefined when Voikko does not know it (names, typos, spoken forms). */
  analyse(word: string): VoikkoWord | undefined {
    let hit = this.cache.get(word);
    if (hit === undefined) {
      hit = this.closed ? null : analysisOf(word, this.rawAnalyses(word));
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(word, hit);
    }
    return hit ?? undefined;
  }

  /** Every base form Voikko offers for the word, the most plausible first. */
  baseforms(word: string): string[] {
    return [...new Set(ranked(this.rawAnalyses(word)).map(baseformOf))];
  }

  /** The compound parts of the word's most plausible analysis ([] when it is not a compound). */
  compoundParts(word: string): string[] {
    return this.analyse(word)?.parts ?? [];
  }

  /** Frees the Voikko instance; later calls answer from the cache or as for unknown words. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fns.terminate(this.handle);
  }

  /** All analyses as attribute maps (BASEFORM, WORDBASES, STRUCTURE, PARTICIPLE, …). */
  private rawAnalyses(word: string): Array<Record<string, string>> {
    // Voikko rejects very long input anyway; digits and symbols are not words it knows.
    if (this.closed || word.length < 2 || word.length > 60 || /[^\p{L}-]/u.test(word)) return [];
    const list = this.fns.analyze(this.handle, word) as Pointer;
    if (!list) return [];
    try {
      return this.pointers(list).map((analysis) => {
        const attrs: Record<string, string> = {};
        for (const keyPtr of this.pointers(this.fns.keys(analysis) as bigint)) {
          const key = this.koffi.decode.string(keyPtr);
          const value = this.fns.value(analysis, key) as Pointer;
          if (!value) continue;
          attrs[key] = this.koffi.decode.string(value);
          this.fns.freeValue(value);
        }
        return attrs;
      });
    } finally {
      this.fns.freeAnalysis(list);
    }
  }

  /** A NULL-terminated C array of pointers. */
  private pointers(array: bigint | null): bigint[] {
    const out: bigint[] = [];
    if (!array) return out;
    for (let i = 0; ; i++) {
      const p = this.koffi.decode(array, i * this.pointerSize, 'void *') as Pointer;
      if (!p) return out;
      out.push(p);
    }
  }
}

/** The word cut where STRUCTURE marks a compound boundary ('='); every other mark stands for one letter. */
function pieces(word: string, structure: string): string[] {
  const out: string[] = [];
  let current = '';
  let pos = 0;
  for (const mark of structure) {
    if (mark === '=') {
      if (current) out.push(current);
      current = '';
    } else current += word[pos++] ?? '';
  }
  if (current) out.push(current);
  return out;
}

/**
 * Fewest compound parts first, Voikko's order otherwise: an odd split is usually the wrong one
 * ("nuorisoseuran" is nuoriso + seura, not nuori + sose + ura).
 */
function ranked(analyses: Array<Record<string, string>>): Array<Record<string, string>> {
  const parts = (a: Record<string, string>) => (a.STRUCTURE ?? '').split('=').length;
  return analyses
    .map((a, i) => ({ a, i }))
    .sort((x, y) => parts(x.a) - parts(y.a) || x.i - y.i)
    .map((x) => x.a);
}

function baseformOf(a: Record<string, string>): string {
  const base = (a.BASEFORM ?? '').toLowerCase();
  // A participle's verb ("myönnetty" <- myöntää), from WORDBASES' first morpheme
  // ("+myönne(myöntää)+t+ty(+ty)"), only for simple words: in a compound it is rarely the head.
  const verb = /^\+[^+(]+\(([^)+]+)\)/u.exec(a.WORDBASES ?? '')?.[1];
  if (a.PARTICIPLE && verb && !(a.STRUCTURE ?? '').slice(1).includes('=')) return verb.toLowerCase();
  return base;
}

function analysisOf(word: string, analyses: Array<Record<string, string>>): VoikkoWord | null {
  const best = ranked(analyses)[0];
  if (!best?.BASEFORM) return null;
  const baseform = baseformOf(best);
  const cut = pieces(word, best.STRUCTURE ?? '');
  if (cut.length < 2) return { baseform, parts: [] };
  // Modifiers as they stand in the word ("kokoontumis", "pohjois"); the head as what the base form
  // has after them ("avustus"), which is the head's base form whenever the modifiers do not inflect.
  const modifiers = cut.slice(0, -1);
  const prefix = modifiers.join('');
  const full = best.BASEFORM.toLowerCase();
  const head =
    full.startsWith(prefix) && full.length > prefix.length ? full.slice(prefix.length) : cut[cut.length - 1]!;
  return { baseform, parts: [...modifiers, head].map((p) => p.replace(/^-|-$/gu, '')).filter(Boolean) };
}

/**
 * The morphology a mode asks for, with a line for the log. `voikko` without a working Voikko is a
 * start-up error: the operator asked for it and would otherwise get the built-in analysis unseen.
 */
export function openMorphology(mode: MorphologyMode): { morphology?: Voikko; note: string } {
  if (mode === 'builtin') return { note: 'built-in Finnish analysis (KUMPPANI_MORPHOLOGY=builtin)' };
  const loaded = Voikko.load();
  if (loaded instanceof Voikko)
    return { morphology: loaded, note: `Voikko ${loaded.version} Finnish morphology` };
  if (mode === 'voikko') {
    throw new ConfigError([
      `KUMPPANI_MORPHOLOGY: is voikko but ${loaded.unavailable}; or set it to auto to fall back to the built-in analysis`,
    ]);
  }
  return { note: `built-in Finnish analysis: ${loaded.unavailable} to use Voikko` };
}
