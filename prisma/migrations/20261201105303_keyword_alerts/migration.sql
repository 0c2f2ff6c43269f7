-- CreateEnum
CREATE TYPE "AlertScope" AS ENUM ('ads', 'members', 'companies');

-- CreateTable
CREATE TABLE "KeywordAlert" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "phrase" TEXT NOT NULL,
    "scope" "AlertScope" NOT NULL,
    "kinds" "PublicationKind"[] DEFAULT ARRAY[]::"PublicationKind"[],
    "place" TEXT,
    "departement" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "radiusKm" INTEGER,
    "pausedAt" TIMESTAMP(3),
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeywordAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertMatch" (
    "alertId" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "href" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertMatch_pkey" PRIMARY KEY ("alertId","itemId")
);

-- CreateIndex
CREATE INDEX "KeywordAlert_memberId_idx" ON "KeywordAlert"("memberId");

-- CreateIndex
CREATE INDEX "AlertMatch_alertId_createdAt_idx" ON "AlertMatch"("alertId", "createdAt");

-- AddForeignKey
ALTER TABLE "KeywordAlert" ADD CONSTRAINT "KeywordAlert_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertMatch" ADD CONSTRAINT "AlertMatch_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "KeywordAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
