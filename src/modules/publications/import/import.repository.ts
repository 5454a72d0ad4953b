/** SQL of the import: which of the archive's 索引号 the platform already uses. */
import type { Db } from '../../../platform/services.js';

export async function takenIndexNos(db: Db, indexNos: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < indexNos.length; i += 500) {
    const chunk = indexNos.slice(i, i + 500);
    const rows = await db
      .selectFrom('publications')
      .select('index_no')
      .where('index_no', 'in', chunk)
      .execute();
    for (const r of rows) if (r.index_no) taken.add(r.index_no);
  }
  return taken;
}
