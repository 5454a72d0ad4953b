/**
 * The applicant's download of a letter: the .docx H5's letters/render.ts produces (contract in the
 * issue's shared notes: `renderLetter(services, caseId, letterId)`). The caller has already checked the
 * tracking number and query code and that the letter was sent to the applicant (public-view.ts).
 *
 * Each download is recorded in the agency's audit trail (`application.letter_downloaded`, actor 申请人,
 * with the time): the "download time" staff may cite as proof when they record the letter's 送达. It
 * carries the letter's number and kind, never the applicant's data.
 */
import type { Services } from '../../../platform/services.js';
import { APPLICANT_ACTOR_LABEL } from '../commands/submit-online.js';
import { renderLetter } from '../letters/render.js';
import { APPLICANT_PERSONAL_FIELDS } from '../personal.js';

export interface LetterFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export async function renderApplicantLetter(
  services: Services,
  c: { id: string; agencyId: string; trackingNo: string },
  letter: { id: string; kind: string; number: string | null },
  requestId: string | null,
): Promise<LetterFile> {
  const file = await renderLetter(services, c.id, letter.id);
  await services.db.transaction().execute((trx) =>
    services.audit.record(
      trx,
      { actorId: null, actorLabel: APPLICANT_ACTOR_LABEL, requestId },
      {
        agencyId: c.agencyId,
        action: 'application.letter_downloaded',
        targetType: 'application',
        targetId: c.id,
        after: {
          trackingNo: c.trackingNo,
          letterId: letter.id,
          letterKind: letter.kind,
          letterNo: letter.number,
        },
        personalFields: APPLICANT_PERSONAL_FIELDS,
      },
    ),
  );
  return { fileName: file.fileName, contentType: file.contentType, bytes: file.bytes };
}
