/* cpam-reader applicant page: the page's elements, its state, and drawing the state on the page.
 *
 * Under the page's strict CSP (script-src 'self', style-src 'self'): no inline handlers or styles, no innerHTML;
 * every text that comes from the server (derived from the uploaded letter) is written with textContent only.
 * What a result means for the page (the grouped number, the doubts, whether it is unreadable) comes decided from
 * the service (the result's `display`, web/display.py): this module only shows it.
 */
import { ERRORS, LETTER_TYPES, NOTICES_SHOWN_ELSEWHERE } from "./strings.js";
import { daysFromToday, formatDate, page, parseIsoDate, t, textOf, waitText } from "./format.js";

const DEADLINE_SOON_DAYS = 14; // a deadline this close (or passed) is shown as a warning

/* Why no number is shown (display.no_number) → its text. */
const NO_NUMBER_TEXTS = {
  conflict: "no_number_conflict",
  old: "no_number_old",
  unread: "no_number_unread",
  none: "no_number",
};

const $ = (id) => document.getElementById(id);

export const el = {
  html: document.documentElement,
  langEn: $("lang-en"),
  langFr: $("lang-fr"),
  upload: $("upload"),
  file: $("file"),
  filePick: $("file-pick"),
  progress: $("progress"),
  progressText: $("progress-text"),
  progressBar: $("progress-bar"),
  progressLive: $("progress-live"),
  error: $("error"),
  errorTitle: $("error-title"),
  errorMessage: $("error-message"),
  errorDetail: $("error-detail"),
  errorAdvice: $("error-advice"),
  result: $("result"),
  resultTitle: $("result-title"),
  warning: $("warning"),
  warningKey: $("warning-key"),
  warningReasons: $("warning-reasons"),
  numberCard: $("number-card"),
  nir: $("nir"),
  copy: $("copy"),
  copyDone: $("copy-done"),
  status: $("status"),
  statusText: $("status-text"),
  partsBlock: $("parts-block"),
  specimenNote: $("specimen-note"),
  parts: $("parts"),
  noNumberCard: $("no-number-card"),
  noNumber: $("no-number"),
  letterType: $("letter-type"),
  letterTypeText: $("letter-type-text"),
  letterTypeUnsure: $("letter-type-unsure"),
  oldNumber: $("old-number"),
  notices: $("notices"),
  letterAbout: $("letter-about"),
  letterAboutDate: $("letter-about-date"),
  letterAboutCaisse: $("letter-about-caisse"),
  documentsCard: $("documents-card"),
  deadline: $("deadline"),
  deadlineDate: $("deadline-date"),
  deadlineLeft: $("deadline-left"),
  deadlineLate: $("deadline-late"),
  deadlineWording: $("deadline-wording"),
  deadlineWordingText: $("deadline-wording-text"),
  documentsHelp: $("documents-help"),
  documentsList: $("documents-list"),
  documentsNone: $("documents-none"),
  sendInfo: $("send-info"),
  sendReference: $("send-reference"),
  sendReferenceValue: $("send-reference-value"),
  sendCaisse: $("send-caisse"),
  sendCaisseValue: $("send-caisse-value"),
  nextSteps: $("next-steps"),
  againRow: $("again-row"),
  again: $("again"),
  announcer: $("announcer"),
};

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function show(node, visible) {
  node.hidden = !visible;
}

/* The page's fixed texts in its language. */
export function applyStaticStrings() {
  el.html.lang = page.lang;
  document.title = t("page_title");
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  el.langEn.setAttribute("aria-pressed", String(page.lang === "en"));
  el.langFr.setAttribute("aria-pressed", String(page.lang === "fr"));
}

export const state = {
  phase: "idle", // idle | sending | reading | result | error
  percent: 0,
  result: null, // the 200 JSON, with its display
  error: null, // {code, message, retryAfter}
  copied: null, // null | "copied" | "copy_failed"
  ticked: new Set(), // indexes of the requested documents the applicant has ticked (this result only)
};

let lastLiveStep = -1;

/* The page's decisions about a result, as the service sent them (safe defaults for a missing field). */
export function displayOf(r) {
  const d = r && r.display && typeof r.display === "object" ? r.display : {};
  return {
    nirGrouped: typeof d.nir_grouped === "string" ? d.nir_grouped : r && r.nir ? String(r.nir) : "",
    unsure: d.unsure === true,
    keyInvalid: d.key_invalid === true,
    doubts: Array.isArray(d.doubts) ? d.doubts.map(String) : [],
    noNumber: typeof d.no_number === "string" && d.no_number in NO_NUMBER_TEXTS ? d.no_number : "none",
    letterTypeUnsure: d.letter_type_unsure === true,
    oldProvisional: d.old_provisional === true,
    unreadable: d.unreadable === true,
  };
}

