import type { LayoutServerLoad } from './$types';
import { referencingNav } from '#lib/server/referencing/index.ts';
import { actorOf } from '#lib/server/http.ts';

export const load: LayoutServerLoad = async (event) => ({ nav: await referencingNav(actorOf(event)) });
