// Member categories (MyTeleworker): shared by the sign-up form and the domain.
export const CATEGORIES = ['visitor', 'job_seeker', 'freelance', 'company', 'administration', 'association'] as const;
export type Category = (typeof CATEGORIES)[number];
export const PROVIDER_CATEGORIES: readonly Category[] = ['freelance', 'company', 'administration', 'association'];
