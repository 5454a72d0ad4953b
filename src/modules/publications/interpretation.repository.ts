/**
 * 政策解读 links (§5.7: policy and interpretation link to each other): an interpretation publication
 * explains one or more policy documents, of its own or another agency.
 */
import type { Db } from '../../platform/services.js';
import { INTERPRETATION_REQUIRED_GENRES } from './vocabulary.js';

export async function insertLink(db: Db, interpretationId: string, policyId: string, by: string, at: string) {
  await db
    .insertInto('publication_interpretation_links')
    .values({ interpretation_id: interpretationId, policy_id: policyId, created_by: by, created_at: at })
    .execute();
}

export async function deleteLink(db: Db, interpretationId: string, policyId: string): Promise<boolean> {
  const res = await db
    .deleteFrom('publication_interpretation_links')
    .where('interpretation_id', '=', interpretationId)
    .where('policy_id', '=', policyId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The policies an interpretation explains. */
export function policiesOf(db: Db, interpretationId: string) {
  return db
    .selectFrom('publication_interpretation_links as l')
    .innerJoin('publications as p', 'p.id', 'l.policy_id')
    .selectAll('p')
    .where('l.interpretation_id', '=', interpretationId)
    .orderBy('l.created_at')
    .execute();
}

/** The interpretations of a policy. */
export function interpretationsOf(db: Db, policyId: string) {
  return db
    .selectFrom('publication_interpretation_links as l')
    .innerJoin('publications as p', 'p.id', 'l.interpretation_id')
    .selectAll('p')
    .where('l.policy_id', '=', policyId)
    .orderBy('l.created_at')
    .execute();
}

/**
 * 待解读: live policies of a genre that needs an interpretation (规章, 行政规范性文件), still in force,
 * with no interpretation linked (other than withdrawn ones).
 */
export function awaitingInterpretationQuery(db: Db, agencyIds: readonly string[]) {
  return db
    .selectFrom('publications as p')
    .where('p.agency_id', 'in', agencyIds.length ? [...agencyIds] : ['-'])
    .where('p.genre', 'in', [...INTERPRETATION_REQUIRED_GENRES])
    .where('p.published_version', 'is not', null)
    .where('p.state', '<>', 'withdrawn')
    .where((eb) => eb.or([eb('p.validity', 'is', null), eb('p.validity', 'in', ['effective', 'amended'])]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('publication_interpretation_links as l')
            .innerJoin('publications as i', 'i.id', 'l.interpretation_id')
            .select('l.policy_id')
            .whereRef('l.policy_id', '=', 'p.id')
            .where('i.state', '<>', 'withdrawn'),
        ),
      ),
    );
}

export function policiesAwaitingInterpretation(db: Db, agencyIds: string[]) {
  return awaitingInterpretationQuery(db, agencyIds)
    .selectAll('p')
    .orderBy('p.published_on')
    .orderBy('p.id')
    .execute();
}
