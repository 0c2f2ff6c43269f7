// The profiles domain: a member's public page and everything its owner edits.
export { isProvider, requireMember, type Actor } from './access.ts';
export { publicProfile, profileForEdit, type PublicProfile, type EditableProfile } from './view.ts';
export {
	addProfileItem,
	addSkills,
	deleteProfileItem,
	removeLanguage,
	removeSkill,
	setLanguage,
	updateProfileBasics,
	updateProfileItem,
	PROFILE_ITEM_KINDS,
	type ProfileItemKind
} from './edit.ts';
export { addGalleryImage, addPdfDocument, deleteDocument, moveDocument, removePhoto, retitleDocument, setPhoto } from './media.ts';
export { skillKey } from './skills.ts';
export { DOCUMENT_LIMIT, GALLERY_LIMIT, LANGUAGE_CODES, LANGUAGE_LEVELS } from './inputs.ts';
