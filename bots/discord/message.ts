// A View as a Discord message: the text as Discord markdown, the buttons as components within
// Discord's limits (5 rows of 5 buttons, labels of 80 characters, unique custom ids). A view with
// more rows than that (a page of factories and its arrows, a factory's tasks) keeps its last row
// as buttons and offers the rest in select menus, whose picked value is the same action. A view's
// picture is attached and shown in an embed below the text; a Mini App button is a link.
import {
  AttachmentBuilder,
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APISelectMenuOption,
} from "discord.js";
import type { Button, View } from "../views/view.js";
import { toDiscordMarkdown } from "./render.js";

/** Custom id of the select menus holding a view's actions (`pick:<n>`); a value is an action. */
export const PICK_PREFIX = "pick";
const MAX_ROWS = 5;
const PER_ROW = 5;
const PER_SELECT = 25;
const LABEL_MAX = 80;
const OPTION_LABEL_MAX = 100;
/** Discord refuses message content longer than this. */
export const CONTENT_MAX = 2_000;

export interface DiscordMessage {
  content: string;
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: { parse: [] };
  /** The picture's embed (none without a picture): it shows the attached file. */
  embeds: APIEmbed[];
  /** The picture as a file, its alt text as the file's description. */
  files: AttachmentBuilder[];
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An action used twice in one message gets a `~n` suffix: Discord wants unique custom ids. */
export const actionOf = (customId: string): string => customId.replace(/~\d+$/, "");

function buttonRows(rows: readonly (readonly Button[])[]): APIActionRowComponent<APIButtonComponent>[] {
  const seen = new Map<string, number>();
  const unique = (id: string) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}~${n}`;
  };
  return rows.map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map((b): APIButtonComponent =>
      "url" in b
        ? { type: ComponentType.Button, style: ButtonStyle.Link, label: cut(b.label, LABEL_MAX), url: b.url }
        : {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: cut(b.label, LABEL_MAX),
            custom_id: unique(b.action),
          },
    ),
  }));
}

const chunk = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** Rows that fit: buttons as laid out, or the actions in select menus above the view's last row. */
export function components(view: View): DiscordMessage["components"] {
  const rows = (view.buttons ?? []).filter((row) => row.length).flatMap((row) => chunk(row, PER_ROW));
  if (rows.length <= MAX_ROWS) return buttonRows(rows);
  const last = rows.at(-1)!;
  const rest = rows.slice(0, -1).flat();
  const links = rest.filter((b) => "url" in b);
  const actions = rest
    .filter((b): b is Extract<Button, { action: string }> => "action" in b)
    .filter((b, i, all) => all.findIndex((o) => o.action === b.action) === i);
  const selects = chunk(actions, PER_SELECT).slice(0, MAX_ROWS - 1 - Math.ceil(links.length / PER_ROW));
  return [
    ...selects.map((options, i) => ({
      type: ComponentType.ActionRow as const,
      components: [
        {
          type: ComponentType.StringSelect as const,
          custom_id: `${PICK_PREFIX}:${i}`,
          options: options.map((b): APISelectMenuOption => ({
            label: cut(b.label, OPTION_LABEL_MAX),
            value: b.action,
          })),
        },
      ],
    })),
    ...buttonRows([...chunk(links, PER_ROW), last]),
  ];
}

/** A file name an embed can show as `attachment://<name>` (letters, digits, `.`, `-`, `_`). */
export const attachmentName = (name: string): string => name.replace(/[^\w.-]/g, "_") || "image.png";

/** The message for a view; nobody is pinged, whatever text it quotes. */
export function discordMessage(view: View): DiscordMessage {
  const name = view.image && attachmentName(view.image.name);
  return {
    content: cut(toDiscordMarkdown(view.text), CONTENT_MAX),
    components: components(view),
    allowed_mentions: { parse: [] },
    embeds: name ? [{ image: { url: `attachment://${name}` } }] : [],
    files: view.image && name ? [new AttachmentBuilder(view.image.png, { name, description: view.image.alt })] : [],
  };
}
