// The companies domain: company pages, joining and roles, catalog, following.
export { createCompany, updateCompany, uniqueCompanySlug } from './companies.ts';
export { requestToJoin, cancelJoinRequest, leaveCompany, approveJoinRequest, declineJoinRequest, setMemberRole, setJobTitle, removeMember } from './membership.ts';
export { addCatalogItem, updateCatalogItem, deleteCatalogItem, deleteCatalogPhoto, moveCatalogItem, MAX_CATALOG_PHOTOS } from './catalog.ts';
export { followCompany, unfollowCompany, companyFollowerCount, isFollowingCompany } from './follow.ts';
export { companyPage, companyAdminView, catalogAdminView } from './views.ts';
export { canManageCatalog, canManageCompany } from './access.ts';
export { isValidSiret, isValidSiren, normalizeSiret, normalizeNaf } from './siret.ts';
export { COMPANY_FIELDS } from './inputs.ts';
