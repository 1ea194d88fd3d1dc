"""The API's OpenAPI documentation: published outside production, with every API route
tagged and behind the bearer scheme; production publishes neither the schema nor its pages."""

from __future__ import annotations

from fastapi.routing import iter_route_contexts

from admin.api import PREFIX
from app.main import create_app
from tests.admin.conftest import MakeApi, Office
from tests.conftest import make_settings
from tests.harness import ACCOUNT_SID, AUTH_TOKEN, SMS_FROM, Enlace


def test_the_openapi_schema_documents_every_api_route_with_its_bearer_scheme(
    enlace: Enlace,
) -> None:
    schema = enlace.client.get("/openapi.json").json()
    api_paths = {p: ops for p, ops in schema["paths"].items() if p.startswith(PREFIX)}
    assert {f"{PREFIX}/cases", f"{PREFIX}/cases/{{case_id}}/reply"} <= set(api_paths)
    for operations in api_paths.values():
        for operation in operations.values():
            assert operation["tags"] == ["consular queue"]
            assert operation["security"] == [{"OfficerToken": []}]
            assert operation["responses"]["200" if "200" in operation["responses"] else "201"]
    assert not [p for p in schema["paths"] if p.startswith("/admin/cases")]  # pages stay out
    assert enlace.client.get("/docs").status_code == 200


def test_production_publishes_no_schema_and_no_docs_pages() -> None:
    settings = make_settings(
        environment="production",
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=AUTH_TOKEN,
        twilio_sms_from=SMS_FROM,
    )
    app = create_app(settings, run_workers=False)
    assert (app.openapi_url, app.docs_url, app.redoc_url) == (None, None, None)
    paths = {context.path for context in iter_route_contexts(app.routes)}
    assert not {"/openapi.json", "/docs", "/redoc"} & paths
    assert f"{PREFIX}/cases" in paths


def test_the_api_answers_json_for_a_case_that_does_not_exist(
    office: Office, make_api: MakeApi
) -> None:
    api = make_api(office.consulate)
    missing = api.get(f"{PREFIX}/cases/999999999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}
