// Publications (floor 3): news and ads (offer, demand) in one's own or a company's name, public,
// members-only or private to contacts / chosen contacts / contact groups; the home feed, the public
// tabs and their search, the page of a publication, reports and moderation. Job offers are the same
// record but belong to the job board (src/lib/server/careers). Who reads what: access/publications.ts.
import './events.ts';
export { publish, updatePublication, closePublication, deletePublication } from './publish.ts';
export { homeFeed, FEED_PAGE_SIZE, type FeedPage } from './feed.ts';
export { fanOutPublications, fanOutAll } from './fanout.ts';
export { searchPublications, readablePublication, TAB_PAGE_SIZE, type TabPage } from './tabs.ts';
export { publicationPage, hidePublication, reportPublication, myPublications, publishChoices, editForm, type PublicationPage } from './page.ts';
export { registerPublicationSubscribers, publicationAudience } from './subscribers.ts';
export { sanitizeBody, plainText } from './sanitize.ts';
export { apiItem, type PublicationCard } from './views.ts';
export { PUBLISHABLE_KINDS, AUDIENCES, TAB_KINDS, MAX_PHOTOS, type TabQuery } from './inputs.ts';
