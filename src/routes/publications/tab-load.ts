import type { RequestEvent } from '@sveltejs/kit';
import { searchPublications } from '#lib/server/publications/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { DomainError } from '#lib/server/errors.ts';

/** The load of a public tab: its query string, one domain call (invalid filters are ignored: the page shows unfiltered results). */
export async function tabLoad(event: RequestEvent, kind: 'news' | 'offer' | 'demand' | 'job') {
	const params: Record<string, string> = { ...Object.fromEntries(event.url.searchParams), type: kind };
	try {
		return { kind, path: event.url.pathname, result: await searchPublications(actorOf(event), params) };
	} catch (error) {
		if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
		return { kind, path: event.url.pathname, result: await searchPublications(actorOf(event), { type: kind, q: params.q?.slice(0, 200) }) };
	}
}
