"""The OpenAPI document and the router describe the same API: every /api/v1 route documented with its method,
nothing documented that is not served; the document is public and valid OpenAPI 3."""

from __future__ import annotations

from typing import Any

from bot.api.openapi import document
from bot.app import create_app
from bot.settings import Settings
from tests.api.conftest import Api


def test_every_route_is_documented_and_every_documented_path_is_a_route(settings: Settings) -> None:
    app = create_app(settings, migrate=False)
    served = {(r.method.lower(), r.resource.canonical) for r in app.router.routes()
              if r.resource is not None and r.resource.canonical.startswith("/api/") and r.method != "HEAD"}
    documented = {(method, path) for path, operations in document()["paths"].items() for method in operations}
    assert served == documented
    assert len(served) >= 11


async def test_it_is_served_to_anyone(api: Api) -> None:
    status, body, headers = await api.get("/api/v1/openapi.json", None)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    served: dict[str, Any] = body
    assert served == document()
    assert served["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
