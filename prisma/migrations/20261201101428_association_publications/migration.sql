-- CreateEnum
CREATE TYPE "PublicationKind" AS ENUM ('news', 'offer', 'demand', 'job');

-- CreateEnum
CREATE TYPE "PublicationAudience" AS ENUM ('public', 'members', 'contacts', 'selected');

-- CreateEnum
CREATE TYPE "PublicationState" AS ENUM ('pending', 'changes_requested', 'published', 'refused', 'closed', 'archived');

-- CreateEnum
CREATE TYPE "ContractType" AS ENUM ('cdi', 'cdd', 'internship', 'apprenticeship', 'freelance', 'vie', 'other');

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "campus" TEXT,
ADD COLUMN     "externalRef" TEXT,
ADD COLUMN     "programme" TEXT,
ADD COLUMN     "promotion" INTEGER;

-- CreateTable
CREATE TABLE "Publication" (
    "id" UUID NOT NULL,
    "kind" "PublicationKind" NOT NULL,
    "audience" "PublicationAudience" NOT NULL DEFAULT 'public',
    "state" "PublicationState" NOT NULL DEFAULT 'published',
    "authorId" UUID NOT NULL,
    "companyId" UUID,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "photos" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "city" TEXT,
    "postcode" TEXT,
    "departement" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "priceCents" INTEGER,
    "expiresAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationRecipient" (
    "publicationId" UUID NOT NULL,
    "memberId" UUID NOT NULL,

    CONSTRAINT "PublicationRecipient_pkey" PRIMARY KEY ("publicationId","memberId")
);

-- CreateTable
CREATE TABLE "PublicationGroup" (
    "publicationId" UUID NOT NULL,
    "groupId" UUID NOT NULL,

    CONSTRAINT "PublicationGroup_pkey" PRIMARY KEY ("publicationId","groupId")
);

-- CreateTable
CREATE TABLE "JobOffer" (
    "publicationId" UUID NOT NULL,
    "employer" TEXT NOT NULL,
    "contractType" "ContractType" NOT NULL,
    "sector" TEXT,
    "remote" BOOLEAN NOT NULL DEFAULT false,
    "startsOn" DATE,
    "deadline" DATE,
    "applyEmail" TEXT NOT NULL,

    CONSTRAINT "JobOffer_pkey" PRIMARY KEY ("publicationId")
);

-- CreateIndex
CREATE INDEX "Publication_authorId_publishedAt_id_idx" ON "Publication"("authorId", "publishedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Publication_companyId_publishedAt_id_idx" ON "Publication"("companyId", "publishedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Publication_kind_state_publishedAt_id_idx" ON "Publication"("kind", "state", "publishedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "PublicationRecipient_memberId_idx" ON "PublicationRecipient"("memberId");

-- CreateIndex
CREATE INDEX "PublicationGroup_groupId_idx" ON "PublicationGroup"("groupId");

-- CreateIndex
CREATE INDEX "JobOffer_contractType_idx" ON "JobOffer"("contractType");

-- CreateIndex
CREATE INDEX "JobOffer_sector_idx" ON "JobOffer"("sector");

-- CreateIndex
CREATE UNIQUE INDEX "Member_externalRef_key" ON "Member"("externalRef");

-- CreateIndex
CREATE INDEX "Member_promotion_idx" ON "Member"("promotion");

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRecipient" ADD CONSTRAINT "PublicationRecipient_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRecipient" ADD CONSTRAINT "PublicationRecipient_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationGroup" ADD CONSTRAINT "PublicationGroup_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationGroup" ADD CONSTRAINT "PublicationGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ContactGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobOffer" ADD CONSTRAINT "JobOffer_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;
