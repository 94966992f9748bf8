"""The pages: the applicant's page at ``/`` and the API's documentation at ``/docs`` (its assets served locally)."""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.resources
import re
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from cpam_reader.base.settings import MB
from cpam_reader.interfaces.web.deps import Service, service

STATIC = importlib.resources.files("cpam_reader.interfaces.web") / "static"
router = APIRouter(include_in_schema=False)


@router.get("/")
async def page(part: Annotated[Service, Depends(service)]) -> HTMLResponse:
    """The applicant page, told this service's upload limit on its body (its size check and wording follow it)."""
    limit = part.settings.max_upload_bytes / MB
    return HTMLResponse(_index().replace("<body>", f'<body data-max-upload-mb="{limit:g}">', 1))


@functools.cache
def _index() -> str:
    return (STATIC / "index.html").read_text(encoding="utf-8")


@router.get("/docs")
async def docs() -> HTMLResponse:
    html = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="cpam-reader API",
        swagger_js_url="/docs-assets/swagger-ui-bundle.js",
        swagger_css_url="/docs-assets/swagger-ui.css",
        swagger_favicon_url="/docs-assets/favicon.png",
    )
    return _with_script_hashes(html)


def _with_script_hashes(html: HTMLResponse) -> HTMLResponse:
    """The docs page with a CSP allowing exactly its own inline scripts (by hash), nothing from elsewhere."""
    body = bytes(html.body).decode()
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in re.findall(r"<script>(.*?)</script>", body, flags=re.DOTALL)
    ]
    policy = (
        f"default-src 'self'; script-src 'self' {' '.join(hashes)}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
    return HTMLResponse(body, headers={"Content-Security-Policy": policy})
