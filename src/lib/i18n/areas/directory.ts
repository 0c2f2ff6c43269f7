// Messages of the directory area. French is the reference; English must have the same keys.
export const fr = {} as const;

export const en: Record<keyof typeof fr, string> = {};
