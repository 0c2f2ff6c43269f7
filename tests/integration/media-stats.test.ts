import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { makeMember } from '../helpers/realtime.ts';
import { mediaStats, provideMediaStats } from '../../src/lib/server/rooms/index.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => {
	provideMediaStats(null, null);
	await ctx?.close();
});

describe('SFU figures on the admin page', () => {
	it('are for administrators only', async () => {
		const member = await makeMember(ctx);
		await expect(mediaStats(null)).rejects.toMatchObject({ kind: 'unauthenticated' });
		await expect(mediaStats({ memberId: member.id })).rejects.toMatchObject({ kind: 'forbidden' });
	});

	it('say why when the SFU does not run', async () => {
		const admin = await makeMember(ctx, { roles: ['member', 'admin'] });
		provideMediaStats(null, 'MEDIASOUP_WORKER_BIN=/nope introuvable');
		expect(await mediaStats({ memberId: admin.id })).toEqual({ available: false, reason: 'MEDIASOUP_WORKER_BIN=/nope introuvable' });
	});
});
