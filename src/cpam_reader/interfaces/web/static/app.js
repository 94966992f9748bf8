/* cpam-reader applicant page.
 *
 * Vanilla JS (ES2020), no build step, no external resources. Runs under a strict CSP (script-src 'self',
 * style-src 'self'): no inline handlers, no inline styles, no innerHTML. Every text that comes from the server
 * (derived from the uploaded letter) is written with textContent only.
 *
 * Nothing is stored in the browser: the language choice lives in memory only.
 */
"use strict";

(() => {
  const ENDPOINT = "/v1/letters";
  // The service's upload limit (whole body), which it writes on the page's body (CPAM_READER_MAX_UPLOAD_MB).
  const MAX_MB = Number(document.body.dataset.maxUploadMb) > 0 ? Number(document.body.dataset.maxUploadMb) : 20;
  const MAX_BYTES = MAX_MB * 1024 * 1024;
  const FORM_OVERHEAD = 16 * 1024; // multipart headers around the file count in the body the service caps
  const TIMEOUT_MS = 180000;
  const UNSURE_CONFIDENCE = 0.6; // letter_type_confidence below this: the reading is flagged as unsure
  const UNREADABLE_CONFIDENCE = 0.5; // no number + "other" below this: treated as an unreadable photo
  const DEADLINE_SOON_DAYS = 14; // a deadline this close (or passed) is shown as a warning
  const DAY_MS = 24 * 60 * 60 * 1000;
  const DATE_LOCALES = { en: "en-GB", fr: "fr-FR" };

  /* ----------------------------------------------------------------------------------------------------------
   * Strings. Every visible text exists in both languages. Static elements carry data-i18n="key".
   * {name} placeholders are filled by t(key, {name: value}).
   * French keys ending in _M / _F agree with the holder's sex (né / née); English ones are the same.
   * -------------------------------------------------------------------------------------------------------- */
  const STRINGS = {
    en: {
      page_title: "cpam-reader: understand your Assurance Maladie letter",
      skip_link: "Skip to the main content",
      tagline:
        "Take a photo of a letter from the Assurance Maladie (CPAM): we find your social security number and explain what the letter means.",
      privacy: "Nothing is stored and no account is needed: your photo is read, then forgotten.",
      upload_title: "Read a letter",
      upload_help: "Take a photo of the whole first page of the letter.",
      take_photo: "Take a photo or choose a file",
      choose_file: "Choose a file instead (photo or PDF)",
      size_hint: "A photo or a PDF, up to {mb} MB.",
      tips_title: "For a good photo",
      tips_retake_title: "Take the photo again",
      photo_advice:
        "Lay the letter flat, in good light, and get the whole page in the frame; avoid shadows and reflections.",

      sending: "Sending… {pct} %",
      sending_start: "Sending…",
      reading: "Reading the letter… (this takes a few seconds)",

      result_title: "What your letter says",
      number_title: "Your social security number",
      copy: "Copy",
      copied: "Copied",
      copy_failed: "Select the number to copy it",
      parts_title: "What the digits mean",
      letter_type_title: "The kind of letter",
      next_steps_title: "What to do next",
      next_steps_none: "Keep this letter with your important papers.",
      next_steps_send_listed: "Send the documents listed above, to the address on the letter; keep copies.",
      again: "Read another letter",
      footer_info:
        "This page explains your letter; it does not replace it. What the letter from your CPAM says is what counts.",
      footer_help: "Questions? The Assurance Maladie answers on",
      footer_or: "or at",

      status_definitif: "Permanent number (définitif)",
      status_definitif_text:
        "This is your number for life. Your employer, your doctors and your pharmacy use it.",
      status_provisoire: "Temporary number (provisoire)",
      status_provisoire_text:
        "A waiting number while the caisse checks your civil status (birth certificate). It already lets you be reimbursed for care. A permanent number will follow, often after several months.",
      status_unknown: "Permanent or temporary?",
      status_unknown_text: "The letter does not say whether this number is permanent or temporary.",
      status_unknown_provisional:
        "It starts with {digit}: numbers starting with 7 or 8 are temporary numbers.",

      type_number_assignment: "A letter giving you a social security number",
      type_number_assignment_text:
        "The Assurance Maladie tells you the number it has given you. Keep this letter: you will need the number.",
      type_documents_request: "A request for documents",
      type_documents_request_text:
        "The Assurance Maladie needs papers from you before it can go on with your file.",
      type_carte_vitale_form: "The carte Vitale application form",
      type_carte_vitale_form_text:
        "The form to ask for your carte Vitale, the health card you show at the doctor’s and at the pharmacy.",
      type_other: "Another letter from the Assurance Maladie",
      type_other_text:
        "It is not one of the letters this service knows well: if you can, read it with someone who speaks French.",
      type_unsure: "We are not completely sure of the kind of letter.",

      no_number: "This letter does not give a social security number.",
      no_number_unread:
        "The letter shows a number we could not read. Take the photo again, flat and well lit, or read the number on your letter.",
      no_number_old:
        "The only number we could read is one the letter calls old: it no longer applies. Your new number is elsewhere on the letter: photograph the whole page.",
      no_number_conflict:
        "The letter shows several different numbers and we could not tell which one is yours: check your letter or ask your CPAM.",

      unsure: "We are not sure of this reading: check the number against your letter.",
      unsure_key:
        "The key (the last two digits) does not match the rest of the number: it may be misprinted or misread. Check it or ask your CPAM.",
      reason_repaired: "A character was hard to read and was corrected.",
      reason_key_missing: "The key (the last two digits) was not printed on the letter: we calculated it.",
      reason_several: "The letter shows more than one number.",
      reason_unread: "Another number on the letter could not be read: it may be your permanent number.",
      reason_low_confidence: "The letter was hard to read.",
      reason_partial_view: "The picture shows only part of the letter: send the whole page to check the rest.",
      reason_specimen: "This is the sample number printed on example cards, not yours.",
      old_provisional:
        "This temporary number comes from a letter more than a year old. You have probably been given a permanent number since: check on ameli.fr (your account, or your attestation de droits) or ask your employer.",

      about_title: "About this letter",
      about_date: "Date: {date}",
      about_caisse: "From: {caisse}",

      documents_title: "Documents to send",
      documents_help: "Tick each document once you have it. In quotes: the words of the letter, in French.",
      documents_none: "We could not list the documents: read them on the letter.",
      deadline_by: "Send them by {date}",
      deadline_days_left: "{n} days left.",
      deadline_day_left: "1 day left: the date is tomorrow.",
      deadline_today: "Today is the last day.",
      deadline_passed: "This date has passed ({n} days ago).",
      deadline_passed_one: "This date passed yesterday.",
      deadline_late: "Send the documents as soon as you can; if in doubt, call your CPAM on 36\u00a046.",
      deadline_none: "The letter sets no date for sending them: send them soon, your file waits for them.",
      deadline_wording: "The letter says:",
      send_reference: "Quote this reference:",
      send_caisse: "Send them to:",

      label_sex: "Sex",
      label_birth: "Year and month of birth",
      label_place: "Place of birth",
      label_order: "Order number",
      label_key: "Key",
      part_sex_M: "A man.",
      part_sex_F: "A woman.",
      part_provisional: "It starts with {digit}: a temporary number (NIA).",
      part_birth_M: "Born in {month} ’{year}.",
      part_birth_F: "Born in {month} ’{year}.",
      part_birth_unknown_M: "Born in ’{year}, month unknown.",
      part_birth_unknown_F: "Born in ’{year}, month unknown.",
      part_year_note: "Only the last two digits of the year are written.",
      part_place_department_M: "Born in France, département {department}, commune {commune}.",
      part_place_department_F: "Born in France, département {department}, commune {commune}.",
      part_place_overseas_M: "Born in an overseas département ({department}), commune {commune}.",
      part_place_overseas_F: "Born in an overseas département ({department}), commune {commune}.",
      part_place_abroad_M: "Born abroad (country code 99 {country}).",
      part_place_abroad_F: "Born abroad (country code 99 {country}).",
      part_order: "Tells apart people born in the same place in the same month.",
      part_key: "A check on the 13 digits before it.",
      part_key_missing: "Not printed on the letter: calculated from the 13 digits before it.",
      part_specimen: "This is the sample number printed on example cards, not yours.",
      months: [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
      ],

      err_title_read: "We could not read this letter",
      err_title_file: "This file cannot be read",
      err_title_wait: "Please wait a moment",
      err_title_network: "No connection",
      err_unreadable:
        "The photo may be blurred, too dark or cut off, or it is not a letter from the Assurance Maladie.",
      err_empty_file: "The file is empty. Choose the photo or the PDF again.",
      err_corrupt_file: "The file is damaged and cannot be opened. Take a new photo or save the letter again.",
      err_unsupported_format: "This kind of file cannot be read. Send a photo or a PDF.",
      err_encrypted_pdf:
        "This PDF is protected by a password. Remove the password and send it again, or take a photo of the letter.",
      err_too_large: "The file is too big: the limit is {mb} MB. Send a smaller photo, or only the pages of the letter.",
      err_upload_too_large: "The file is too big: the limit is {mb} MB. Send a smaller photo.",
      err_too_many_pixels:
        "The photo is too large (too many pixels). Send a smaller photo, or set your camera to a lower resolution.",
      err_document_timeout:
        "Reading this letter took too long. Take the photo again, closer, with the letter flat.",
      err_rate_limited: "Too many tries in a short time. Wait {wait}, then try again.",
      err_busy: "The service is busy. Try again in {wait}.",
      wait_minute: "a minute",
      wait_seconds: "{n} seconds",
      wait_second: "1 second",
      wait_minutes: "{n} minutes",
      err_ocr_failed: "The text of the letter could not be read.",
      err_ocr_unavailable: "The reading service is not working right now. Try again later.",
      err_internal_error: "Something went wrong on our side. Try again; if it happens again, try later.",
      err_bad_request: "The file did not arrive correctly. Choose it again.",
      err_network: "The page could not reach the service. Check your internet connection and try again.",
      err_timeout: "The service did not answer in time. Check your connection and try again.",
      err_generic: "The letter could not be read.",
      err_server_said: "Details: {message}",

      announce_result: "Result ready: {summary}",
      announce_number: "number {number}",
      announce_no_number: "no number found",
    },

    fr: {
      page_title: "cpam-reader : comprendre votre courrier de l’Assurance Maladie",
      skip_link: "Aller au contenu principal",
      tagline:
        "Prenez en photo un courrier de l’Assurance Maladie (CPAM) : nous trouvons votre numéro de sécurité sociale et vous expliquons ce que dit le courrier.",
      privacy: "Rien n’est conservé et aucun compte n’est nécessaire : votre photo est lue, puis oubliée.",
      upload_title: "Lire un courrier",
      upload_help: "Prenez en photo toute la première page du courrier.",
      take_photo: "Prendre une photo ou choisir un fichier",
      choose_file: "Choisir plutôt un fichier (photo ou PDF)",
      size_hint: "Une photo ou un PDF, {mb} Mo au maximum.",
      tips_title: "Pour une bonne photo",
      tips_retake_title: "Reprenez la photo",
      photo_advice:
        "Posez le courrier bien à plat, dans un endroit bien éclairé, et cadrez toute la page ; évitez les ombres et les reflets.",

      sending: "Envoi… {pct} %",
      sending_start: "Envoi…",
      reading: "Lecture du courrier… (cela prend quelques secondes)",

      result_title: "Ce que dit votre courrier",
      number_title: "Votre numéro de sécurité sociale",
      copy: "Copier",
      copied: "Copié",
      copy_failed: "Sélectionnez le numéro pour le copier",
      parts_title: "Ce que disent les chiffres",
      letter_type_title: "Le type de courrier",
      next_steps_title: "Que faire maintenant",
      next_steps_none: "Gardez ce courrier avec vos papiers importants.",
      next_steps_send_listed: "Envoyez les pièces listées ci-dessus, à l’adresse du courrier ; gardez-en une copie.",
      again: "Lire un autre courrier",
      footer_info:
        "Cette page explique votre courrier, elle ne le remplace pas. C’est ce que dit le courrier de votre CPAM qui compte.",
      footer_help: "Une question ? L’Assurance Maladie répond au",
      footer_or: "ou sur",

      status_definitif: "Numéro définitif",
      status_definitif_text:
        "C’est votre numéro pour toute la vie. Votre employeur, vos médecins et votre pharmacie l’utilisent.",
      status_provisoire: "Numéro provisoire",
      status_provisoire_text:
        "Un numéro d’attente, le temps que la caisse vérifie votre état civil (acte de naissance). Il vous permet déjà d’être remboursé de vos soins. Un numéro définitif suivra, souvent après plusieurs mois.",
      status_unknown: "Définitif ou provisoire ?",
      status_unknown_text: "Le courrier ne dit pas si ce numéro est définitif ou provisoire.",
      status_unknown_provisional:
        "Il commence par {digit} : les numéros qui commencent par 7 ou 8 sont des numéros provisoires.",

      type_number_assignment: "Un courrier qui vous donne un numéro de sécurité sociale",
      type_number_assignment_text:
        "L’Assurance Maladie vous indique le numéro qu’elle vous a attribué. Gardez ce courrier : vous aurez besoin de ce numéro.",
      type_documents_request: "Une demande de pièces justificatives",
      type_documents_request_text:
        "L’Assurance Maladie a besoin de documents de votre part pour continuer votre dossier.",
      type_carte_vitale_form: "Le formulaire de demande de carte Vitale",
      type_carte_vitale_form_text:
        "Le formulaire pour demander votre carte Vitale, la carte à présenter chez le médecin et à la pharmacie.",
      type_other: "Un autre courrier de l’Assurance Maladie",
      type_other_text:
        "Ce n’est pas un des courriers que ce service connaît bien : si vous le pouvez, lisez-le avec quelqu’un qui parle français.",
      type_unsure: "Nous ne sommes pas tout à fait sûrs du type de courrier.",

      no_number: "Ce courrier ne donne pas de numéro de sécurité sociale.",
      no_number_unread:
        "Le courrier montre un numéro que nous n’avons pas pu lire. Reprenez la photo, à plat et bien éclairée, ou lisez le numéro sur votre courrier.",
      no_number_old:
        "Le seul numéro lu est celui que le courrier dit ancien : il ne vaut plus. Votre nouveau numéro figure ailleurs sur le courrier : photographiez la page entière.",
      no_number_conflict:
        "Le courrier montre plusieurs numéros différents et nous n’avons pas pu savoir lequel est le vôtre : vérifiez votre courrier ou demandez à votre CPAM.",

      unsure: "Nous ne sommes pas sûrs de cette lecture : vérifiez le numéro sur votre courrier.",
      unsure_key:
        "La clé (les deux derniers chiffres) ne correspond pas au reste du numéro : il peut y avoir une erreur d’impression ou de lecture. Vérifiez-la ou demandez à votre CPAM.",
      reason_repaired: "Un caractère était difficile à lire et a été corrigé.",
      reason_key_missing: "La clé (les deux derniers chiffres) n’est pas imprimée sur le courrier : nous l’avons calculée.",
      reason_several: "Le courrier montre plus d’un numéro.",
      reason_unread: "Un autre numéro du courrier n’a pas pu être lu : c’est peut-être votre numéro définitif.",
      reason_low_confidence: "Le courrier était difficile à lire.",
      reason_partial_view: "La photo ne montre qu’une partie du courrier : envoyez la page entière pour vérifier le reste.",
      reason_specimen: "C’est le numéro d’exemple imprimé sur les cartes modèles, pas le vôtre.",
      old_provisional:
        "Ce numéro provisoire vient d’un courrier de plus d’un an. Vous avez sans doute reçu un numéro définitif depuis : vérifiez sur ameli.fr (votre compte, ou votre attestation de droits) ou demandez à votre employeur.",

      about_title: "À propos de ce courrier",
      about_date: "Date : {date}",
      about_caisse: "Expéditeur : {caisse}",

      documents_title: "Pièces à envoyer",
      documents_help: "Cochez chaque pièce quand vous l’avez. Entre guillemets : les mots du courrier.",
      documents_none: "Nous n’avons pas pu lister les pièces : lisez-les sur le courrier.",
      deadline_by: "À envoyer avant le {date}",
      deadline_days_left: "Il reste {n} jours.",
      deadline_day_left: "Il reste 1 jour : c’est demain.",
      deadline_today: "C’est aujourd’hui le dernier jour.",
      deadline_passed: "Cette date est dépassée (depuis {n} jours).",
      deadline_passed_one: "Cette date est dépassée depuis hier.",
      deadline_late: "Envoyez les pièces au plus vite ; en cas de doute, appelez votre CPAM au 36\u00a046.",
      deadline_none: "Le courrier ne fixe pas de date d’envoi : envoyez-les rapidement, votre dossier les attend.",
      deadline_wording: "Le courrier dit :",
      send_reference: "Rappelez cette référence :",
      send_caisse: "À envoyer à :",

      label_sex: "Sexe",
      label_birth: "Année et mois de naissance",
      label_place: "Lieu de naissance",
      label_order: "Numéro d’ordre",
      label_key: "Clé",
      part_sex_M: "Un homme.",
      part_sex_F: "Une femme.",
      part_provisional: "Il commence par {digit} : c’est un numéro provisoire (NIA).",
      part_birth_M: "Né en {month} {year}.",
      part_birth_F: "Née en {month} {year}.",
      part_birth_unknown_M: "Né en {year}, mois inconnu.",
      part_birth_unknown_F: "Née en {year}, mois inconnu.",
      part_year_note: "Seuls les deux derniers chiffres de l’année sont écrits.",
      part_place_department_M: "Né en France, département {department}, commune {commune}.",
      part_place_department_F: "Née en France, département {department}, commune {commune}.",
      part_place_overseas_M: "Né dans un département d’outre-mer ({department}), commune {commune}.",
      part_place_overseas_F: "Née dans un département d’outre-mer ({department}), commune {commune}.",
      part_place_abroad_M: "Né à l’étranger (code pays 99 {country}).",
      part_place_abroad_F: "Née à l’étranger (code pays 99 {country}).",
      part_order: "Distingue les personnes nées au même endroit le même mois.",
      part_key: "Sert à vérifier les 13 chiffres qui la précèdent.",
      part_key_missing: "Pas imprimée sur le courrier : calculée à partir des 13 chiffres qui la précèdent.",
      part_specimen: "C’est le numéro d’exemple imprimé sur les cartes modèles, pas le vôtre.",
      months: [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
      ],

      err_title_read: "Nous n’avons pas pu lire ce courrier",
      err_title_file: "Ce fichier ne peut pas être lu",
      err_title_wait: "Merci de patienter un moment",
      err_title_network: "Pas de connexion",
      err_unreadable:
        "La photo est peut-être floue, trop sombre ou coupée, ou ce n’est pas un courrier de l’Assurance Maladie.",
      err_empty_file: "Le fichier est vide. Choisissez à nouveau la photo ou le PDF.",
      err_corrupt_file:
        "Le fichier est abîmé et ne peut pas être ouvert. Prenez une nouvelle photo ou enregistrez à nouveau le courrier.",
      err_unsupported_format: "Ce type de fichier ne peut pas être lu. Envoyez une photo ou un PDF.",
      err_encrypted_pdf:
        "Ce PDF est protégé par un mot de passe. Retirez le mot de passe et envoyez-le à nouveau, ou prenez le courrier en photo.",
      err_too_large:
        "Le fichier est trop gros : la limite est de {mb} Mo. Envoyez une photo plus petite, ou seulement les pages du courrier.",
      err_upload_too_large: "Le fichier est trop gros : la limite est de {mb} Mo. Envoyez une photo plus petite.",
      err_too_many_pixels:
        "La photo est trop grande (trop de pixels). Envoyez une photo plus petite, ou baissez la résolution de l’appareil photo.",
      err_document_timeout:
        "La lecture de ce courrier a pris trop de temps. Reprenez la photo, de plus près, avec le courrier bien à plat.",
      err_rate_limited: "Trop d’essais en peu de temps. Attendez {wait}, puis réessayez.",
      err_busy: "Le service est très occupé. Réessayez dans {wait}.",
      wait_minute: "une minute",
      wait_seconds: "{n} secondes",
      wait_second: "1 seconde",
      wait_minutes: "{n} minutes",
      err_ocr_failed: "Le texte du courrier n’a pas pu être lu.",
      err_ocr_unavailable: "Le service de lecture ne fonctionne pas en ce moment. Réessayez plus tard.",
      err_internal_error:
        "Un problème est survenu de notre côté. Réessayez ; si cela se reproduit, réessayez plus tard.",
      err_bad_request: "Le fichier n’est pas bien arrivé. Choisissez-le à nouveau.",
      err_network: "La page n’a pas pu joindre le service. Vérifiez votre connexion internet et réessayez.",
      err_timeout: "Le service n’a pas répondu à temps. Vérifiez votre connexion et réessayez.",
      err_generic: "Le courrier n’a pas pu être lu.",
      err_server_said: "Détails : {message}",

      announce_result: "Résultat prêt : {summary}",
      announce_number: "numéro {number}",
      announce_no_number: "aucun numéro trouvé",
    },
  };

  // French typography: a no-break space before : ; ? ! % so they never start a line.
  for (const [key, value] of Object.entries(STRINGS.fr)) {
    if (typeof value === "string") STRINGS.fr[key] = value.replace(/ ([:;?!%])/g, "\u00a0$1");
  }
  STRINGS.en.sending = STRINGS.en.sending.replace(" %", "\u00a0%");

  /* Error codes → how they are shown: title key, message key, whether the photo advice is shown. */
  const ERRORS = {
    unreadable: { title: "err_title_read", message: "err_unreadable", advice: true },
    empty_file: { title: "err_title_file", message: "err_empty_file", advice: false },
    corrupt_file: { title: "err_title_file", message: "err_corrupt_file", advice: true },
    unsupported_format: { title: "err_title_file", message: "err_unsupported_format", advice: false },
    encrypted_pdf: { title: "err_title_file", message: "err_encrypted_pdf", advice: false },
    too_large: { title: "err_title_file", message: "err_too_large", advice: false },
    upload_too_large: { title: "err_title_file", message: "err_upload_too_large", advice: false },
    too_many_pixels: { title: "err_title_file", message: "err_too_many_pixels", advice: false },
    document_timeout: { title: "err_title_read", message: "err_document_timeout", advice: true },
    rate_limited: { title: "err_title_wait", message: "err_rate_limited", advice: false },
    busy: { title: "err_title_wait", message: "err_busy", advice: false },
    ocr_failed: { title: "err_title_read", message: "err_ocr_failed", advice: true },
    ocr_unavailable: { title: "err_title_wait", message: "err_ocr_unavailable", advice: false },
    internal_error: { title: "err_title_read", message: "err_internal_error", advice: false },
    bad_request: { title: "err_title_file", message: "err_bad_request", advice: false },
    network: { title: "err_title_network", message: "err_network", advice: false },
    timeout: { title: "err_title_network", message: "err_timeout", advice: false },
    generic: { title: "err_title_read", message: "err_generic", advice: true },
  };

  /* When the body is not our JSON (a proxy's page, say), the HTTP status decides. */
  const CODE_BY_STATUS = {
    400: "bad_request",
    413: "upload_too_large",
    415: "unsupported_format",
    429: "rate_limited",
    503: "busy",
    504: "document_timeout",
  };

  const LETTER_TYPES = ["number_assignment", "documents_request", "carte_vitale_form", "other"];

  /* review_reasons are doubts about the reading itself (the "unsure" warning); what the letter says (an old
   * temporary number, a key printed wrong) comes as notices, with their own words. */
  const READING_DOUBTS = [
    "low_confidence",
    "repaired_digit",
    "conflicting_numbers",
    "number_not_read",
    "only_old_number",
    "no_number",
    "unlabelled_number",
    "digits_unchecked",
    "page_unreadable",
    "partial_view",
  ];
  /* warnings behind a reading doubt (the others are facts of the letter, told by notices). */
  const DOUBTFUL_WARNINGS = ["repaired_number", "conflicting_numbers", "number_not_read", "number_without_label"];
  /* notices the page already shows in a place of their own. */
  const NOTICES_SHOWN_ELSEWHERE = ["old_provisional_number", "specimen_number"];

  /* ---------------------------------------------------------------------------------------------------------- */

  const $ = (id) => document.getElementById(id);

  const el = {
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

  const state = {
    lang: pickLanguage(),
    phase: "idle", // idle | sending | reading | result | error
    percent: 0,
    result: null, // the 200 JSON
    error: null, // {code, message, retryAfter}
    copied: null, // null | "copied" | "copy_failed"
    ticked: new Set(), // indexes of the requested documents the applicant has ticked (this result only)
  };

  let xhr = null;
  let lastLiveStep = -1;

  function pickLanguage() {
    const first = String(navigator.language || (navigator.languages && navigator.languages[0]) || "").toLowerCase();
    return first.startsWith("fr") ? "fr" : "en";
  }

  function t(key, vars) {
    const table = STRINGS[state.lang] || STRINGS.en;
    let text = key in table ? table[key] : key in STRINGS.en ? STRINGS.en[key] : key;
    const values = { mb: MAX_MB, ...vars };
    if (typeof text === "string") {
      text = text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
    }
    return text;
  }

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

  /* ---- language ------------------------------------------------------------------------------------------- */

  function applyStaticStrings() {
    el.html.lang = state.lang;
    document.title = t("page_title");
    for (const node of document.querySelectorAll("[data-i18n]")) {
      node.textContent = t(node.dataset.i18n);
    }
    el.langEn.setAttribute("aria-pressed", String(state.lang === "en"));
    el.langFr.setAttribute("aria-pressed", String(state.lang === "fr"));
  }

  function setLanguage(lang) {
    if (!(lang in STRINGS) || lang === state.lang) return;
    state.lang = lang;
    applyStaticStrings();
    render();
  }

  /* ---- the number ----------------------------------------------------------------------------------------- */

  function compactNir(nir) {
    return String(nir || "").replace(/[\s.\-/]+/g, "").toUpperCase();
  }

  function isOverseas(nir, details) {
    if (details && details.place_kind) return details.place_kind === "overseas";
    const dept = nir.slice(5, 7);
    return dept === "97" || dept === "98";
  }

  /* S YY MM DD CCC OOO KK (overseas: S YY MM DDD CC OOO KK). */
  function nirGroups(nir, details) {
    const sizes = isOverseas(nir, details) ? [1, 2, 2, 3, 2, 3, 2] : [1, 2, 2, 2, 3, 3, 2];
    const groups = [];
    let at = 0;
    for (const size of sizes) {
      if (at >= nir.length) break;
      groups.push(nir.slice(at, at + size));
      at += size;
    }
    if (at < nir.length) groups.push(nir.slice(at));
    return groups;
  }

  function formatNir(nir, details) {
    return nirGroups(compactNir(nir), details).join(" ");
  }

  /* ---- dates ---------------------------------------------------------------------------------------------- */

  /* "2025-06-19" → that calendar day as a timestamp at midnight UTC, or null. It is a day printed on a letter, not an
   * instant: it is formatted in UTC too, so that no time zone moves it by a day. */
  function parseIsoDate(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
    if (!match) return null;
    const [year, month, day] = match.slice(1).map(Number);
    const time = Date.UTC(year, month - 1, day);
    const check = new Date(time);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return time;
  }

  /* "19 June 2025" / "19 juin 2025" (French writes the first of the month "1er"). */
  function formatDate(time) {
    const format = new Intl.DateTimeFormat(DATE_LOCALES[state.lang] || DATE_LOCALES.en, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    return format
      .formatToParts(new Date(time))
      .map((part) => (part.type === "day" && state.lang === "fr" && part.value === "1" ? "1er" : part.value))
      .join("");
  }

  /* Whole days from the applicant's today (their calendar) to that day: negative once it has passed. */
  function daysFromToday(time) {
    const now = new Date();
    return Math.round((time - Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) / DAY_MS);
  }

  /* A text field of the result, trimmed; "" when it is missing or not text. */
  function textOf(value) {
    return typeof value === "string" ? value.trim() : "";
  }

  /* ---- rendering ------------------------------------------------------------------------------------------ */

  function render() {
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

  function renderProgress() {
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
    if (step !== lastLiveStep || el.progressLive.dataset.lang !== state.lang) {
      lastLiveStep = step;
      el.progressLive.dataset.lang = state.lang;
      el.progressLive.textContent =
        state.phase === "sending" ? t("sending", { pct: step * 25 }) : text;
    }
  }

  function hasKind(warnings, ...codes) {
    return warnings.some((w) => codes.includes(w));
  }

  function renderResult(r) {
    const nir = r.nir ? compactNir(r.nir) : null;
    const details = r.nir_details && typeof r.nir_details === "object" ? r.nir_details : null;
    const warnings = Array.isArray(r.warnings) ? r.warnings.map(String) : [];
    const numbers = Array.isArray(r.numbers) ? r.numbers : [];
    const reviewReasons = Array.isArray(r.review_reasons) ? r.review_reasons.map(String) : [];
    const notices = Array.isArray(r.notices) ? r.notices.filter((n) => n && typeof n.code === "string") : [];
    const noticeCodes = notices.map((n) => n.code);
    const confidence = typeof r.letter_type_confidence === "number" ? r.letter_type_confidence : null;
    const lowConfidence =
      (confidence !== null && confidence < UNSURE_CONFIDENCE) || reviewReasons.includes("low_confidence");

    // Number card, or "no number".
    show(el.numberCard, Boolean(nir));
    show(el.noNumberCard, !nir);
    if (nir) {
      el.nir.textContent = formatNir(nir, details);
      el.copy.setAttribute("aria-label", `${t("copy")} ${formatNir(nir, details)}`);
      el.copyDone.textContent = state.copied ? t(state.copied) : "";
      renderStatus(r.nir_status, details, nir);
      renderParts(nir, details);
    } else {
      el.nir.textContent = "";
      if (hasKind(warnings, "conflicting_numbers", "several_numbers")) el.noNumber.textContent = t("no_number_conflict");
      // Only the number the letter says it replaces was read: never shown as the applicant's.
      else if (warnings.includes("only_old_number")) el.noNumber.textContent = t("no_number_old");
      // A number printed but not read, or a letter that always carries one (review reason no_number).
      else if (warnings.includes("number_not_read") || reviewReasons.includes("no_number")) {
        el.noNumber.textContent = t("no_number_unread");
      }
      else el.noNumber.textContent = t("no_number");
    }
    // A temporary number from an old letter: read right, but probably replaced by a permanent one since.
    show(el.oldNumber, Boolean(nir) && noticeCodes.includes("old_provisional_number"));
    clear(el.notices);
    for (const notice of notices.filter((n) => !NOTICES_SHOWN_ELSEWHERE.includes(n.code))) {
      el.notices.appendChild(make("li", null, String(notice[state.lang] || notice.en || "")));
    }
    show(el.notices, el.notices.childElementCount > 0);

    // Unsure warning.
    const same = numbers.filter((n) => n && compactNir(n.value) === nir);
    const keyMissing =
      same.some((n) => n.key_missing === true) || warnings.includes("key_missing") || Boolean(details && details.key_missing);
    // review_reasons' repaired_digit covers both a corrected digit and a computed key.
    const repaired =
      same.some((n) => n.repaired === true) ||
      warnings.includes("repaired_number") ||
      (reviewReasons.includes("repaired_digit") && !keyMissing);
    const invalid = r.nir_valid === false || noticeCodes.includes("invalid_key");
    const specimen =
      Boolean(details && details.specimen) || warnings.includes("specimen_number") || noticeCodes.includes("specimen_number");
    const conflicting =
      hasKind(warnings, "conflicting_numbers", "several_numbers") || reviewReasons.includes("conflicting_numbers");
    // The carte Vitale form never says "définitif" or "provisoire": a number without status is expected there.
    const doubts = warnings.filter((w) => DOUBTFUL_WARNINGS.includes(w));
    const reviewDoubts = reviewReasons.filter((code) => READING_DOUBTS.includes(code));
    const unsure =
      Boolean(nir) &&
      (invalid || repaired || keyMissing || specimen || conflicting || doubts.length > 0 || reviewDoubts.length > 0 || lowConfidence);
    show(el.warning, unsure);
    show(el.warningKey, unsure && invalid);
    clear(el.warningReasons);
    if (unsure) {
      const reasons = [];
      if (specimen) reasons.push(t("reason_specimen"));
      if (repaired) reasons.push(t("reason_repaired"));
      if (keyMissing) reasons.push(t("reason_key_missing"));
      if (conflicting) reasons.push(t("reason_several"));
      if (warnings.includes("number_not_read")) reasons.push(t("reason_unread"));
      if (lowConfidence) reasons.push(t("reason_low_confidence"));
      if (reviewReasons.includes("partial_view")) reasons.push(t("reason_partial_view"));
      for (const reason of reasons) el.warningReasons.appendChild(make("li", null, reason));
    }
    show(el.warningReasons, el.warningReasons.childElementCount > 0);

    // Kind of letter.
    const type = LETTER_TYPES.includes(r.letter_type) ? r.letter_type : "other";
    el.letterType.textContent = t(`type_${type}`);
    el.letterTypeText.textContent = t(`type_${type}_text`);
    show(el.letterTypeUnsure, lowConfidence);
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
      else if (step && typeof step === "object") text = step[state.lang] || step.en || step.fr || "";
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
    const label = textOf(doc[state.lang]) || textOf(doc.en) || textOf(doc.fr);
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
    const groups = nirGroups(nir, d);
    const first = nir[0];

    // Sex (and temporary number).
    addPart(groups[0] || first, t("label_sex"), [
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

  /* "a minute", or what the Retry-After header said, in words. */
  function waitText(seconds) {
    if (!seconds || seconds <= 0) return t("wait_minute");
    if (seconds === 1) return t("wait_second");
    if (seconds < 90) return t("wait_seconds", { n: seconds });
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? t("wait_minute") : t("wait_minutes", { n: minutes });
  }

  function renderError(error) {
    const code = error && error.code in ERRORS ? error.code : "generic";
    const entry = ERRORS[code];
    el.errorTitle.textContent = t(entry.title);
    el.errorMessage.textContent = t(entry.message, { wait: waitText(error && error.retryAfter) });
    // The server's message is English: shown only in English, and only when the code is not one we explain.
    const detail = code === "generic" && state.lang === "en" && error && error.message ? String(error.message) : "";
    el.errorDetail.textContent = detail ? t("err_server_said", { message: detail }) : "";
    show(el.errorDetail, Boolean(detail));
    show(el.errorAdvice, entry.advice);
  }

  /* ---- flow ----------------------------------------------------------------------------------------------- */

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

  function showResult(r) {
    const nir = r.nir ? compactNir(r.nir) : null;
    const confidence = typeof r.letter_type_confidence === "number" ? r.letter_type_confidence : 1;
    const pageUnreadable = Array.isArray(r.review_reasons) && r.review_reasons.includes("page_unreadable");
    if (!nir && (pageUnreadable || ((r.letter_type === "other" || !r.letter_type) && confidence < UNREADABLE_CONFIDENCE))) {
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
        summary: nir ? t("announce_number", { number: formatNir(nir, r.nir_details) }) : t("announce_no_number"),
      })
    );
    focusSoon(el.resultTitle);
  }

  function showError(error) {
    state.phase = "error";
    state.error = error;
    state.result = null;
    render();
    focusSoon(el.errorTitle);
  }

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch (_) {
      return null;
    }
  }

  function retryAfterSeconds(header) {
    if (!header) return null;
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const when = Date.parse(trimmed);
    if (Number.isNaN(when)) return null;
    return Math.max(1, Math.ceil((when - Date.now()) / 1000));
  }

  function onResponse(request) {
    xhr = null;
    const data = parseJson(request.responseText);
    const body = data && typeof data === "object" ? data : null;
    const error = body && body.error && typeof body.error === "object" ? body.error : null;
    if (request.status === 200 && body && !error) {
      showResult(body);
      return;
    }
    let code = error && typeof error.code === "string" ? error.code : CODE_BY_STATUS[request.status] || "generic";
    if (!(code in ERRORS)) code = "generic";
    let retryAfter = null;
    if (code === "rate_limited" || code === "busy") retryAfter = retryAfterSeconds(request.getResponseHeader("Retry-After"));
    showError({ code, message: error && typeof error.message === "string" ? error.message : "", retryAfter });
  }

  function upload(file) {
    if (!file || xhr) return;
    if (file.size === 0) {
      showError({ code: "empty_file" });
      return;
    }
    if (file.size > MAX_BYTES - FORM_OVERHEAD) {
      showError({ code: "upload_too_large" });
      return;
    }
    state.phase = "sending";
    state.percent = 0;
    state.result = null;
    state.error = null;
    lastLiveStep = -1;
    render();
    el.progress.scrollIntoView({ block: "nearest" }); // on a phone the progress card is below the big button

    const form = new FormData();
    form.append("file", file, file.name || "photo.jpg");

    const request = new XMLHttpRequest();
    xhr = request;
    request.open("POST", ENDPOINT, true);
    request.timeout = TIMEOUT_MS;
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", (event) => {
      if (xhr !== request || state.phase !== "sending") return;
      if (event.lengthComputable && event.total > 0) {
        state.percent = Math.min(100, Math.floor((event.loaded / event.total) * 100));
        renderProgress();
      }
    });
    request.upload.addEventListener("load", () => {
      if (xhr !== request) return;
      state.phase = "reading";
      renderProgress();
    });
    request.addEventListener("load", () => {
      if (xhr === request) onResponse(request);
    });
    request.addEventListener("error", () => {
      if (xhr !== request) return;
      xhr = null;
      showError({ code: "network" });
    });
    request.addEventListener("timeout", () => {
      if (xhr !== request) return;
      xhr = null;
      showError({ code: "timeout" });
    });
    request.send(form);
  }

  function onFileChosen(event) {
    const input = event.target;
    const file = input.files && input.files[0];
    upload(file);
    input.value = ""; // choosing the same file again fires "change" again
  }

  function reset() {
    if (xhr) {
      const request = xhr;
      xhr = null;
      request.abort();
    }
    state.phase = "idle";
    state.result = null;
    state.error = null;
    state.copied = null;
    state.percent = 0;
    el.file.value = "";
    el.filePick.value = "";
    clear(el.parts);
    clear(el.nextSteps);
    clear(el.warningReasons);
    clear(el.documentsList);
    state.ticked = new Set();
    el.nir.textContent = "";
    el.announcer.textContent = "";
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
    const nir = state.result && state.result.nir ? compactNir(state.result.nir) : "";
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

  /* ---- start ---------------------------------------------------------------------------------------------- */

  el.langEn.addEventListener("click", () => setLanguage("en"));
  el.langFr.addEventListener("click", () => setLanguage("fr"));
  el.file.addEventListener("change", onFileChosen);
  el.filePick.addEventListener("change", onFileChosen);
  el.again.addEventListener("click", reset);
  el.copy.addEventListener("click", copyNumber);

  applyStaticStrings();
  render();
})();
