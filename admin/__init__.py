"""The consular queue: officers sign in, see their consulate's cases, answer through the
person's channel and hand back to the bot. Its tables live in core.models."""

from fastapi import APIRouter

from admin import api, case_tools, consulates, login, pages, stats_pages

router = APIRouter()
router.include_router(login.router)
router.include_router(pages.router)
router.include_router(api.router)
router.include_router(stats_pages.router)
router.include_router(case_tools.router)
router.include_router(consulates.router)

__all__ = ["router"]
