// The directory domain: member and company search, the home page's overview, the search documents.
export { searchMembers, searchDirectory, PAGE_SIZE, type MemberResult, type MemberSearchPage } from './search.ts';
export { searchCompanies, companySectors, COMPANY_PAGE_SIZE, type CompanyResult, type CompanySearchPage } from './companies.ts';
export { refreshMemberSearch, refreshAllMemberSearch, refreshAllCompanySearch } from './refresh.ts';
export { directoryOverview, skillSuggestions } from './overview.ts';
export { prewarmDirectory } from './prewarm.ts';
export { resolvePlace, listDepartements, departementName, warmUpPlaces, suggestPlaces, placeSuggestions, type Place, type PlaceSuggestion, type Departement } from './places.ts';
export { memberSearchQuery, companySearchQuery, placeSuggestionQuery, queryParams, SORTS, LANGUAGES, DEFAULT_RADIUS_KM, MAX_RADIUS_KM, type MemberSearchQuery, type CompanySearchQuery, type Sort } from './query.ts';
