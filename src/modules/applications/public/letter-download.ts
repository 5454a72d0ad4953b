/**
 * The applicant's download of a letter: the .docx H5's letters/render.ts produces (contract in the
 * issue's shared notes: `renderLetter(services, caseId, letterId)`). The caller has already checked the
 * tracking number and query code and that the letter was sent to the applicant (public-view.ts).
 */
import type { Services } from '../../../platform/services.js';
import { renderLetter } from '../letters/render.js';

export interface LetterFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export async function renderApplicantLetter(
  services: Services,
  caseId: string,
  letterId: string,
): Promise<LetterFile> {
  return renderLetter(services, caseId, letterId);
}
