/** What every accounts command receives: services plus the person acting and the request id. */
import type { Actor } from '../../../platform/audit/audit.js';
import type { Services } from '../../../platform/services.js';
import { actorLabel, type Principal } from '../accounts.js';

export interface CommandContext {
  services: Services;
  principal: Principal;
  requestId: string | null;
}

export function auditActor(ctx: CommandContext): Actor {
  return { actorId: ctx.principal.userId, actorLabel: actorLabel(ctx.principal), requestId: ctx.requestId };
}

/** For the command line and the demo seeder: the platform acting on its own. */
export function systemActor(requestId: string | null = null): Actor {
  return { actorId: null, actorLabel: '系统', requestId };
}
