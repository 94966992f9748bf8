/* cpam-reader applicant page: the entry point, what the applicant's actions do.
 *
 * ES modules (ES2020), no build step, no external resources: strings.js (every text, both languages),
 * format.js (the language, dates and waits in words), render.js (the page's elements and drawing them),
 * upload.js (sending the letter). Nothing is stored in the browser: the language choice lives in memory only.
 */
import { hasLanguage, page, t } from "./format.js";
import { applyStaticStrings, clearResult, displayOf, el, render, renderProgress, restartProgress, state } from "./render.js";
import { cancel, upload } from "./upload.js";

function setLanguage(lang) {
  if (!hasLanguage(lang) || lang === page.lang) return;
  page.lang = lang;
  applyStaticStrings();
  render();
}

function announce(text) {
  el.announcer.textContent = "";
  // A fresh node text makes screen readers speak it even when it did not change.
  window.setTimeout(() => {
    el.announcer.textContent = text;
  }, 50);
}

function focusSoon(node) {
  window.setTimeout(() => {
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "start", behavior: "auto" });
  }, 0);
}

function showError(error) {
  state.phase = "error";
  state.error = error;
  state.result = null;
  render();
  focusSoon(el.errorTitle);
}

function showResult(r) {
  const shown = displayOf(r);
  if (shown.unreadable) {
    showError({ code: "unreadable" });
    return;
  }
  state.phase = "result";
  state.result = r;
  state.error = null;
  state.copied = null;
  state.ticked = new Set();
  render();
  announce(
    t("announce_result", {
      summary: r.nir ? t("announce_number", { number: shown.nirGrouped }) : t("announce_no_number"),
    })
  );
  focusSoon(el.resultTitle);
}

const answers = {
  progress(percent) {
    if (state.phase !== "sending") return;
    state.percent = percent;
    renderProgress();
  },
  sent() {
    state.phase = "reading";
    renderProgress();
  },
  result: showResult,
  error: showError,
};

function send(file) {
  if (!file || state.phase === "sending" || state.phase === "reading") return;
  state.phase = "sending";
  state.percent = 0;
  state.result = null;
  state.error = null;
  restartProgress();
  if (!upload(file, answers)) return; // refused before sending: the error is shown
  render();
  el.progress.scrollIntoView({ block: "nearest" }); // on a phone the progress card is below the big button
}

function onFileChosen(event) {
  const input = event.target;
  send(input.files && input.files[0]);
  input.value = ""; // choosing the same file again fires "change" again
}

function reset() {
  cancel();
  state.phase = "idle";
  state.result = null;
  state.error = null;
  state.copied = null;
  state.percent = 0;
  state.ticked = new Set();
  el.file.value = "";
  el.filePick.value = "";
  clearResult();
  render();
  window.scrollTo(0, 0);
  el.file.focus({ preventScroll: true });
}

function selectNumber() {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(el.nir);
  selection.removeAllRanges();
  selection.addRange(range);
}

function copyNumber() {
  const nir = state.result && state.result.nir ? String(state.result.nir) : "";
  if (!nir) return;
  const done = (key) => {
    state.copied = key;
    el.copyDone.textContent = t(key);
  };
  if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
    navigator.clipboard.writeText(nir).then(
      () => done("copied"),
      () => {
        selectNumber();
        done("copy_failed");
      }
    );
  } else {
    selectNumber();
    done("copy_failed");
  }
}

el.langEn.addEventListener("click", () => setLanguage("en"));
el.langFr.addEventListener("click", () => setLanguage("fr"));
el.file.addEventListener("change", onFileChosen);
el.filePick.addEventListener("change", onFileChosen);
el.again.addEventListener("click", reset);
el.copy.addEventListener("click", copyNumber);

applyStaticStrings();
render();
