"""GET /healthz: 200 only when the database and the Rasa model are both ready."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter()


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    state = request.app.state
    database = _database_up(request)
    rasa = await state.rasa.model_ready()
    parts = {"database": database, "rasa_model": rasa, "knowledge": state.library is not None}
    ok = all(parts.values())
    body = {"status": "ok" if ok else "degraded", "parts": parts, "sender": state.sender_kind}
    return JSONResponse(body, status_code=200 if ok else 503)


def _database_up(request: Request) -> bool:
    try:
        with request.app.state.session_factory() as session:
            session.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