export function render() {
  const busy = state.phase === "sending" || state.phase === "reading";
  el.file.disabled = busy;
  el.filePick.disabled = busy;
  el.upload.setAttribute("aria-busy", String(busy));
  show(el.upload, state.phase === "idle" || busy);
  show(el.progress, busy);
  show(el.result, state.phase === "result");
  show(el.error, state.phase === "error");
  show(el.againRow, state.phase === "result" || state.phase === "error");
  if (busy) renderProgress();
  if (state.phase === "result") renderResult(state.result);
  if (state.phase === "error") renderError(state.error);
}

/* A new upload: the live region speaks its progress from the start again. */
export function restartProgress() {
  lastLiveStep = -1;
}

export function renderProgress() {
  let text;
  if (state.phase === "sending") {
    text = t("sending", { pct: state.percent });
    el.progressBar.value = state.percent;
    el.progressBar.setAttribute("value", String(state.percent));
  } else {
    text = t("reading");
    el.progressBar.removeAttribute("value"); // indeterminate
  }
  el.progressText.textContent = text;
  // The live region speaks only at quarter steps, not at every percent.
  const step = state.phase === "sending" ? Math.floor(state.percent / 25) : 100;
  if (step !== lastLiveStep || el.progressLive.dataset.lang !== page.lang) {
    lastLiveStep = step;
    el.progressLive.dataset.lang = page.lang;
    el.progressLive.textContent = state.phase === "sending" ? t("sending", { pct: step * 25 }) : text;
  }
}

function renderResult(r) {
  const nir = r.nir ? String(r.nir) : null;
  const details = r.nir_details && typeof r.nir_details === "object" ? r.nir_details : null;
  const notices = Array.isArray(r.notices) ? r.notices.filter((n) => n && typeof n.code === "string") : [];
  const shown = displayOf(r);

  // Number card, or "no number".
  show(el.numberCard, Boolean(nir));
  show(el.noNumberCard, !nir);
  if (nir) {
    el.nir.textContent = shown.nirGrouped;
    el.copy.setAttribute("aria-label", `${t("copy")} ${shown.nirGrouped}`);
    el.copyDone.textContent = state.copied ? t(state.copied) : "";
    renderStatus(r.nir_status, details, nir);
    renderParts(nir, details);
  } else {
    el.nir.textContent = "";
    el.noNumber.textContent = t(NO_NUMBER_TEXTS[shown.noNumber]);
  }
  // A temporary number from an old letter: read right, but probably replaced by a permanent one since.
  show(el.oldNumber, shown.oldProvisional);
  clear(el.notices);
  for (const notice of notices.filter((n) => !NOTICES_SHOWN_ELSEWHERE.includes(n.code))) {
    el.notices.appendChild(make("li", null, String(notice[page.lang] || notice.en || "")));
  }
  show(el.notices, el.notices.childElementCount > 0);

  // Unsure warning, with its reasons.
  show(el.warning, shown.unsure);
  show(el.warningKey, shown.unsure && shown.keyInvalid);
  clear(el.warningReasons);
  if (shown.unsure) {
    for (const doubt of shown.doubts) el.warningReasons.appendChild(make("li", null, t(`reason_${doubt}`)));
  }
  show(el.warningReasons, el.warningReasons.childElementCount > 0);

  // Kind of letter.
  const type = LETTER_TYPES.includes(r.letter_type) ? r.letter_type : "other";
  el.letterType.textContent = t(`type_${type}`);
  el.letterTypeText.textContent = t(`type_${type}_text`);
  show(el.letterTypeUnsure, shown.letterTypeUnsure);
  renderLetterAbout(r);

  // Documents to send, by when.
  renderDocuments(r);

  // Next steps, already in both languages; the step listing the documents is said shortly when the documents
  // card above already lists them, with their deadline.
  clear(el.nextSteps);
  const steps = Array.isArray(r.next_steps) ? r.next_steps : [];
  for (const step of steps) {
    let text = "";
    if (typeof step === "string") text = step;
    else if (step && step.code === "send_documents" && !el.documentsCard.hidden) text = t("next_steps_send_listed");
    else if (step && typeof step === "object") text = step[page.lang] || step.en || step.fr || "";
    if (text) el.nextSteps.appendChild(make("li", null, String(text)));
  }
  if (!el.nextSteps.childElementCount) el.nextSteps.appendChild(make("li", null, t("next_steps_none")));
}

