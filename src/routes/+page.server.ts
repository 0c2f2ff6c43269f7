import type { PageServerLoad } from './$types';
import { directoryOverview } from '#lib/server/directory/overview.ts';

export const load: PageServerLoad = async () => ({ overview: await directoryOverview() });
