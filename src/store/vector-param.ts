/**
 * Vectors as one binary `vector[]` parameter. As text, each of a batch's 400 vectors of 512
 * dimensions is a 2 KB literal that the server parses number by number (`vector_in`): at 10k
 * chunks that parse was a quarter of the embedded database's ingestion CPU. In PostgreSQL's binary
 * array format the server copies the floats (`vector_recv`). node-postgres sends a Buffer
 * parameter in binary; the values stored are the same float4s the text literal gave.
 */
import type pg from 'pg';

type Queryable = pg.Pool | pg.PoolClient;

/** The `vector` type's oid, which a binary array names for its elements (set when the extension was created). */
export async function vectorTypeOid(db: Queryable): Promise<number> {
  const r = await db.query<{ oid: number }>(`SELECT 'vector'::regtype::oid::int AS oid`);
  return r.rows[0]!.oid;
}

/**
 * Encodes `vectors` (null: SQL NULL) as the binary form of a one-dimensional `vector[]`: the array
 * header, then per element its length, dimension (int16), a reserved int16 and the floats, all in
 * network byte order, as pgvector's `vector_recv` reads them.
 */
export function binaryVectorArray(oid: number, vectors: ReadonlyArray<readonly number[] | null>): Buffer {
  let size = 20;
  for (const v of vectors) size += 4 + (v ? 4 + 4 * v.length : 0);
  const buf = Buffer.allocUnsafe(size);
  buf.writeInt32BE(1, 0);
  buf.writeInt32BE(vectors.some((v) => v === null) ? 1 : 0, 4);
  buf.writeUInt32BE(oid, 8);
  buf.writeInt32BE(vectors.length, 12);
  buf.writeInt32BE(1, 16);
  let at = 20;
  for (const v of vectors) {
    if (!v) {
      buf.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    if (v.length > 16000) throw new Error(`a vector of ${v.length} dimensions (pgvector takes 16000)`);
    buf.writeInt32BE(4 + 4 * v.length, at);
    buf.writeInt16BE(v.length, at + 4);
    buf.writeInt16BE(0, at + 6);
    at += 8;
    for (const x of v) {
      buf.writeFloatBE(x, at);
      at += 4;
    }
  }
  return buf;
}
