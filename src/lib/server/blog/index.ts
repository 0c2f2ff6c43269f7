// The blog ("Actualité"): articles, drafts and scheduling, the public pages' data, the feed, editors.
export { LANGUAGES, PAGE_SIZE, articleForm, deleteArticle, feedArticles, latestArticles, listArticles, listDrafts, readArticle, saveArticle, stateOf, uploadArticleImage, type ArticleCard, type ArticleForm, type ArticleView, type UiLocale } from './articles.ts';
export { listEditors, setEditor } from './editors.ts';
export { plainText, sanitizeArticle, youtubeEmbedUrl, youtubeId } from './sanitize.ts';
export { atomFeed } from './feed.ts';
