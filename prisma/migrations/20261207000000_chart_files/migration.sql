-- Charts the bots already uploaded to a chat platform, by content: the key names the platform,
-- the bot and the picture's content hash ("telegram:<bot id>:<sha256>"), the value is the id the
-- platform gave the file (Telegram's file_id of the largest size). An unchanged chart is then sent
-- by that id instead of being uploaded again, from any bot process. Rows are a cache: deleting
-- any of them only costs one upload.
CREATE TABLE "chart_file" (
    "key" TEXT NOT NULL,
    "file_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),

    CONSTRAINT "chart_file_pkey" PRIMARY KEY ("key")
);
