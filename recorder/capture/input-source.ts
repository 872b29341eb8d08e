// The global input hook behind a small port, so the session is tested with scripted input.

export type RawInput =
  | {
      readonly kind: "keydown" | "keyup";
      readonly keycode: number;
      readonly shiftKey: boolean;
      readonly ctrlKey: boolean;
      readonly altKey: boolean;
    }
  | {
      readonly kind: "mousemove" | "mousedown" | "mouseup";
      readonly x: number;
      readonly y: number;
      readonly button: unknown;
    }
  | { readonly kind: "wheel"; readonly x: number; readonly y: number; readonly rotation: number };

export interface InputSource {
  start(listener: (input: RawInput) => void): void;
  stop(): void;
}

/**
 * uiohook-napi as an InputSource. Loaded lazily: the native module must only be touched
 * after the display check (see findX11Screen).
 */
export async function uiohookSource(): Promise<InputSource> {
  const { uIOhook, EventType } = await import("uiohook-napi");
  return {
    start(listener) {
      uIOhook.on("input", (e) => {
        if (e.type === EventType.EVENT_KEY_PRESSED || e.type === EventType.EVENT_KEY_RELEASED)
          listener({
            kind: e.type === EventType.EVENT_KEY_PRESSED ? "keydown" : "keyup",
            keycode: e.keycode,
            shiftKey: e.shiftKey,
            ctrlKey: e.ctrlKey,
            altKey: e.altKey,
          });
        else if (e.type === EventType.EVENT_MOUSE_WHEEL)
          listener({ kind: "wheel", x: e.x, y: e.y, rotation: e.rotation * (e.amount || 1) });
        else if (e.type === EventType.EVENT_MOUSE_MOVED) listener({ kind: "mousemove", x: e.x, y: e.y, button: 0 });
        else if (e.type === EventType.EVENT_MOUSE_PRESSED)
          listener({ kind: "mousedown", x: e.x, y: e.y, button: e.button });
        else if (e.type === EventType.EVENT_MOUSE_RELEASED)
          listener({ kind: "mouseup", x: e.x, y: e.y, button: e.button });
      });
      uIOhook.start();
    },
    stop() {
      uIOhook.removeAllListeners("input");
      uIOhook.stop();
    },
  };
}
