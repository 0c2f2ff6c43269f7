// Live (in-process) events of publications, added to the bus's map by declaration merging.
declare module '../events.ts' {
	interface DomainEventMap {
		/** a publication just entered these members' home feeds: their open tabs show "N nouvelles publications" */
		'publication.arrived': { publicationId: string; memberIds: string[] };
	}
}

export {};
