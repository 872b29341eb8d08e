// The recorder's hotkeys, pressed with Ctrl+Alt: uiohook keycodes (keys by position), shared by
// the session (which acts on them) and the X11 grab (which keeps them from the focused app).
// Kept apart from session.ts so importing them does not load uiohook.

export const HOTKEY_PAUSE = 25; // P
export const HOTKEY_STOP = 31; // S
