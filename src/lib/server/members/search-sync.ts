/**
 * Called by every domain that changes what the directory indexes about a member (identity,
 * profile, skills, education, languages, companies, visibility). The directory's search
 * documents are refreshed from here, in the same request, so a change is findable at once.
 */
export async function memberSearchStale(memberIds: string[]): Promise<void> {
	if (memberIds.length === 0) return;
	const { refreshMemberSearch } = await import('../directory/index.ts');
	await refreshMemberSearch(memberIds);
}
