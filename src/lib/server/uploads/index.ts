export { acceptDocument, DOCUMENT_TYPES, type DocumentExtension, acceptImage, acceptPdf, bytesOf, IMAGE_SIZES, MAX_IMAGE_BYTES, MAX_PDF_BYTES, type ImageKind } from './accept.ts';
export { deleteUpload, isPrivateUpload, isStoredName, mediaUrl, openUpload, saveImages, saveUpload, type StoredExtension } from './store.ts';
export { checkUploadStorageEnv, configureUploadStorage, uploadStorage, uploadStorageSettings, type UploadStorage } from './storage.ts';
