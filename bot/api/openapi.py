"""The OpenAPI 3 document of /api/v1, written here once and served at /api/v1/openapi.json.

tests/api/test_openapi.py holds it to the router (every route documented, nothing documented that is not a
route) and tests/api/test_schemathesis.py holds the answers to it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from aiohttp import web

from bot.access import PUBLIC, access
from bot.api.paging import MAX_LIMIT
from bot.api.site import MAX_BODY, json_response
from bot.job_import import COLUMNS, REQUIRED, Table

_JSON = "application/json"
_STAMP = {"type": "string", "format": "date-time", "nullable": True}
_TEXT = {"type": "string", "nullable": True}
_INT = {"type": "integer", "nullable": True}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {_JSON: {"schema": schema}}}


def _problems(*statuses: int) -> dict[str, Any]:
    meaning = {400: "bad parameter (limit, cursor, updated_since)", 401: "no token, or unknown or revoked",
               403: "the token lacks the scope, or the division is outside its divisions",
               404: "no such record, or outside the token's divisions (the same answer)",
               413: f"body over {MAX_BODY} bytes", 415: "body not application/json",
               422: "the item does not pass the importers' check", 409: "written concurrently: send again",
               503: "database unavailable: try again"}
    return {str(s): _answer(meaning[s], _ref("Problem")) for s in statuses}


def _record(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["id", "updated_at"], "properties": properties}


def _page(item: str) -> dict[str, Any]:
    return {"type": "object", "required": ["items", "has_more", "next_cursor"], "properties": {
        "items": {"type": "array", "items": _ref(item)}, "has_more": {"type": "boolean"},
        "next_cursor": {"type": "string", "nullable": True,
                        "description": "give it as `cursor` for the next page; null on an empty page"}}}


_PAGING = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100}},
    {"name": "cursor", "in": "query", "schema": {"type": "string"},
     "description": "next_cursor of the previous page (opaque)"},
    {"name": "updated_since", "in": "query", "schema": {"type": "string", "format": "date-time"},
     "description": "ISO 8601 with a time zone: records changed at or after it"},
]


def _read(entity: str, plural: str, schema: str, summary: str) -> dict[str, Any]:
    param = f"{entity}_id"
    return {
        f"/api/v1/{plural}": {"get": {
            "summary": f"{summary}, oldest change first", "operationId": f"list_{plural}", "parameters": _PAGING,
            "responses": {"200": _answer("a page", _ref(f"{schema}Page")) | {}, **_problems(400, 401, 403, 503)}}},
        f"/api/v1/{plural}/{{{param}}}": {"get": {
            "summary": f"one of the {summary.lower()}", "operationId": f"get_{entity}",
            "parameters": [{"name": param, "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {"200": _answer("the record", _ref(schema)), **_problems(401, 403, 404, 503)}}},
    }


def _item_in(table: Table) -> dict[str, Any]:
    numbers = {"salary_min", "salary_max", "headcount", "seats", "age_min", "age_max"}
    properties: dict[str, Any] = {}
    for key in COLUMNS[table]:
        if key in numbers:
            properties[key] = {"type": "integer", "nullable": True}
        elif key == "share_contact":
            properties[key] = {"type": "boolean"}
        else:
            properties[key] = {"type": "string", "nullable": key not in REQUIRED[table]}
    required = [k for k in REQUIRED[table] if k != "external_id"]
    return {"type": "object", "required": required, "properties": properties, "additionalProperties": False,
            "description": "the importers' columns (README: the vacancy and training files), as JSON"}


def _put(table: Table, schema: str) -> dict[str, Any]:
    return {f"/api/v1/{table}/{{external_id}}": {"put": {
        "summary": f"create or replace a {schema.lower()} by its external_id", "operationId": f"put_{table}",
        "parameters": [{"name": "external_id", "in": "path", "required": True,
                        "schema": {"type": "string", "minLength": 1, "maxLength": 64}}],
        "requestBody": {"required": True, "content": {_JSON: {"schema": _ref(f"{schema}In")}}},
        "responses": {"200": _answer("updated", _ref("Item")), "201": _answer("created", _ref("Item")),
                      **_problems(400, 401, 403, 409, 413, 415, 422, 503)}}}}


@cache
def document() -> dict[str, Any]:
    schemas: dict[str, Any] = {
        "Problem": {"type": "object", "required": ["error", "message"],
                    "properties": {"error": {"type": "string"}, "message": {"type": "string"}}},
        "Person": _record({"id": {"type": "integer"}, "updated_at": _STAMP, "form": {
            "type": "object", "description": "the employment information form by its field keys, as the JSON export "
                                             "has it; id_number and phone masked, unless the token was granted "
                                             "the `unmasked` scope"}}),
        "Case": _record({"id": {"type": "integer"}, "person_id": {"type": "integer"}, "kind": {"type": "string"},
                         "issue": _TEXT, "status": {"type": "string"}, "home_division": _TEXT,
                         # Every problem of a rights case, the first (`issue`) first; [] for an assistance case.
                         "issues": {"type": "array", "items": {"type": "string"}},
                         "caseworker": {"type": "object", "properties": {"id": {"type": "integer"},
                                                                         "name": {"type": "string"}}},
                         "registration_id": _INT, "opened_at": _STAMP, "first_contact_due": _STAMP,
                         "first_contact_at": _STAMP, "package": {"type": "object"}, "package_due": _STAMP,
                         "closed_at": _STAMP, "close_reason": _TEXT, "days_to_job": _INT, "updated_at": _STAMP,
                         "rights_details": {
                             "type": "array", "description": "what the laborer told after a rights report, oldest "
                                                             "first; ID and phone numbers in it masked, unless the "
                                                             "token was granted the `unmasked` scope",
                             "items": {"type": "object", "required": ["at", "text"],
                                       "properties": {"at": _STAMP, "text": {"type": "string"}}}}}),
        "Registration": _record({
            "id": {"type": "integer"}, "person_id": {"type": "integer"}, "home_division": _TEXT,
            "last_work_day": {"type": "string", "format": "date", "nullable": True}, "job_loss_reason": _TEXT,
            "insured": _TEXT, "insured_years": {"type": "number", "nullable": True},
            "wants_services": {"type": "array", "items": {"type": "string"}},
            "benefit_likely": {"type": "boolean", "nullable": True}, "benefit_months": _INT,
            "status": {"type": "string"}, "submitted_at": _STAMP, "decided_at": _STAMP, "decision_note": _TEXT,
            "caseworker_id": {"type": "integer"}, "updated_at": _STAMP}),
        "Application": _record({
            "id": {"type": "integer"}, "person_id": {"type": "integer"},
            "item": {"type": "string", "enum": ["vacancy", "training"]}, "external_id": {"type": "string"},
            "channel": {"type": "string"}, "status": {"type": "string"}, "outcome": _TEXT, "applied_at": _STAMP,
            "outcome_at": _STAMP, "updated_at": _STAMP}),
        "VacancyIn": _item_in("vacancies"),
        "TrainingIn": _item_in("trainings"),
        "Item": {"type": "object", "required": ["external_id", "status", "item", "division"], "properties": {
            "external_id": {"type": "string"}, "status": {"type": "string"}, "division": {"type": "string"},
            "item": {"type": "string", "enum": ["vacancy", "training"]}, "title": {"type": "string"}}},
    }
    for name in ("Person", "Case", "Registration", "Application"):
        schemas[f"{name}Page"] = _page(name)
    paths: dict[str, Any] = {"/api/v1/openapi.json": {"get": {
        "summary": "this document", "operationId": "openapi", "security": [],
        "responses": {"200": {"description": "OpenAPI 3", "content": {_JSON: {"schema": {"type": "object"}}}}}}}}
    for entity, plural, schema, summary in (("person", "people", "Person", "People with a saved form"),
                                            ("case", "cases", "Case", "Assistance and rights cases"),
                                            ("registration", "registrations", "Registration",
                                             "Unemployment registrations"),
                                            ("application", "applications", "Application",
                                             "Applications for vacancies and trainings")):
        paths |= _read(entity, plural, schema, summary)
    paths |= _put("vacancies", "Vacancy") | _put("trainings", "Training")
    return {
        "openapi": "3.0.3",
        "info": {"title": "Jiuye integration API", "version": "1",
                 "description": "Records of the token's divisions only; ID and phone numbers masked unless "
                                "the operator granted the token `unmasked`. Reads need the `read` scope, writes "
                                "`write`."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": schemas},
        "paths": paths,
    }


@access(PUBLIC)
async def openapi(request: web.Request) -> web.Response:
    return json_response(document())


def routes() -> list[web.RouteDef]:
    return [web.get("/openapi.json", openapi, allow_head=False)]
