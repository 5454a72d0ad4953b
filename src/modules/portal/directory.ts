/**
 * The platform home's directory: every active government with its departments, each linking to
 * its 政府信息公开 section. Merged and abolished agencies keep their sections (their URLs answer),
 * but the directory lists only the agencies that work today.
 */
import type { Db } from '../../platform/services.js';
import { type Agency, toAgency } from '../accounts/accounts.js';
import { listAgencies } from '../accounts/accounts.repository.js';

export interface DirectoryEntry {
  government: Agency;
  departments: Agency[];
}

export interface Directory {
  governments: DirectoryEntry[];
  /** Latest change of any agency (a rename, a new department, a merger). */
  changedAt: string | null;
}

export async function loadDirectory(db: Db): Promise<Directory> {
  const all = (await listAgencies(db)).map(toAgency);
  const active = all.filter((a) => a.status === 'active');
  const governments = active
    .filter((a) => a.kind === 'government')
    .map((government) => ({
      government,
      departments: active.filter((a) => a.parentId === government.id && a.kind === 'department'),
    }));
  const changedAt = all.reduce<string | null>((m, a) => (m && m >= a.updatedAt ? m : a.updatedAt), null);
  return { governments, changedAt };
}