/* "About this letter": its date and the caisse that sent it, when the letter says them. */
function renderLetterAbout(r) {
  const date = parseIsoDate(r.letter_date);
  const caisse = textOf(r.caisse);
  el.letterAboutDate.textContent = date !== null ? t("about_date", { date: formatDate(date) }) : "";
  el.letterAboutCaisse.textContent = caisse ? t("about_caisse", { caisse }) : "";
  show(el.letterAboutDate, date !== null);
  show(el.letterAboutCaisse, Boolean(caisse));
  show(el.letterAbout, date !== null || Boolean(caisse));
}

/* A requested document's label in the page's language and the letter's own (French) wording, when that adds
 * something. For "other" the label is generic: the letter's wording is the label. */
function documentTexts(doc) {
  const raw = textOf(doc.raw);
  const label = textOf(doc[page.lang]) || textOf(doc.en) || textOf(doc.fr);
  if ((doc.kind === "other" || !label) && raw) return { label: raw, labelIsRaw: true, raw: "" };
  const differs = raw && raw.toLowerCase() !== label.toLowerCase();
  return { label, labelIsRaw: false, raw: differs ? raw : "" };
}

function addDocument(doc, index) {
  const { label, labelIsRaw, raw } = documentTexts(doc);
  if (!label) return;
  const id = `document-${index}`;
  const item = make("li", "checklist-item");
  const box = make("input", "checklist-box");
  box.type = "checkbox";
  box.id = id;
  box.checked = state.ticked.has(index);
  box.addEventListener("change", () => {
    if (box.checked) state.ticked.add(index);
    else state.ticked.delete(index);
  });
  // The whole label is the tap target; the name is the document, the letter's wording its description.
  const text = make("label", "checklist-text");
  text.htmlFor = id;
  const name = make("span", "checklist-label", label);
  name.id = `${id}-label`;
  if (labelIsRaw) name.lang = "fr";
  box.setAttribute("aria-labelledby", name.id);
  text.appendChild(name);
  if (raw) {
    const quote = make("q", "checklist-raw", raw);
    quote.id = `${id}-raw`;
    quote.lang = "fr";
    box.setAttribute("aria-describedby", quote.id);
    text.appendChild(quote);
  }
  item.append(box, text);
  el.documentsList.appendChild(item);
}

function renderDeadline(deadline) {
  el.deadline.classList.remove("deadline-soon", "deadline-passed", "deadline-none");
  if (deadline === null) {
    el.deadline.classList.add("deadline-none");
    el.deadlineDate.textContent = "";
    el.deadlineLeft.textContent = t("deadline_none");
    show(el.deadlineDate, false);
    show(el.deadlineLate, false);
    return;
  }
  const days = daysFromToday(deadline);
  let left;
  if (days < -1) left = t("deadline_passed", { n: -days });
  else if (days === -1) left = t("deadline_passed_one");
  else if (days === 0) left = t("deadline_today");
  else if (days === 1) left = t("deadline_day_left");
  else left = t("deadline_days_left", { n: days });
  if (days < 0) el.deadline.classList.add("deadline-passed");
  else if (days <= DEADLINE_SOON_DAYS) el.deadline.classList.add("deadline-soon");
  el.deadlineDate.textContent = t("deadline_by", { date: formatDate(deadline) });
  el.deadlineLeft.textContent = left;
  show(el.deadlineDate, true);
  show(el.deadlineLate, days < 0);
}

/* "Documents to send": only for a letter that asks for documents or sets a date to send them. */
function renderDocuments(r) {
  const docs = (Array.isArray(r.documents) ? r.documents : []).filter((d) => d && typeof d === "object");
  const deadline = parseIsoDate(r.deadline);
  clear(el.documentsList);
  show(el.documentsCard, docs.length > 0 || deadline !== null);
  if (el.documentsCard.hidden) return;

  renderDeadline(deadline);
  const wording = textOf(r.deadline_text);
  el.deadlineWordingText.textContent = wording;
  show(el.deadlineWording, Boolean(wording));

  docs.forEach(addDocument);
  const listed = el.documentsList.childElementCount > 0;
  show(el.documentsList, listed);
  show(el.documentsHelp, listed);
  show(el.documentsNone, !listed);

  const reference = textOf(r.reference);
  const caisse = textOf(r.caisse);
  el.sendReferenceValue.textContent = reference;
  el.sendCaisseValue.textContent = caisse;
  show(el.sendReference, Boolean(reference));
  show(el.sendCaisse, Boolean(caisse));
  show(el.sendInfo, Boolean(reference || caisse));
}

