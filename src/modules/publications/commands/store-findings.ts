/** At submission and before publication the attachments' findings are re-scanned; the result is stored with them. */
import type { Db } from '../../../platform/services.js';
import { setAttachmentFindings } from '../attachments.repository.js';
import { storedFindings } from '../findings.js';
import type { ReviewContext } from '../review-context.js';

export async function storeAttachmentFindings(db: Db, rc: ReviewContext): Promise<void> {
  for (const a of rc.attachments) {
    const own = rc.findings.filter((f) => f.source.type === 'attachment' && f.source.attachmentId === a.id);
    await setAttachmentFindings(db, a.id, storedFindings(own));
  }
}
