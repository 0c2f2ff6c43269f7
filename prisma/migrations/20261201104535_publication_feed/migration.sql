-- CreateTable
CREATE TABLE "FeedEntry" (
    "memberId" UUID NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publicationId" UUID NOT NULL,

    CONSTRAINT "FeedEntry_pkey" PRIMARY KEY ("memberId","publishedAt","publicationId")
);

-- CreateIndex
CREATE INDEX "FeedEntry_publicationId_idx" ON "FeedEntry"("publicationId");

-- AddForeignKey
ALTER TABLE "FeedEntry" ADD CONSTRAINT "FeedEntry_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedEntry" ADD CONSTRAINT "FeedEntry_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;
