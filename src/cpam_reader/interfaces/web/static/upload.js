/* cpam-reader applicant page: sending one letter to the service and turning its answer into a result or an error.
 *
 * The page asks for the result with its display (?view=page): the service decides the grouped number and the
 * doubts, the page shows them. One upload at a time; a newer one or a cancel makes an older one's answer ignored.
 */
import { CODE_BY_STATUS, ERRORS } from "./strings.js";
import { page } from "./format.js";

const ENDPOINT = "/v1/letters?view=page";
const FORM_OVERHEAD = 16 * 1024; // multipart headers around the file count in the body the service caps
const TIMEOUT_MS = 180000;

let current = null;

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (_) {
    return null;
  }
}

/* A Retry-After header (seconds or an HTTP date) in seconds, or null. */
function retryAfterSeconds(header) {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return null;
  return Math.max(1, Math.ceil((when - Date.now()) / 1000));
}

/* The service's answer: the result (200, no error), or {code, message, retryAfter} with a code the page knows. */
function answerOf(request) {
  const data = parseJson(request.responseText);
  const body = data && typeof data === "object" ? data : null;
  const error = body && body.error && typeof body.error === "object" ? body.error : null;
  if (request.status === 200 && body && !error) return { result: body };
  let code = error && typeof error.code === "string" ? error.code : CODE_BY_STATUS[request.status] || "generic";
  if (!(code in ERRORS)) code = "generic";
  let retryAfter = null;
  if (code === "rate_limited" || code === "busy") retryAfter = retryAfterSeconds(request.getResponseHeader("Retry-After"));
  return { error: { code, message: error && typeof error.message === "string" ? error.message : "", retryAfter } };
}

export function uploading() {
  return current !== null;
}

/* Forget the upload under way, if any: its answer will not be shown. */
export function cancel() {
  if (!current) return;
  const request = current;
  current = null;
  request.abort();
}

/* Send a file. The handlers: progress(percent), sent() once the file is up, result(body), error({code, ...}).
 * A file the service would refuse (empty, over the limit) is refused here, without sending it. Returns whether the
 * file was sent. */
export function upload(file, handlers) {
  if (!file || current) return false;
  if (file.size === 0) {
    handlers.error({ code: "empty_file" });
    return false;
  }
  if (file.size > page.maxMb * 1024 * 1024 - FORM_OVERHEAD) {
    handlers.error({ code: "upload_too_large" });
    return false;
  }
  const form = new FormData();
  form.append("file", file, file.name || "photo.jpg");

  const request = new XMLHttpRequest();
  current = request;
  const mine = () => current === request;
  const fail = (code) => {
    if (!mine()) return;
    current = null;
    handlers.error({ code });
  };
  request.open("POST", ENDPOINT, true);
  request.timeout = TIMEOUT_MS;
  request.setRequestHeader("Accept", "application/json");
  request.upload.addEventListener("progress", (event) => {
    if (mine() && event.lengthComputable && event.total > 0) {
      handlers.progress(Math.min(100, Math.floor((event.loaded / event.total) * 100)));
    }
  });
  request.upload.addEventListener("load", () => {
    if (mine()) handlers.sent();
  });
  request.addEventListener("load", () => {
    if (!mine()) return;
    current = null;
    const answer = answerOf(request);
    if (answer.result) handlers.result(answer.result);
    else handlers.error(answer.error);
  });
  request.addEventListener("error", () => fail("network"));
  request.addEventListener("timeout", () => fail("timeout"));
  request.send(form);
  return true;
}
