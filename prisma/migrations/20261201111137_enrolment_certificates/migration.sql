-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('pending', 'approved', 'refused');

-- CreateTable
CREATE TABLE "EnrolmentCertificate" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "storedName" TEXT NOT NULL,
    "status" "CertificateStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnrolmentCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnrolmentCertificate_status_createdAt_idx" ON "EnrolmentCertificate"("status", "createdAt");

-- CreateIndex
CREATE INDEX "EnrolmentCertificate_memberId_createdAt_idx" ON "EnrolmentCertificate"("memberId", "createdAt");

-- AddForeignKey
ALTER TABLE "EnrolmentCertificate" ADD CONSTRAINT "EnrolmentCertificate_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolmentCertificate" ADD CONSTRAINT "EnrolmentCertificate_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
