-- CreateEnum
CREATE TYPE "GatheringAudience" AS ENUM ('public', 'members', 'roles', 'promotions', 'groups');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('registered', 'waiting', 'payment_pending', 'cancelled');

-- CreateEnum
CREATE TYPE "RegistrationPayment" AS ENUM ('free', 'on_site_due', 'on_site_paid', 'online_paid', 'refunded');

-- CreateEnum
CREATE TYPE "PaymentPurpose" AS ENUM ('ticket', 'dues');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('open', 'paid', 'expired', 'refunded');

-- CreateEnum
CREATE TYPE "DuesPeriod" AS ENUM ('yearly', 'lifetime');

-- CreateTable
CREATE TABLE "GatheringOrganiser" (
    "memberId" UUID NOT NULL,
    "grantedById" UUID,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GatheringOrganiser_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "Gathering" (
    "id" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "organiserName" TEXT NOT NULL,
    "organiserEmail" TEXT NOT NULL,
    "place" TEXT,
    "roomSlug" TEXT,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "endAt" TIMESTAMPTZ(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "priceCents" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'eur',
    "capacity" INTEGER,
    "registrationDeadline" TIMESTAMPTZ(3),
    "audience" "GatheringAudience" NOT NULL DEFAULT 'members',
    "audienceRoles" "MemberRole"[] DEFAULT ARRAY[]::"MemberRole"[],
    "audiencePromotions" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "audienceGroupIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "invitationsSentAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Gathering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatheringRegistration" (
    "id" UUID NOT NULL,
    "gatheringId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "payment" "RegistrationPayment" NOT NULL DEFAULT 'free',
    "waitPosition" INTEGER,
    "ticketCode" TEXT NOT NULL,
    "checkedInAt" TIMESTAMP(3),
    "paymentId" UUID,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatheringRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatheringInvitation" (
    "id" UUID NOT NULL,
    "gatheringId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GatheringInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "purpose" "PaymentPurpose" NOT NULL,
    "reference" UUID NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'eur',
    "provider" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'open',
    "checkoutId" TEXT,
    "paymentIntentId" TEXT,
    "paidAt" TIMESTAMP(3),
    "refundedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipPlan" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "period" "DuesPeriod" NOT NULL,
    "roles" "MemberRole"[] DEFAULT ARRAY[]::"MemberRole"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipDues" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'open',
    "method" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "recordedById" UUID,
    "note" TEXT,
    "paymentId" UUID,
    "reminderSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipDues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipSpace" (
    "space" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MembershipSpace_pkey" PRIMARY KEY ("space")
);

-- CreateIndex
CREATE UNIQUE INDEX "Gathering_roomSlug_key" ON "Gathering"("roomSlug");

-- CreateIndex
CREATE INDEX "Gathering_startAt_idx" ON "Gathering"("startAt");

-- CreateIndex
CREATE INDEX "Gathering_createdById_idx" ON "Gathering"("createdById");

-- CreateIndex
CREATE UNIQUE INDEX "GatheringRegistration_ticketCode_key" ON "GatheringRegistration"("ticketCode");

-- CreateIndex
CREATE UNIQUE INDEX "GatheringRegistration_paymentId_key" ON "GatheringRegistration"("paymentId");

-- CreateIndex
CREATE INDEX "GatheringRegistration_gatheringId_status_waitPosition_idx" ON "GatheringRegistration"("gatheringId", "status", "waitPosition");

-- CreateIndex
CREATE UNIQUE INDEX "GatheringRegistration_gatheringId_memberId_key" ON "GatheringRegistration"("gatheringId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "GatheringInvitation_gatheringId_memberId_key" ON "GatheringInvitation"("gatheringId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_checkoutId_key" ON "Payment"("checkoutId");

-- CreateIndex
CREATE INDEX "Payment_purpose_reference_idx" ON "Payment"("purpose", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "MembershipDues_paymentId_key" ON "MembershipDues"("paymentId");

-- CreateIndex
CREATE INDEX "MembershipDues_memberId_status_endsAt_idx" ON "MembershipDues"("memberId", "status", "endsAt");

-- AddForeignKey
ALTER TABLE "GatheringOrganiser" ADD CONSTRAINT "GatheringOrganiser_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatheringOrganiser" ADD CONSTRAINT "GatheringOrganiser_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gathering" ADD CONSTRAINT "Gathering_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatheringRegistration" ADD CONSTRAINT "GatheringRegistration_gatheringId_fkey" FOREIGN KEY ("gatheringId") REFERENCES "Gathering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatheringRegistration" ADD CONSTRAINT "GatheringRegistration_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatheringInvitation" ADD CONSTRAINT "GatheringInvitation_gatheringId_fkey" FOREIGN KEY ("gatheringId") REFERENCES "Gathering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatheringInvitation" ADD CONSTRAINT "GatheringInvitation_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipDues" ADD CONSTRAINT "MembershipDues_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipDues" ADD CONSTRAINT "MembershipDues_planId_fkey" FOREIGN KEY ("planId") REFERENCES "MembershipPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipDues" ADD CONSTRAINT "MembershipDues_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
