import type { PageServerLoad } from './$types';
import { gatheringsPage } from '#lib/server/gatherings/pages.ts';
import { actorOf } from '#lib/server/http.ts';

/** /evenements: public events for visitors; members also see those for them (access/gatherings.ts). */
export const load: PageServerLoad = async (event) => ({ ...(await gatheringsPage(actorOf(event))), timezone: event.locals.member?.timezone ?? 'Europe/Paris' });
