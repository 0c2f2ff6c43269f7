import type { PageServerLoad } from './$types';
import { referencingHome } from '#lib/server/referencing/index.ts';
import { actorOf } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => referencingHome(actorOf(event));
