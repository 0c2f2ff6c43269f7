-- AlterTable
ALTER TABLE "SlotHold" ADD COLUMN     "holderKey" TEXT;

-- CreateIndex
CREATE INDEX "SlotHold_holderKey_createdAt_idx" ON "SlotHold"("holderKey", "createdAt");
