/** Which database a Kysely instance or transaction talks to (only the search SQL needs to know). */
import { PostgresAdapter } from 'kysely';
import type { Dialect } from '../../db/connect.js';
import type { Db } from '../../platform/services.js';

export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
