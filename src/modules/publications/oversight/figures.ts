/**
 * Collects the oversight data for a signed-in person: the agencies of their reading scope, and for each
 * active one its figures — one grouped query per figure, whatever the number of agencies.
 */
import { AppError } from '../../../platform/errors.js';
import type { LegalDate } from '../../../platform/legal-date.js';
import type { Db } from '../../../platform/services.js';
import type { Principal } from '../../accounts/accounts.js';
import { readableAgencies } from '../../accounts/accounts.policy.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import { timeliness } from '../register.repository.js';
import { type AgencyFigures, type Period, type ScopeAgency, scopeAgencies } from './oversight.js';
import {
  awaitingInterpretationCounts,
  overdueNoteCounts,
  registerDueCounts,
  sumOf,
} from './oversight.repository.js';

export interface OversightScope {
  /** Active agencies in the tree's order, each with the agencies merged into it. */
  agencies: ScopeAgency[];
  /** Every agency whose records the person reads (merged and abolished ones included). */
  readableIds: string[];
}

export async function oversightScope(db: Db, p: Principal): Promise<OversightScope> {
  const scope = await readableAgencies(db, p);
  const rows = await listAgencies(db);
  const readable = scope === 'all' ? 'all' : new Set(scope);
  return {
    agencies: scopeAgencies(rows, readable),
    readableIds: scope === 'all' ? rows.map((r) => r.id) : scope,
  };
}

/**
 * The records a list shows: `agencyId` (from the query) narrows the scope to that agency and those merged
 * into it; an agency outside the scope answers 404, like any other data of another agency (ADR 0007).
 */
export function narrowScope(
  scope: OversightScope,
  agencyId: string,
): { ids: string[]; agency: ScopeAgency | null } {
  if (!agencyId) return { ids: scope.readableIds, agency: null };
  const agency = scope.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new AppError('not_found');
  return { ids: agency.ids, agency };
}

/** Whether the person oversees other agencies (a supervisor, or the platform admin). */
export const isOverseer = (p: Principal) => p.isPlatformAdmin || p.roles.has('supervisor');

export async function oversightFigures(
  db: Db,
  agencies: readonly ScopeAgency[],
  period: Period,
  today: LegalDate,
): Promise<AgencyFigures[]> {
  const ids = agencies.flatMap((a) => a.ids);
  const [timely, awaiting, due, overdue] = await Promise.all([
    timeliness(db, ids, period.from, period.to),
    awaitingInterpretationCounts(db, ids),
    registerDueCounts(db, ids, today),
    overdueNoteCounts(db, ids, today),
  ]);
  const published = new Map(timely.map((t) => [t.agencyId, t.published]));
  const onTime = new Map(timely.map((t) => [t.agencyId, t.onTime]));
  return agencies.map((a) => ({
    agencyId: a.id,
    agencyName: a.name,
    published: sumOf(published, a.ids),
    onTime: sumOf(onTime, a.ids),
    awaitingInterpretation: sumOf(awaiting, a.ids),
    registerDue: sumOf(due, a.ids),
    overdueNotes: sumOf(overdue, a.ids),
  }));
}