function renderStatus(status, details, nir) {
  el.status.classList.remove("status-definitif", "status-provisoire", "status-unknown");
  if (status === "definitif" || status === "provisoire") {
    el.status.classList.add(`status-${status}`);
    el.status.textContent = t(`status_${status}`);
    el.statusText.textContent = t(`status_${status}_text`);
  } else {
    el.status.classList.add("status-unknown");
    el.status.textContent = t("status_unknown");
    let text = t("status_unknown_text");
    if (details && details.provisional) text += ` ${t("status_unknown_provisional", { digit: nir[0] })}`;
    el.statusText.textContent = text;
  }
}

function addPart(digits, label, lines) {
  const row = make("div", "part");
  const dt = make("dt");
  dt.appendChild(make("span", "chip", digits));
  const dd = make("dd");
  dd.appendChild(make("span", "part-label", label));
  for (const line of lines) {
    if (line) dd.appendChild(make("span", "part-line", line));
  }
  row.append(dt, dd);
  el.parts.appendChild(row);
}

function renderParts(nir, d) {
  clear(el.parts);
  show(el.specimenNote, false);
  if (!d) {
    show(el.partsBlock, false);
    return;
  }
  show(el.partsBlock, true);
  const sex = d.sex === "F" ? "F" : "M";
  const first = nir[0];

  // Sex (and temporary number).
  addPart(first, t("label_sex"), [
    t(`part_sex_${sex}`),
    d.provisional ? t("part_provisional", { digit: first }) : "",
  ]);

  // Year and month: the year has two digits, the century is not guessed.
  const year = String(d.year || nir.slice(1, 3));
  const monthIndex = /^\d{2}$/.test(String(d.month)) ? Number(d.month) - 1 : -1;
  const months = t("months");
  const birth =
    monthIndex >= 0 && monthIndex < 12
      ? t(`part_birth_${sex}`, { month: months[monthIndex], year })
      : t(`part_birth_unknown_${sex}`, { year });
  addPart(`${nir.slice(1, 3)} ${nir.slice(3, 5)}`, t("label_birth"), [birth, t("part_year_note")]);

  // Place of birth.
  let place;
  let placeDigits;
  if (d.place_kind === "abroad") {
    placeDigits = `${nir.slice(5, 7)} ${nir.slice(7, 10)}`;
    place = t(`part_place_abroad_${sex}`, { country: d.country_code || nir.slice(7, 10) });
  } else if (d.place_kind === "overseas") {
    placeDigits = `${nir.slice(5, 8)} ${nir.slice(8, 10)}`;
    place = t(`part_place_overseas_${sex}`, {
      department: d.department || nir.slice(5, 8),
      commune: d.commune || nir.slice(8, 10),
    });
  } else {
    placeDigits = `${nir.slice(5, 7)} ${nir.slice(7, 10)}`;
    place = t(`part_place_department_${sex}`, {
      department: d.department || nir.slice(5, 7),
      commune: d.commune || nir.slice(7, 10),
    });
  }
  addPart(placeDigits, t("label_place"), [place]);

  // Order and key.
  addPart(String(d.order || nir.slice(10, 13)), t("label_order"), [t("part_order")]);
  const key = String(d.key || nir.slice(13, 15));
  if (key) addPart(key, t("label_key"), [d.key_missing ? t("part_key_missing") : t("part_key")]);

  show(el.specimenNote, Boolean(d.specimen));
}


export function renderError(error) {
  const code = error && error.code in ERRORS ? error.code : "generic";
  const entry = ERRORS[code];
  el.errorTitle.textContent = t(entry.title);
  el.errorMessage.textContent = t(entry.message, { wait: waitText(error && error.retryAfter) });
  // The server's message is English: shown only in English, and only when the code is not one we explain.
  const detail = code === "generic" && page.lang === "en" && error && error.message ? String(error.message) : "";
  el.errorDetail.textContent = detail ? t("err_server_said", { message: detail }) : "";
  show(el.errorDetail, Boolean(detail));
  show(el.errorAdvice, entry.advice);
}

/* Empty what a result drew, for the next letter. */
export function clearResult() {
  clear(el.parts);
  clear(el.nextSteps);
  clear(el.warningReasons);
  clear(el.documentsList);
  el.nir.textContent = "";
  el.announcer.textContent = "";
}
