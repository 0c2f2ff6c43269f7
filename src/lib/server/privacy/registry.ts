import type { PrivacyContributor } from './contributor.ts';
import { account } from './contributors/account.ts';
import { profile } from './contributors/profile.ts';
import { relations } from './contributors/relations.ts';
import { companies } from './contributors/companies.ts';
import { chat } from './contributors/chat.ts';
import { booking } from './contributors/booking.ts';
import { rooms } from './contributors/rooms.ts';
import { notifications } from './contributors/notifications.ts';
import { publications } from './contributors/publications.ts';
import { surveys } from './contributors/surveys.ts';
import { administration, careers, community, gatherings, referencing } from './contributors/spaces.ts';

/**
 * THE list of what Relais holds about a member, one contributor per domain (contributor.ts says how
 * to write one). Export reads them in this order; erasure runs their `erase` in this order, then
 * deletes the account row — keep `account` first (its erase needs the member's e-mail).
 */
export const CONTRIBUTORS: readonly PrivacyContributor[] = [account, profile, relations, companies, chat, booking, rooms, notifications, publications, surveys, careers, community, administration, gatherings, referencing];
