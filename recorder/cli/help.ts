// Help texts, one per command; `forge <command> --help` prints them.

export const USAGE = `forge: record your screen and inputs for CLONES Forge tasks

Usage: forge <command> [options]

Commands:
  login <code>      pair this recorder with your chat account (code from the bot: /browse, then a task)
  logout            unpair: the server revokes this recorder's token and it is removed here
  record            record the screen and your inputs for the paired task
  list              list recordings on this machine
  replay <id>       summary and steps of a recording (--open plays the video)
  trim <id>         cut ranges out of a recording: --cut 00:10-00:25
  process <id>      turn a recording into steps with a keyframe each (sft.json)
  upload <id>       send a recording (resumable; re-run after a dropped connection)
  delete <id>       delete a recording from this machine (also an incomplete one)

Every command accepts --help. Recordings live in $FORGE_HOME (default ~/.forge).
Forge never asks for private keys or seed phrases.`;

export const HELP: Record<string, string> = {
  login: `Usage: forge login <code> [--server URL]

Pairs this recorder with your chat account. Get the one-time code from the bot (valid 15 min).
  --server URL   the Forge server (default: saved one, $FORGE_SERVER or http://127.0.0.1:3000)`,
  logout: `Usage: forge logout

Unpairs this recorder: the server revokes its device token, then the token is removed from
this machine. Without the server, the token is still removed here; revoke it in the bot
(/devices) so that nobody holding a copy can use it. Recordings stay on this machine.`,
  record: `Usage: forge record [--factory F --task T] [options]

Records the screen (recording.mp4) and global mouse/keyboard events (input_log.jsonl).
Without --factory/--task it records the task granted at login.
  --display :N        X display to capture (default: $DISPLAY)
  --fps N             frames per second, 1-60 (default 15)
  --max-duration D    stop automatically after D, e.g. 30m (default 30m)
  --duration D        record exactly D then stop, e.g. 10s (for scripts)
  --block a,b         apps to never record: capture pauses while one is focused, and
                      their windows are blacked out in the video wherever they are visible
  --mask-all          mask every key (Shift, Enter, Backspace and modifiers too) as "*"
  --sensitive P       also treat windows matching P as sensitive (repeatable; see below)
  --allow-unenforced-privacy
                      record even though the focused window cannot be read here (no
                      xdotool/xprop, macOS, Windows): --block and sensitive windows are then
                      NOT enforced, and meta.json says so. Without it, forge record refuses.
Sensitive windows: keys typed while one has the focus are dropped (one masked key press per
focus stretch) and the video is black meanwhile; on Linux a password field inside any window
counts too (found through the accessibility bus). Built in: password managers (KeePassXC,
KeePass, 1Password, Bitwarden, LastPass), wallets (Phantom, Solflare, MetaMask, Backpack, Ledger Live), system prompts
(Authentication Required, polkit, sudo, passphrase, Enter PIN, Unlock, gcr-prompter and
pinentry windows) and sign-in pages (password, Sign in, Sign-in, Log in, Login). Add your own
with --sensitive or in $FORGE_HOME/sensitive-windows.txt, one a line (# comments). A pattern
is text the title or class contains, or /regex/, case-insensitive; prefix title: or class:
to match only one, e.g. class:pinentry or title:/^Vault\\b/.
Hotkeys: Ctrl+Alt+P pause/resume, Ctrl+Alt+S stop (on X11 reserved: the focused app does
not receive them). Ctrl-C also stops cleanly.`,
  list: `Usage: forge list

Lists local recordings: id, date, duration, task, size and status. A recording stopped before it
was saved (a second Ctrl-C, a crash or a kill) is listed as incomplete, with its start time and
size; forge delete <id> removes it.`,
  replay: `Usage: forge replay <id> [--open]

Prints the duration, event counts and the steps of a recording.
  --open   open the video with the system player`,
  trim: `Usage: forge trim <id> --cut START-END [--cut START-END ...]

Removes ranges from the video and the events (later events shift to stay in sync).
Times are mm:ss, hh:mm:ss or seconds, e.g. --cut 00:10-00:25 --cut 95-100.`,
  process: `Usage: forge process <id>

Turns the events into steps (click, type, drag, hotkey, scroll...) with a keyframe per step,
written to sft.json. The server always re-processes; this is for your own review.`,
  upload: `Usage: forge upload <id>

Zips and uploads a recording in checksummed chunks. If the connection drops, run the same
command again: only the missing chunks are sent.`,
  delete: `Usage: forge delete <id> [--yes]

Deletes a recording folder from this machine: video, events and everything made from them.
Works for incomplete recordings too (forge list marks those a second Ctrl-C, a crash or a kill
left behind). Asks for confirmation; --yes (-y) deletes without asking. A copy already
uploaded stays on the server.
  --yes, -y   do not ask`,
};
