-- AlterTable
ALTER TABLE "Gathering" ADD COLUMN     "rescheduledAt" TIMESTAMP(3),
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "GatheringRegistration" ADD COLUMN     "payBy" TIMESTAMPTZ(3);
