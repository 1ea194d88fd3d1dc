"""The action server inside the app: Rasa POSTs here, rasa-sdk's executor runs the action."""

from __future__ import annotations

import hmac
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from actions.answer import ActionAnswerTopic, ActionAnswerUnsure
from actions.escalation import ActionRequestHuman
from actions.knowledge_access import Library
from actions.language import ActionSwitchLanguage

log = logging.getLogger(__name__)
router = APIRouter(prefix="/actions", tags=["actions"])


def build_executor(library: Library) -> ActionExecutor:
    executor = ActionExecutor()
    for action in (
        ActionAnswerTopic(library),
        ActionAnswerUnsure(library),
        ActionRequestHuman(),
        ActionSwitchLanguage(),
    ):
        executor.register_action(action)
    return executor


async def _check_token(request: Request, token: Annotated[str, Query()] = "") -> None:
    """`async def`, as core.deps says why: no hop to FastAPI's thread pool on every call."""
    expected: str = request.app.state.settings.action_token.get_secret_value()
    if expected and not hmac.compare_digest(token, expected):
        raise HTTPException(status_code=403, detail="bad action token")


@router.post("/webhook", dependencies=[Depends(_check_token)])
async def run_action(request: Request) -> JSONResponse:
    executor: ActionExecutor = request.app.state.action_executor
    action_call: dict[str, Any] = await request.json()
    try:
        result = await executor.run(action_call)
    except ActionNotFoundException as error:
        return JSONResponse(
            {"error": error.message, "action_name": error.action_name}, status_code=404
        )
    except ActionExecutionRejection as error:
        return JSONResponse(
            {"error": error.message, "action_name": error.action_name}, status_code=400
        )
    body = result.model_dump() if result is not None else {"events": [], "responses": []}
    log.info("action run", extra={"action": action_call.get("next_action")})
    return JSONResponse(body)
