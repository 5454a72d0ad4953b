/**
 * After a rotation of PERSONAL_DATA_KEY (the new key in PERSONAL_DATA_KEY, the old ones in
 * PERSONAL_DATA_PREVIOUS_KEYS): re-seal every case's personal data under the current key and recompute its
 * blind indexes (they are keyed, so "same applicant" matching needs them all under one key). Query-code
 * digests cannot be recomputed — nobody knows the codes — and stay checkable with the key id they carry,
 * as long as the old key stays configured. One statement per case; one platform audit event for the run,
 * with counts only.
 */
import type { Actor } from '../../../platform/audit/audit.js';
import type { Services } from '../../../platform/services.js';
import { applicantIndexes, openApplicant, personalDataCipher, sealApplicant } from '../personal.js';

export async function rekeyPersonalData(services: Services, actor: Actor): Promise<{ resealed: number }> {
  const cipher = personalDataCipher(services.config);
  const rows = await services.db
    .selectFrom('application_cases')
    .select(['id', 'pii_envelope'])
    .where('pii_key_id', '!=', cipher.keyId)
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const data = openApplicant(cipher, row.id, row.pii_envelope);
    const sealed = sealApplicant(cipher, row.id, data);
    const idx = applicantIndexes(cipher, data);
    await services.db
      .updateTable('application_cases')
      .set({
        pii_envelope: sealed.envelope,
        pii_key_id: sealed.keyId,
        applicant_id_index: idx.idIndex,
        applicant_contact_index: idx.contactIndex,
      })
      .where('id', '=', row.id)
      .where('pii_envelope', '=', row.pii_envelope)
      .execute();
  }
  await services.db.transaction().execute((trx) =>
    services.audit.record(trx, actor, {
      agencyId: null,
      action: 'application.rekey_personal_data',
      targetType: 'personalDataKey',
      targetId: cipher.keyId,
      after: { resealed: rows.length },
    }),
  );
  return { resealed: rows.length };
}
