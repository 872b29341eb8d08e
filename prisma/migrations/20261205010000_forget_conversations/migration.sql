-- The Telegram bot no longer keeps grammY conversations: every multi-step flow is a wizard stored
-- by account ('wizard:' rows). Rows earlier versions left under the conversations' namespace are
-- never read again; they are forgotten here.
DELETE FROM "bot_state" WHERE "key" LIKE 'tg-conversation:%';
