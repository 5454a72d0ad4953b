/**
 * Everything the detail page shows, collected in one place: the core's detail (item, attachments,
 * findings, warnings, versions, events, links, actions) plus names for display — the agency, the
 * column, the people on record — and, for an interpretation, the policies it may be linked to.
 */
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { actorLabel, type Principal } from '../../accounts/accounts.js';
import { findAgency, findUser } from '../../accounts/accounts.repository.js';
import { findNode } from '../../catalog/catalog.repository.js';
import { portalUrls } from '../../portal/urls.js';
import { policiesAwaitingInterpretation } from '../interpretation.repository.js';
import { loadPublicationDetail, type PublicationDetail } from '../publication-detail.js';
import { isLive, type Publication, toPublication } from '../publications.js';
import type { ActionAvailability, PublicationAction } from '../publications.policy.js';
import { listPublications } from '../queries.repository.js';
import { INTERPRETATION_REQUIRED_GENRES, VALIDITY_GENRES } from '../vocabulary.js';
import { fromStates, isStep, TRANSITIONS, type Transition } from '../workflow.js';

export interface PolicyOption {
  id: string;
  title: string;
  docNo: string | null;
  awaiting: boolean;
}

export interface DetailView {
  detail: PublicationDetail;
  agencyName: string;
  /** The public page while a version is online (the portal's URL scheme). */
  publicUrl: string | null;
  columnName: string | null;
  /** Display labels of the people the item records (author, last editor, submitter, publishers). */
  people: Record<string, string>;
  /** For an interpretation: live policies of its agency not yet linked to it, those awaiting one first. */
  policyOptions: PolicyOption[];
  today: LegalDate;
}

export async function loadDetailView(
  services: Services,
  principal: Principal,
  pub: Publication,
): Promise<DetailView> {
  const { db } = services;
  const detail = await loadPublicationDetail(services, principal, pub);
  const [agency, column] = await Promise.all([
    findAgency(db, pub.agencyId),
    pub.columnId ? findNode(db, pub.columnId) : Promise.resolve(undefined),
  ]);
  const ids = new Set(
    [
      pub.createdBy,
      pub.updatedBy,
      pub.submittedBy,
      pub.scheduledBy,
      ...detail.versions.map((v) => v.publishedBy),
    ].filter((x): x is string => !!x),
  );
  const people: Record<string, string> = {};
  for (const id of ids) {
    const u = await findUser(db, id);
    if (u) people[id] = actorLabel({ displayName: u.display_name, username: u.username });
  }
  return {
    detail,
    agencyName: agency?.name ?? '',
    publicUrl: agency && isLive(pub) ? portalUrls().item(agency.code, pub.id) : null,
    columnName: column?.name ?? null,
    people,
    policyOptions: pub.genre === 'interpretation' ? await policyOptions(services, pub, detail) : [],
    today: chinaToday(services.clock.now()),
  };
}

async function policyOptions(services: Services, pub: Publication, detail: PublicationDetail) {
  const linked = new Set(detail.policies.map((p) => p.id));
  const awaiting = (await policiesAwaitingInterpretation(services.db, [pub.agencyId])).map(toPublication);
  const live = (
    await Promise.all(
      INTERPRETATION_REQUIRED_GENRES.map((genre) =>
        listPublications(services.db, {
          agencyIds: [pub.agencyId],
          states: ['published'],
          genre,
          limit: 200,
          offset: 0,
        }),
      ),
    )
  ).flatMap((r) => r.rows.map(toPublication));
  const seen = new Set<string>();
  const out: PolicyOption[] = [];
  for (const p of [...awaiting, ...live]) {
    if (seen.has(p.id) || linked.has(p.id) || p.id === pub.id) continue;
    seen.add(p.id);
    out.push({ id: p.id, title: p.title, docNo: p.docNo, awaiting: awaiting.some((a) => a.id === p.id) });
  }
  return out;
}

/** Whether an action belongs to the item's present state (shown up front) or not (listed apart). */
export function isRelevant(a: ActionAvailability, pub: Publication): boolean {
  if ((TRANSITIONS as readonly string[]).includes(a.action)) {
    const machine = { state: pub.state, steps: pub.steps, publishedVersion: pub.publishedVersion };
    return fromStates(a.action as Transition, machine).includes(pub.state);
  }
  switch (a.action) {
    case 'edit':
    case 'maskFindings':
      return pub.state === 'draft';
    case 'overrideFinding':
      return pub.state === 'draft' || isStep(pub.state);
    case 'setValidity':
      return pub.genre !== null && VALIDITY_GENRES.includes(pub.genre) && pub.publishedVersion !== null;
    default:
      return pub.genre === 'interpretation' && pub.state !== 'withdrawn';
  }
}

export function actionOf(view: DetailView, action: PublicationAction): ActionAvailability {
  return view.detail.actions.find((a) => a.action === action)!;
}
