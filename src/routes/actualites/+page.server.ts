import type { PageServerLoad } from './$types';
import { tabLoad } from '../publications/tab-load.ts';

export const load: PageServerLoad = (event) => tabLoad(event, 'news');
