"""The web service: the applicant page and the HTTP API (:func:`cpam_reader.interfaces.web.app.create_app`)."""
