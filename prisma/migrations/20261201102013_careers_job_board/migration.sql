-- CreateEnum
CREATE TYPE "JobArchiveReason" AS ENUM ('expired', 'withdrawn');

-- CreateEnum
CREATE TYPE "JobOutcome" AS ENUM ('filled_network', 'filled_other', 'open');

-- AlterTable
ALTER TABLE "JobOffer" ADD COLUMN     "archiveReason" "JobArchiveReason",
ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "followUp30At" TIMESTAMP(3),
ADD COLUMN     "followUp60At" TIMESTAMP(3),
ADD COLUMN     "outcome" "JobOutcome",
ADD COLUMN     "outcomeAt" TIMESTAMP(3),
ADD COLUMN     "reviewNote" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedById" UUID;

-- CreateTable
CREATE TABLE "JobApplication" (
    "id" UUID NOT NULL,
    "publicationId" UUID NOT NULL,
    "applicantId" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "cvFile" TEXT NOT NULL,
    "cvTitle" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobAlertSubscription" (
    "memberId" UUID NOT NULL,
    "contractTypes" "ContractType"[] DEFAULT ARRAY[]::"ContractType"[],
    "sectors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobAlertSubscription_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "JobAlertDelivery" (
    "memberId" UUID NOT NULL,
    "week" DATE NOT NULL,
    "offers" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobAlertDelivery_pkey" PRIMARY KEY ("memberId","week")
);

-- CreateTable
CREATE TABLE "CareersSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "approvalRequired" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CareersSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobApplication_applicantId_idx" ON "JobApplication"("applicantId");

-- CreateIndex
CREATE UNIQUE INDEX "JobApplication_publicationId_applicantId_key" ON "JobApplication"("publicationId", "applicantId");

-- CreateIndex
CREATE INDEX "JobOffer_archivedAt_idx" ON "JobOffer"("archivedAt");

-- AddForeignKey
ALTER TABLE "JobOffer" ADD CONSTRAINT "JobOffer_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobApplication" ADD CONSTRAINT "JobApplication_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "JobOffer"("publicationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobApplication" ADD CONSTRAINT "JobApplication_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobAlertSubscription" ADD CONSTRAINT "JobAlertSubscription_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
