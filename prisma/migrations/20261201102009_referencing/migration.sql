-- CreateEnum
CREATE TYPE "CooperativeStatus" AS ENUM ('draft', 'pending', 'changes_requested', 'approved', 'refused');

-- CreateEnum
CREATE TYPE "ConsultationState" AS ENUM ('open', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "ConsultationRecipientStatus" AS ENUM ('sent', 'read', 'answered', 'declined');

-- CreateTable
CREATE TABLE "CooperativeRecord" (
    "id" UUID NOT NULL,
    "companyId" UUID,
    "ownerId" UUID,
    "status" "CooperativeStatus" NOT NULL DEFAULT 'draft',
    "step" INTEGER NOT NULL DEFAULT 1,
    "preregistered" BOOLEAN NOT NULL DEFAULT false,
    "inviteTokenHash" TEXT,
    "inviteExpiresAt" TIMESTAMP(3),
    "consultationEmail" TEXT,
    "legalForm" TEXT,
    "activity" TEXT,
    "goods" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "certifications" TEXT,
    "carbonFootprint" INTEGER,
    "guarantees" TEXT,
    "turnover" INTEGER,
    "turnoverYear" INTEGER,
    "workforce" INTEGER,
    "managerName" TEXT,
    "managerTitle" TEXT,
    "contacts" JSONB NOT NULL DEFAULT '[]',
    "hasEstablishments" BOOLEAN NOT NULL DEFAULT false,
    "establishments" JSONB NOT NULL DEFAULT '[]',
    "hasReferences" BOOLEAN NOT NULL DEFAULT false,
    "references" JSONB NOT NULL DEFAULT '[]',
    "departements" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "brochurePath" TEXT,
    "brochureType" TEXT,
    "moderationReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CooperativeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BuyerProfile" (
    "memberId" UUID NOT NULL,
    "institution" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BuyerProfile_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "CooperativeSavedSearch" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CooperativeSavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CooperativeFavorite" (
    "memberId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CooperativeFavorite_pkey" PRIMARY KEY ("memberId","recordId")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" UUID NOT NULL,
    "senderId" UUID NOT NULL,
    "senderEmail" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "closingAt" TIMESTAMP(3) NOT NULL,
    "budget" TEXT,
    "location" TEXT,
    "description" TEXT NOT NULL,
    "attachmentPath" TEXT,
    "attachmentName" TEXT,
    "state" "ConsultationState" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationRecipient" (
    "id" UUID NOT NULL,
    "consultationId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "status" "ConsultationRecipientStatus" NOT NULL DEFAULT 'sent',
    "readAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "quoteAmount" DECIMAL(12,2),
    "quoteMessage" TEXT,
    "quoteAttachmentPath" TEXT,
    "quoteAttachmentName" TEXT,
    "declineReason" TEXT,

    CONSTRAINT "ConsultationRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CooperativeRecord_companyId_key" ON "CooperativeRecord"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "CooperativeRecord_inviteTokenHash_key" ON "CooperativeRecord"("inviteTokenHash");

-- CreateIndex
CREATE INDEX "CooperativeRecord_status_approvedAt_idx" ON "CooperativeRecord"("status", "approvedAt");

-- CreateIndex
CREATE INDEX "CooperativeRecord_ownerId_idx" ON "CooperativeRecord"("ownerId");

-- CreateIndex
CREATE INDEX "CooperativeSavedSearch_memberId_createdAt_idx" ON "CooperativeSavedSearch"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "Consultation_senderId_createdAt_idx" ON "Consultation"("senderId", "createdAt");

-- CreateIndex
CREATE INDEX "ConsultationRecipient_recordId_idx" ON "ConsultationRecipient"("recordId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationRecipient_consultationId_recordId_key" ON "ConsultationRecipient"("consultationId", "recordId");

-- AddForeignKey
ALTER TABLE "CooperativeRecord" ADD CONSTRAINT "CooperativeRecord_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CooperativeRecord" ADD CONSTRAINT "CooperativeRecord_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyerProfile" ADD CONSTRAINT "BuyerProfile_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CooperativeSavedSearch" ADD CONSTRAINT "CooperativeSavedSearch_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CooperativeFavorite" ADD CONSTRAINT "CooperativeFavorite_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CooperativeFavorite" ADD CONSTRAINT "CooperativeFavorite_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "CooperativeRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationRecipient" ADD CONSTRAINT "ConsultationRecipient_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationRecipient" ADD CONSTRAINT "ConsultationRecipient_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "CooperativeRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;
