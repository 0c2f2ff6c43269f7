-- CreateEnum
CREATE TYPE "SurveyWave" AS ENUM ('entry', 'month6', 'month24');

-- CreateEnum
CREATE TYPE "EmploymentSituation" AS ENUM ('employed', 'self_employed', 'job_seeking', 'studying', 'work_study', 'unable_to_work', 'inactive');

-- CreateTable
CREATE TABLE "ConsentRecord" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "document" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Graduation" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "certification" TEXT NOT NULL,
    "rncpCode" TEXT,
    "promotion" INTEGER,
    "certifiedAt" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Graduation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" UUID NOT NULL,
    "graduationId" UUID NOT NULL,
    "wave" "SurveyWave" NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),

    CONSTRAINT "SurveyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" UUID NOT NULL,
    "memberId" UUID,
    "graduationId" UUID,
    "wave" "SurveyWave" NOT NULL,
    "certification" TEXT,
    "promotion" INTEGER,
    "satisfaction" INTEGER,
    "comment" TEXT,
    "situation" "EmploymentSituation" NOT NULL,
    "socioCategory" TEXT,
    "contractType" TEXT,
    "sector" TEXT,
    "payBand" TEXT,
    "inTargetedJob" BOOLEAN,
    "jobTitle" TEXT,
    "departement" TEXT,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRecord_memberId_document_version_key" ON "ConsentRecord"("memberId", "document", "version");

-- CreateIndex
CREATE INDEX "Graduation_certifiedAt_idx" ON "Graduation"("certifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Graduation_memberId_certification_key" ON "Graduation"("memberId", "certification");

-- CreateIndex
CREATE INDEX "SurveyInvitation_respondedAt_sentAt_idx" ON "SurveyInvitation"("respondedAt", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_graduationId_wave_key" ON "SurveyInvitation"("graduationId", "wave");

-- CreateIndex
CREATE INDEX "SurveyResponse_memberId_wave_idx" ON "SurveyResponse"("memberId", "wave");

-- CreateIndex
CREATE INDEX "SurveyResponse_wave_certification_promotion_idx" ON "SurveyResponse"("wave", "certification", "promotion");

-- AddForeignKey
ALTER TABLE "ConsentRecord" ADD CONSTRAINT "ConsentRecord_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Graduation" ADD CONSTRAINT "Graduation_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_graduationId_fkey" FOREIGN KEY ("graduationId") REFERENCES "Graduation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_graduationId_fkey" FOREIGN KEY ("graduationId") REFERENCES "Graduation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
