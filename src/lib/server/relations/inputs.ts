import { z } from 'zod';
import { optionalText, requiredText } from '../validation.ts';

export const uuid = z.uuid({ error: 'error.not_found' });

export const memberTarget = z.object({ memberId: uuid });
export const requestTarget = z.object({ requestId: uuid });
export const sendRequestInput = z.object({ memberId: uuid, message: optionalText(500) });

export const GROUP_NAME_MAX = 60;
export const groupId = z.object({ groupId: uuid });
export const groupCreateInput = z.object({ name: requiredText(GROUP_NAME_MAX) });
export const groupRenameInput = z.object({ groupId: uuid, name: requiredText(GROUP_NAME_MAX) });
export const groupEntryInput = z.object({ groupId: uuid, memberId: uuid });
