-- DropTable
DROP TABLE "Job";
