-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('pending', 'confirmed', 'cancelled', 'declined');

-- CreateEnum
CREATE TYPE "CalendarKind" AS ENUM ('google', 'ical');

-- CreateEnum
CREATE TYPE "CalendarConnectionStatus" AS ENUM ('ok', 'reconnect_required', 'error');

-- CreateTable
CREATE TABLE "AvailabilitySchedule" (
    "providerId" UUID NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AvailabilitySchedule_pkey" PRIMARY KEY ("providerId")
);

-- CreateTable
CREATE TABLE "WorkingHours" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,

    CONSTRAINT "WorkingHours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DateOverride" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "startMinute" INTEGER,
    "endMinute" INTEGER,

    CONSTRAINT "DateOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppointmentType" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "durationMinutes" INTEGER NOT NULL,
    "priceCents" INTEGER,
    "slotIntervalMinutes" INTEGER,
    "bufferBeforeMinutes" INTEGER NOT NULL DEFAULT 0,
    "bufferAfterMinutes" INTEGER NOT NULL DEFAULT 0,
    "minimumNoticeMinutes" INTEGER NOT NULL DEFAULT 120,
    "horizonDays" INTEGER NOT NULL DEFAULT 60,
    "maxPerDay" INTEGER,
    "requiresConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppointmentType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarConnection" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "kind" "CalendarKind" NOT NULL,
    "label" TEXT,
    "secretEnc" TEXT NOT NULL,
    "accountEmail" TEXT,
    "status" "CalendarConnectionStatus" NOT NULL DEFAULT 'ok',
    "lastError" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "busyCalendarIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "bookingCalendarId" TEXT,
    "transparentIsBusy" BOOLEAN NOT NULL DEFAULT false,
    "etag" TEXT,
    "lastModified" TEXT,
    "cachedBusy" JSONB,
    "cachedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "bookerMemberId" UUID,
    "appointmentTypeId" UUID,
    "title" TEXT NOT NULL,
    "bookerName" TEXT NOT NULL,
    "bookerEmail" TEXT NOT NULL,
    "bookerPhone" TEXT,
    "bookerAddress" TEXT,
    "bookerCity" TEXT,
    "bookerTimezone" TEXT NOT NULL,
    "bookerLocale" "Locale" NOT NULL DEFAULT 'fr',
    "message" TEXT,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "endAt" TIMESTAMPTZ(3) NOT NULL,
    "bufferBeforeMinutes" INTEGER NOT NULL DEFAULT 0,
    "bufferAfterMinutes" INTEGER NOT NULL DEFAULT 0,
    "status" "BookingStatus" NOT NULL,
    "cancelTokenHash" TEXT,
    "rescheduleTokenHash" TEXT,
    "roomSlug" TEXT NOT NULL,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "googleConnectionId" UUID,
    "googleEventId" TEXT,
    "cancelReason" TEXT,
    "rescheduledFromId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlotHold" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "appointmentTypeId" UUID,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "endAt" TIMESTAMPTZ(3) NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlotHold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkingHours_providerId_weekday_idx" ON "WorkingHours"("providerId", "weekday");

-- CreateIndex
CREATE INDEX "DateOverride_providerId_date_idx" ON "DateOverride"("providerId", "date");

-- CreateIndex
CREATE INDEX "AppointmentType_providerId_position_idx" ON "AppointmentType"("providerId", "position");

-- CreateIndex
CREATE INDEX "CalendarConnection_providerId_idx" ON "CalendarConnection"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_cancelTokenHash_key" ON "Booking"("cancelTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_rescheduleTokenHash_key" ON "Booking"("rescheduleTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_roomSlug_key" ON "Booking"("roomSlug");

-- CreateIndex
CREATE INDEX "Booking_providerId_startAt_idx" ON "Booking"("providerId", "startAt");

-- CreateIndex
CREATE INDEX "Booking_bookerMemberId_startAt_idx" ON "Booking"("bookerMemberId", "startAt");

-- CreateIndex
CREATE INDEX "Booking_bookerEmail_idx" ON "Booking"("bookerEmail");

-- CreateIndex
CREATE UNIQUE INDEX "SlotHold_tokenHash_key" ON "SlotHold"("tokenHash");

-- CreateIndex
CREATE INDEX "SlotHold_providerId_expiresAt_idx" ON "SlotHold"("providerId", "expiresAt");

-- AddForeignKey
ALTER TABLE "AvailabilitySchedule" ADD CONSTRAINT "AvailabilitySchedule_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "AvailabilitySchedule"("providerId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DateOverride" ADD CONSTRAINT "DateOverride_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "AvailabilitySchedule"("providerId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppointmentType" ADD CONSTRAINT "AppointmentType_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarConnection" ADD CONSTRAINT "CalendarConnection_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_bookerMemberId_fkey" FOREIGN KEY ("bookerMemberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_appointmentTypeId_fkey" FOREIGN KEY ("appointmentTypeId") REFERENCES "AppointmentType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_googleConnectionId_fkey" FOREIGN KEY ("googleConnectionId") REFERENCES "CalendarConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotHold" ADD CONSTRAINT "SlotHold_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotHold" ADD CONSTRAINT "SlotHold_appointmentTypeId_fkey" FOREIGN KEY ("appointmentTypeId") REFERENCES "AppointmentType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Hand-written: what Prisma cannot express ────────────────────────────────────────────────────
-- The database is the final arbiter against double booking: two live (pending or confirmed) bookings
-- of one provider can never overlap, whatever races the application loses.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "Booking" ADD CONSTRAINT "Booking_no_overlap"
    EXCLUDE USING gist ("providerId" WITH =, tstzrange("startAt", "endAt", '[)') WITH &&)
    WHERE ("status" IN ('pending', 'confirmed'));

ALTER TABLE "Booking" ADD CONSTRAINT "Booking_time_order" CHECK ("endAt" > "startAt");
ALTER TABLE "SlotHold" ADD CONSTRAINT "SlotHold_time_order" CHECK ("endAt" > "startAt");
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_range" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute");
ALTER TABLE "DateOverride" ADD CONSTRAINT "DateOverride_range" CHECK (("startMinute" IS NULL AND "endMinute" IS NULL) OR ("startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute"));
