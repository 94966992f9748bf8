/* cpam-reader applicant page: the language the page speaks, and the texts it makes from values (dates, waits).
 *
 * Nothing here touches the page: these are functions of the language and of their arguments.
 */
import { STRINGS } from "./strings.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_LOCALES = { en: "en-GB", fr: "fr-FR" };

/* The browser's first language, when it is French; English otherwise. */
export function pickLanguage() {
  const first = String(navigator.language || (navigator.languages && navigator.languages[0]) || "").toLowerCase();
  return first.startsWith("fr") ? "fr" : "en";
}

/* What the texts depend on: the language (in memory only, never stored) and the service's upload limit in MB,
 * which the service writes on the page's body (CPAM_READER_MAX_UPLOAD_MB). */
export const page = {
  lang: pickLanguage(),
  maxMb: Number(document.body.dataset.maxUploadMb) > 0 ? Number(document.body.dataset.maxUploadMb) : 20,
};

export function hasLanguage(lang) {
  return lang in STRINGS;
}

/* The text of a key in the page's language (English when French lacks it), {name} placeholders filled from vars. */
export function t(key, vars) {
  const table = STRINGS[page.lang] || STRINGS.en;
  let text = key in table ? table[key] : key in STRINGS.en ? STRINGS.en[key] : key;
  const values = { mb: page.maxMb, ...vars };
  if (typeof text === "string") {
    text = text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
  }
  return text;
}

/* "2025-06-19" → that calendar day as a timestamp at midnight UTC, or null. It is a day printed on a letter, not an
 * instant: it is formatted in UTC too, so that no time zone moves it by a day. */
export function parseIsoDate(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return time;
}

/* "19 June 2025" / "19 juin 2025" (French writes the first of the month "1er"). */
export function formatDate(time) {
  const format = new Intl.DateTimeFormat(DATE_LOCALES[page.lang] || DATE_LOCALES.en, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return format
    .formatToParts(new Date(time))
    .map((part) => (part.type === "day" && page.lang === "fr" && part.value === "1" ? "1er" : part.value))
    .join("");
}

/* Whole days from the applicant's today (their calendar) to that day: negative once it has passed. */
export function daysFromToday(time) {
  const now = new Date();
  return Math.round((time - Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) / DAY_MS);
}

/* A text field of the result, trimmed; "" when it is missing or not text. */
export function textOf(value) {
  return typeof value === "string" ? value.trim() : "";
}

/* "a minute", or what the Retry-After header said, in words. */
export function waitText(seconds) {
  if (!seconds || seconds <= 0) return t("wait_minute");
  if (seconds === 1) return t("wait_second");
  if (seconds < 90) return t("wait_seconds", { n: seconds });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t("wait_minute") : t("wait_minutes", { n: minutes });
}
