/* cpam-reader applicant page: every text it shows, in English and French, and which texts an error code shows.
 *
 * Static elements carry data-i18n="key"; {name} placeholders are filled by t(key, {name: value}) (format.js).
 * French keys ending in _M / _F agree with the holder's sex (né / née); English ones are the same.
 */
export const STRINGS = {
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
export const ERRORS = {
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
export const CODE_BY_STATUS = {
  400: "bad_request",
  413: "upload_too_large",
  415: "unsupported_format",
  429: "rate_limited",
  503: "busy",
  504: "document_timeout",
};

export const LETTER_TYPES = ["number_assignment", "documents_request", "carte_vitale_form", "other"];

/* notices the page already shows in a place of their own. */
export const NOTICES_SHOWN_ELSEWHERE = ["old_provisional_number", "specimen_number"];
