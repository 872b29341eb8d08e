// The dashboard's own words, in English and Spanish: what the page shows, and the server's
// refusals that are its own (the core's errors are worded by the bots' texts, passed in). No
// emoji on the page: a phone without an emoji font would show boxes; the status dot is CSS.
export const DASHBOARD_LOCALES = ["en", "es"] as const;
export type DashboardLocale = (typeof DASHBOARD_LOCALES)[number];

/** The supported locale closest to a language code ("es-419" → "es"), English otherwise. */
export function pickLocale(code: string | null | undefined): DashboardLocale {
  const base = (code ?? "").toLowerCase().split(/[-_]/)[0];
  return base === "es" ? "es" : "en";
}

const en = {
  title: "Your factories",
  loading: "Loading…",
  none: "You have no factories yet. Create one in the bot with /newfactory.",
  noAuth: "Open this page from the bot: its Dashboard button (in Discord it gives a one-time link).",
  refused: "This sign-in was refused",
  expired: "Your session has ended. Open the dashboard from the bot again.",
  failed: "Something went wrong. Try again in a moment.",
  "status-active": "live",
  "status-paused": "paused",
  "status-closed": "closed",
  reward: "Reward",
  threshold: "Threshold",
  pool: "Pool available",
  spent: "Spent",
  submissions: "Submissions",
  settled: "Settled",
  paid: "Paid",
  average: "Average score",
  pause: "Pause",
  resume: "Resume",
  withdraw: "Withdraw",
  withdrawAsk: "Withdraw {amount} to your wallet?",
  confirm: "Yes, withdraw",
  cancel: "Cancel",
  withdrawn: "Withdrawal of {amount} queued: it is paid to your linked wallet.",
  fund: "Fund",
  fundAsk: "Amount in {token}",
  fundGo: "Get payment link",
  fundShown: "Pay with a Solana wallet (scan or open the link) before {expires}.",
  openWallet: "Open in wallet",
  stats: "Stats",
  scores: "Score distribution",
  perDay: "Submissions per day",
  balance: "Pool balance",
  best: "Best recordings",
  worst: "Worst recordings",
  noData: "No data yet.",
  total: "{n} in {days} days",
  thresholdLine: "threshold {n}",
};

export type PageStrings = typeof en;

const es: PageStrings = {
  title: "Tus fábricas",
  loading: "Cargando…",
  none: "Aún no tienes fábricas. Crea una en el bot con /newfactory.",
  noAuth: "Abre esta página desde el bot: su botón Panel (en Discord da un enlace de un solo uso).",
  refused: "Se rechazó este inicio de sesión",
  expired: "Tu sesión terminó. Abre el panel desde el bot otra vez.",
  failed: "Algo salió mal. Inténtalo de nuevo en un momento.",
  "status-active": "activa",
  "status-paused": "en pausa",
  "status-closed": "cerrada",
  reward: "Recompensa",
  threshold: "Umbral",
  pool: "Fondo disponible",
  spent: "Gastado",
  submissions: "Envíos",
  settled: "Liquidados",
  paid: "Pagados",
  average: "Puntuación media",
  pause: "Pausar",
  resume: "Reanudar",
  withdraw: "Retirar",
  withdrawAsk: "¿Retirar {amount} a tu billetera?",
  confirm: "Sí, retirar",
  cancel: "Cancelar",
  withdrawn: "Retiro de {amount} en cola: se paga a tu billetera vinculada.",
  fund: "Financiar",
  fundAsk: "Cantidad en {token}",
  fundGo: "Obtener enlace de pago",
  fundShown: "Paga con una billetera de Solana (escanea o abre el enlace) antes de las {expires}.",
  openWallet: "Abrir en la billetera",
  stats: "Estadísticas",
  scores: "Distribución de puntuaciones",
  perDay: "Envíos por día",
  balance: "Saldo del fondo",
  best: "Mejores grabaciones",
  worst: "Peores grabaciones",
  noData: "Aún no hay datos.",
  total: "{n} en {days} días",
  thresholdLine: "umbral {n}",
};

export const PAGE_STRINGS: Record<DashboardLocale, PageStrings> = { en, es };

/** The server's own refusals (the core's error codes are worded by the bots' texts). */
export const REFUSALS: Record<DashboardLocale, Record<string, string>> = {
  en: {
    SIGN_IN_FIRST: "Sign in first: open the dashboard from the bot.",
    INIT_DATA_INVALID:
      "Telegram's launch data did not check out (forged or more than an hour old). Reopen the dashboard from the bot.",
    TELEGRAM_OFF:
      "Signing in from Telegram is off on this server (TELEGRAM_BOT_TOKEN is not set). Use the one-time link the Discord bot's Dashboard button gives.",
    NO_ACCOUNT: "You have no account yet: open the bot first (send /start), then the dashboard.",
    LOGIN_SPENT:
      "This link was already used or has expired (links last 10 minutes). Press Dashboard in the bot for a new one.",
    RATE_LIMITED: "Too many sign-ins: wait a minute and try again.",
    BAD_REQUEST: "The request is invalid.",
    KEYFRAME_NOT_FOUND: "This recording has no such keyframe.",
  },
  es: {
    SIGN_IN_FIRST: "Inicia sesión primero: abre el panel desde el bot.",
    INIT_DATA_INVALID:
      "Los datos de inicio de Telegram no son válidos (falsos o de hace más de una hora). Vuelve a abrir el panel desde el bot.",
    TELEGRAM_OFF:
      "El inicio desde Telegram está desactivado en este servidor (TELEGRAM_BOT_TOKEN no está configurado). Usa el enlace de un solo uso que da el botón Panel del bot de Discord.",
    NO_ACCOUNT: "Aún no tienes cuenta: abre el bot primero (envía /start) y luego el panel.",
    LOGIN_SPENT: "Este enlace ya se usó o caducó (duran 10 minutos). Pulsa Panel en el bot para obtener uno nuevo.",
    RATE_LIMITED: "Demasiados inicios de sesión: espera un minuto y vuelve a intentarlo.",
    BAD_REQUEST: "La solicitud no es válida.",
    KEYFRAME_NOT_FOUND: "Esta grabación no tiene ese fotograma.",
  },
};
