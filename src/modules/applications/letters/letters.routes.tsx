import type { FastifyInstance } from 'fastify';

/** Letters: Word files generated from the agency's templates, template editing, downloads. */
export async function applicationsLettersRoutes(_app: FastifyInstance) {}
