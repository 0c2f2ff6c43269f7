-- DropIndex
DROP INDEX "SearchLexeme_lexeme_idx";

-- CreateIndex
CREATE INDEX "SearchLexeme_lexeme_prefix_idx" ON "SearchLexeme" USING SPGIST ("lexeme");

-- CreateIndex
CREATE INDEX "SearchWord_word_prefix_idx" ON "SearchWord" USING SPGIST ("word");
