"""The web service: the applicant page and the HTTP API (:func:`cpam_reader.web.app.create_app`)."""
