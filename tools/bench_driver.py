"""The load of `make bench`: signed Twilio SMS webhooks, posted from its own process.

It plays many senders, each sending a few messages in order (the next only after the app
acknowledged the previous one), either at a fixed rate (message i leaves at i / rate seconds)
or as a burst (everything at once, `--concurrency` requests in flight). Each request carries
Twilio's real parameter set, form-encoded, and an `X-Twilio-Signature` computed with the
twilio library's RequestValidator over the app's public URL, as Twilio computes it. It stops
by itself: after `--count` messages or `--deadline` seconds, whichever comes first, and writes
one JSON line per message it posted (sid, sender, order, wall-clock times, HTTP status).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
from twilio.request_validator import RequestValidator

from tools.evaluate import read_texts

SMS_PATH = "/twilio/sms"


@dataclass(frozen=True)
class Plan:
    url: str  # where the driver posts (the app on loopback)
    public_url: str  # what Twilio would call: the app's ENLACE_PUBLIC_URL
    auth_token: str
    account_sid: str
    to_number: str  # the app's Twilio number
    run: str  # 8 hex digits, unique per phase: the prefix of every MessageSid and phone
    count: int
    per_sender: int
    rate: float  # messages per second; 0 = burst
    concurrency: int
    deadline: float  # seconds


@dataclass
class Posted:
    sid: str
    phone: str
    seq: int
    sent_at: float  # time.time() just before the request
    acked_at: float
    status: int


def sender_phone(run: str, sender: int) -> str:
    """A number that is no one's: +1 999 is not an area code (as tools.evaluate uses). The
    run's first two hex digits are the phase, so phases never share a sender."""
    return f"+1999{int(run[:2], 16):03d}{sender:06d}"


def message_sid(run: str, index: int) -> str:
    """A MessageSid shaped like Twilio's (SM + 32 hex), the run's prefix first."""
    return f"SM{run}{index:024x}"


def twilio_sms_form(plan: Plan, phone: str, sid: str, body: str) -> dict[str, str]:
    """The parameters Twilio posts for an inbound SMS (its "messaging webhook" request)."""
    return {
        "ToCountry": "US",
        "ToState": "",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": "US",
        "To": plan.to_number,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": plan.account_sid,
        "From": phone,
        "ApiVersion": "2010-04-01",
    }


def signature(auth_token: str, public_url: str, form: dict[str, str]) -> str:
    """X-Twilio-Signature for a POST of `form` to `public_url` + the SMS path."""
    url = public_url.rstrip("/") + SMS_PATH
    return str(RequestValidator(auth_token).compute_signature(url, form))


def schedule(plan: Plan) -> list[list[int]]:
    """Message indexes per sender: sender s sends s, s + senders, s + 2·senders, … so at a
    fixed rate one sender's messages are spread over the run, never back to back."""
    senders = max(1, plan.count // plan.per_sender)
    return [list(range(s, plan.count, senders)) for s in range(senders)]


async def drive(plan: Plan, texts: list[str]) -> list[Posted]:
    start = time.monotonic()
    stop_at = start + plan.deadline
    gate = asyncio.Semaphore(plan.concurrency)
    posted: list[Posted] = []
    limits = httpx.Limits(
        max_connections=plan.concurrency, max_keepalive_connections=plan.concurrency
    )
    async with httpx.AsyncClient(base_url=plan.url, timeout=60, limits=limits) as client:

        async def one_sender(sender: int, indexes: list[int]) -> None:
            phone = sender_phone(plan.run, sender)
            for seq, index in enumerate(indexes):
                if plan.rate:
                    await asyncio.sleep(max(0.0, start + index / plan.rate - time.monotonic()))
                if time.monotonic() >= stop_at:
                    return
                sid = message_sid(plan.run, index)
                form = twilio_sms_form(plan, phone, sid, texts[index % len(texts)][:1600])
                headers = {"X-Twilio-Signature": signature(plan.auth_token, plan.public_url, form)}
                async with gate:
                    sent_at = time.time()
                    try:
                        response = await client.post(SMS_PATH, data=form, headers=headers)
                        status = response.status_code
                    except httpx.HTTPError:
                        status = 0
                posted.append(Posted(sid, phone, seq, sent_at, time.time(), status))
                if status != 200:
                    return  # a refused message would break this sender's order

        await asyncio.gather(*(one_sender(s, idx) for s, idx in enumerate(schedule(plan))))
    return posted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", type=Path, required=True, help="JSON of the Plan fields")
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    plan = Plan(**json.loads(args.plan.read_text()))
    texts = [t for t in read_texts(args.questions) if t.strip()]
    posted = asyncio.run(drive(plan, texts))
    with args.out.open("w") as sink:
        for item in posted:
            sink.write(json.dumps(asdict(item)) + "\n")


if __name__ == "__main__":
    main()
