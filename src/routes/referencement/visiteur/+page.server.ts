import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// the visitor's space is the search itself: no account needed
export const load: PageServerLoad = () => redirect(303, '/referencement/recherche');
