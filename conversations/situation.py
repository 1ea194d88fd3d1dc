"""The person's situation as the conversation has told it: the visa or programme they named,
the topic the thread is on, and whether a message is a short follow-up or only a place.

Derived from the conversation's own stored messages, so it needs no state of its own and goes
with the messages when a person asks to be erased.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from conversations.awaiting import AWAIT_FOR, Replay
from conversations.gazetteer import words
from conversations.keywords import Keyword, match
from conversations.places import (
    MENTION_SIMILARITY,
    mentioned_country,
    mentioned_origin,
    names_in,
    parse_origin,
)
from core.models import Conversation, Direction, Message

if TYPE_CHECKING:
    from conversations.history import RecentInbound

# Visas and programmes as people write them: "H-2A", "h2a", "la h 2 a", "PTAT".
_PROGRAMMES: Final = (
    (re.compile(r"\bh ?2 ?a\b"), "H-2A"),
    (re.compile(r"\bh ?2 ?b\b"), "H-2B"),
    (re.compile(r"\b(sawp|ptat|programa de trabajadores agricolas temporales)\b"), "SAWP"),
    (re.compile(r"\bgecco\b"), "GECCO"),
)
HISTORY: Final = 50  # inbound messages looked at for a programme named earlier
FOLLOW_UP_MAX_WORDS: Final = 12
# A longer message is a follow-up only when the classifier gives up on it (below the
# nlu_fallback threshold of bot/config.yml): a person who explains their case in a sentence
# ("if i tell them it was at work can they start a deportation thing on me") is still on the
# thread's subject, unless they say it is another. One the classifier does place, even
# weakly, says enough to be read on its own.
LONG_FOLLOW_UP_MAX_WORDS: Final = 20
LONG_FOLLOW_UP_CONFIDENCE: Final = 0.45
# Below this the classifier's reading of a short message does not beat the thread's topic;
# below the higher one it does not either when the message points back at what was said
# ("el raite tambien lo cobran", "can he fire me if i ask for them back?").
FOLLOW_UP_CONFIDENCE: Final = 0.5
POINTING_BACK_CONFIDENCE: Final = 0.7
# Nor does it when the thread's own topic is still read at a fifth of it or more: a short
# follow-up shares words with neighbouring topics ("me pagan los dias que no pueda trabajar?"
# after an injury reads as pay), and the thread is where the person already is.
THREAD_ODDS: Final = 5.0
# Nor when its words match the thread's article at least as well as any article of the
# topic read (conversations/leaning.py), unless that reading is near certain.
LEANING_CERTAIN: Final = 0.95
# Words that carry the subject over from the message before.
POINTING_BACK: Final = frozenset(
    (
        *("tambien", "igual", "ademas", "eso", "esto", "entonces", "mismo", "misma"),
        *("also", "too", "them", "that", "this", "same", "then"),
    )
)
# A short message that refers back to what was said ("how does she apply", "y eso es gratis o
# hay q pagar?", "and if he really calls them?") is elliptic: its subject is the thread's.
# Below this the classifier's reading of another topic does not change the subject when the
# words of the message match no article of that topic clearly (conversations/leaning.py).
ELLIPTIC_CONFIDENCE: Final = 0.85
# Openings that carry on from the message before, and words that stand for someone or
# something already named.
CARRYING_ON: Final = (
    *("y", "and", "so", "entonces", "pero", "but", "or", "o", "osea"),
    *("what about", "how about", "y que", "ok y", "ok so", "ok and", "y si", "and if"),
)
STANDING_FOR: Final = frozenset(
    (
        *("he", "she", "him", "her", "it", "they", "them", "that", "this", "those", "there"),
        *("ella", "ellos", "ellas", "lo", "le", "les", "eso", "esto", "ese", "esa", "esos"),
        *("esas", "alla", "ahi"),
    )
)
# "me los tienen que regresar?", "se la quitaron": an object pronoun after another is one,
# never an article ("los", "las" alone mostly are: "y los papeles?").
CLITIC_FIRST: Final = frozenset(("me", "te", "se", "nos"))
CLITIC_SECOND: Final = frozenset(("lo", "la", "los", "las"))
# Intents that are never a follow-up on a topic, whatever the confidence.
NOT_FOLLOW_UPS: Final = frozenset({"thanks", "language_switch", "affirm", "deny"})
THANKS: Final = "thanks"
# Read as thanks, "ok y?" or "ok y a argentina?" asks for more: a question with a word that
# neither thanks nor acknowledges ("ok gracias?" is still thanks).
THANKING_WORDS: Final = frozenset(
    {
        *("ok", "okay", "okey", "oki", "k", "kk", "va", "sale", "vale", "ya", "listo", "bueno"),
        *("gracias", "grax", "muchas", "mil", "perfecto", "entendido", "de", "acuerdo"),
        *("thanks", "thank", "thx", "ty", "you", "u", "so", "much", "got", "it", "cool"),
        *("great", "perfect", "alright", "understood", "noted"),
    }
)
# A greeting or a goodbye, unless it is a question of a few words read without certainty: "y
# si no tiene papeles lo deportan luego luego?" is no goodbye, nor "and if he's not there?" a
# greeting. "hola?" alone, or "hola, como estas?" read clearly, is still one.
SMALL_TALK: Final = frozenset({"greet", "goodbye"})
SMALL_TALK_CERTAIN: Final = 0.8
SMALL_TALK_MIN_WORDS: Final = 3
# Words that announce a new subject ("otra cosa, …", "different thing, …"): what follows is
# read on its own, never as more of the thread.
NEW_SUBJECT: Final = (
    *("otra cosa", "otra pregunta", "otro tema", "cambiando de tema", "aprovecho"),
    *("different thing", "another thing", "other thing", "another question", "by the way"),
    *("different question", "something else", "unrelated", "diff question", "one more thing"),
    *("una cosa mas", "otra duda", "otra consulta"),
)
FAMILY_TOPIC: Final = "family_support"
FAMILY_CERTAIN: Final = 0.9
# The relative's job: on a thread filed under family matters for naming a relative ("my
# husband works on a farm in north carolina"), a message about pay, hours, a contract or an
# injury whose words clearly match that topic, far better than family matters ("he says they
# take 200 dollars from every check for the housing"), is that new subject, however weakly
# read (conversations/leaning.py, `clearly_in_the_topic_read`).
WORK_MATTERS: Final = frozenset(
    {"wages", "working_conditions", "contract", "domestic_work", "injury_health", "complaints"}
)
# Relatives as people name them, the way a question is put on someone else's behalf.
RELATIVES: Final = frozenset(
    (
        *("esposo", "esposa", "marido", "hijo", "hija", "hijos", "hijas", "papa", "mama"),
        *("padre", "madre", "hermano", "hermana", "hermanos", "tio", "tia", "primo", "prima"),
        *("sobrino", "sobrina", "abuelo", "abuela", "nieto", "nieta", "suegro", "suegra"),
        *("husband", "wife", "son", "daughter", "kids", "children", "child", "dad", "mom"),
        *("father", "mother", "brother", "sister", "uncle", "aunt", "cousin", "nephew"),
        *("niece", "grandma", "grandpa", "grandmother", "grandfather"),
    )
)
# A follow-up on a right at work that asks whom to call or where to complain is about making
# the complaint ("a donde llamo", "can he still complain?" after an answer on unpaid wages):
# the complaints topic says where and what protects the person who complains.
COMPLAINTS_TOPIC: Final = "complaints"
# Below this the classifier's reading of another subject does not outweigh a word of
# complaining on such a thread.
COMPLAINT_UNSURE: Final = 0.8
# Not harassment: its own articles are about where to report it (EEOC, Ley Karin). Fees a
# recruiter or employer charged are reported where the rest of the job is ("con quien me
# quejo?" after the H-2 fees article: the labour department enforces the no-fee rule).
WORKPLACE_TOPICS: Final = frozenset(
    {"wages", "working_conditions", "contract", "domestic_work", "recruitment_fees"}
)
COMPLAINING: Final = frozenset(
    (
        *("queja", "quejas", "quejo", "quejarme", "quejarse", "quejarnos", "quejamos"),
        *("reclamar", "reclamo", "reclamamos", "denunciar", "denuncia", "denuncio"),
        *("reportar", "reporto", "reportarlo", "llamo", "llamar", "llamamos", "marco"),
        *("complain", "complaint", "complaining", "report", "reporting", "call", "file"),
        *("claim", "claims"),
    )
)
# Later in a conversation, "can someone help us?" read as a greeting (or weakly as a request
# for a person) is a request for a person: the bot has already told what it knows.
GREETING: Final = "greet"
HUMAN_TOPIC: Final = "human_agent"
HELP_WORDS: Final = frozenset(
    (
        *("ayuda", "ayudar", "ayuden", "ayudarme", "ayudarnos", "ayudenme", "ayudenos"),
        *("atienda", "atiendan", "help", "helps", "helping"),
    )
)
# A request for a person names the person or the contact ("q alguien me llame", "talk to a
# person pls"); a question the classifier reads as one without such words ("cuanto cuesta un
# abogado?", "will that cost me, like for a lawyer?") asks about the thread's matter.
ASKING_FOR_A_PERSON: Final = frozenset(
    (
        *("alguien", "persona", "personas", "humano", "humana", "funcionario", "funcionaria"),
        *("oficial", "agente", "consul", "asesor", "asesora", "hablar", "platicar", "comunica"),
        *("comunique", "comuniquen", "contactar", "contacte", "contacten", "llame", "llamen"),
        *("someone", "somebody", "anyone", "person", "human", "officer", "agent", "staff"),
        *("talk", "speak", "contact", "reach"),
    )
)

# "can the consulate call us?", "que alguien del consulado me llame": someone (the consulate, a
# person) asked to call, write to or contact the person or their relative is a request for a
# person, however the classifier reads the consulate's name in it.
CONTACTING: Final = frozenset(
    (
        *("call", "contact", "text", "write", "phone", "reach"),
        *("llame", "llamen", "llamar", "contacte", "contacten", "contactar", "escriba"),
        *("escriban", "marque", "marquen", "hable", "hablen", "comunique", "comuniquen"),
    )
)
CONTACTERS: Final = frozenset(
    (
        *("consulate", "consulado", "embassy", "embajada", "someone", "somebody", "anyone"),
        *("alguien", "person", "persona", "officer", "funcionario", "funcionaria"),
    )
)
CONTACTED: Final = frozenset(
    (
        *("me", "us", "him", "her", "them", "nos", "lo", "la", "le", "les", "los", "las"),
        *("mi", "my", "our", "his", "nuestra", "nuestro", "su"),
    )
)

# Words that say nothing beyond the place they come with: "estoy en texas", "im in the us".
PLACE_FILLER: Final = frozenset(
    (
        *("en", "in", "the", "el", "la", "los", "las", "de", "del", "from", "soy", "somos"),
        *("estoy", "estamos", "vivo", "trabajo", "im", "i", "am", "at", "a", "ya", "le", "work"),
        *("dije", "aqui", "here", "ahorita", "now", "ok", "si", "yes", "pues", "bueno"),
        *("near", "cerca", "close", "to", "por", "around", "outside", "afuera", "rn"),
        *("we", "live", "vivimos", "viven", "vive", "lives", "he", "she", "they", "is", "are"),
        *("esta", "estan", "my", "mi", "our", "his", "her", "nuestro", "su", "right", "currently"),
        *("provincia", "province", "estado", "state", "ciudad", "city", "condado", "county"),
        *("hes", "shes", "theyre", "were", "works", "working", "trabaja", "trabajan"),
        *("trabajamos", "ando", "anda", "andamos", "andan"),
    )
)

# Words that say nothing beyond the visa they come with: "he is on h2a", "vine con la h2b".
PROGRAMME_FILLER: Final = PLACE_FILLER | frozenset(
    (
        *("on", "with", "con", "visa", "program", "programa", "programme", "came", "vine"),
        *("vino", "venimos", "vinimos", "tiene", "tengo", "has", "have", "got", "trabaja"),
        *("works", "worker", "trabajador", "es", "its", "it", "y", "and", "also", "tambien"),
        *("por", "un", "una", "an", "as", "como", "no", "pero", "but", "under", "bajo"),
        *("trae", "traigo", "traemos", "traen", "brought", "ah", "oh", "btw", "cierto"),
        # "I forgot to tell you": "se me olvido decirle", "forgot to mention".
        *("se", "me", "olvido", "olvide", "decirle", "decirte", "decir", "forgot", "tell"),
        *("mention", "say", "you", "vengo", "come", "coming"),
    )
)

# Going home: the country named after these is where the person comes from ("want to go back
# to mexico for good", "cuando vuelva a colombia"), Mexico included, which a mere mention of it
# is not (conversations/places.py).
GOING_BACK: Final = re.compile(
    r"\b(?:back to|return to|regresar(?:me|nos|se)? a|regresarme pa|volver(?:me|nos)? a"
    r"|vuelva a|vuelvo a|regrese a|regreso a|me regreso a|nos regresamos a)\s+(\w+(?: \w+)?)"
)

# The words after which a name is where the person is: "en", "in", "near".
LOCATIVES: Final = frozenset(("en", "in", "near", "cerca", "at", "around", "outside"))


def programme_named(text: str) -> str | None:
    """The one visa or programme a text names; None for none or several."""
    plain = words(text)
    found = {name for pattern, name in _PROGRAMMES if pattern.search(plain)}
    return found.pop() if len(found) == 1 else None


def programme_of(
    session: Session,
    conversation: Conversation,
    text: str,
    history: RecentInbound | None = None,
) -> str | None:
    """The programme this message names, else the newest one the person named before (from
    the turn's `history` when given: the same messages)."""
    named = programme_named(text)
    if named is not None or conversation.id is None:
        return named
    if history is not None:
        bodies: Iterable[str | None] = [message.body for message in history.messages()]
        return next((found for body in bodies if (found := programme_named(body or ""))), None)
    bodies = session.scalars(
        select(Message.body)
        .where(
            Message.conversation_id == conversation.id,
            Message.direction == Direction.INBOUND,
        )
        .order_by(Message.id.desc())
        .limit(HISTORY)
    )
    return next((found for body in bodies if (found := programme_named(body or ""))), None)


def only_a_programme(text: str, place_names: Sequence[str] = ()) -> bool:
    """Whether a message says nothing but the visa or programme the person is on ("he is on
    h2a", "vine con la h2b a carolina"): it tells the situation of the thread's question, and
    that question is to be answered again for it, not the message on its own."""
    if "?" in text or programme_named(text) is None:
        return False
    plain = words(text)
    for pattern, _ in _PROGRAMMES:
        plain = pattern.sub(" ", plain)
    rest = set(plain.split()) - PROGRAMME_FILLER
    for name in place_names:
        rest -= set(name.split())
    return not rest or _a_town_before_its_state(plain, rest, place_names)


def origin_gone_back_to(text: str) -> str | None:
    """The country a person says they go back to: where they come from."""
    found = GOING_BACK.search(words(text))
    return parse_origin(found.group(1)) if found else None


def _a_town_before_its_state(plain: str, rest: set[str], place_names: Sequence[str]) -> bool:
    """The words left are a town the gazetteer does not know, written before its state ("en
    wenachi washington. trae la visa h2a")."""
    named = {word for name in place_names for word in name.split()}
    kept = [word for word in plain.split() if word in rest or word in named or word in LOCATIVES]
    return only_a_place(" ".join(kept), place_names)


def programme_told(message: Message, thread: Message) -> Replay | None:
    """A message that only says the visa the person is on ("he is on h2a"), after a question
    on a topic: that question answered again for the visa on its topic, its article chosen
    afresh, never the thread's article kept with the repeat guard's line. A question filed
    under family matters only for naming a relative ("my husband works on a farm… they take
    200 from every check for the housing") is read again instead: the visa makes it about
    the relative's work, and family matters on a visa are how to bring the family over."""
    if not only_a_programme(message.body, names_in(message.body, similarity=MENTION_SIMILARITY)):
        return None
    return Replay(thread.id, thread.body, None if thread.topic == FAMILY_TOPIC else thread.topic)


def thread_topic(
    session: Session,
    conversation: Conversation,
    before: Message,
    topics: frozenset[str],
    history: RecentInbound | None = None,
) -> Message | None:
    """The newest recent inbound message of the thread on a knowledge-base topic (from the
    turn's `history` when given and it can tell; the query is built only when it cannot,
    building it took a quarter of a millisecond, three times a follow-up's turn)."""
    settled, message = history.newest_on(topics, before.id) if history else (False, None)
    if not settled:
        query = (
            select(Message)
            .where(
                Message.conversation_id == conversation.id,
                Message.direction == Direction.INBOUND,
                Message.id < before.id,
                Message.topic.in_(topics),
            )
            .order_by(Message.id.desc())
            .limit(1)
        )
        message = session.scalar(query)
    if message is None:
        return None
    continued = _continued_answer(session, message)
    created = message.created_at
    if created.tzinfo is None:  # SQLite returns naive UTC
        created = created.replace(tzinfo=UTC)
    return continued if datetime.now(UTC) - created <= AWAIT_FOR else None


def _continued_answer(session: Session, message: Message) -> Message:
    """The message itself, or for a MORE (stored on the topic, with no article of its own)
    the question whose answer it continued: a MORE is no subject of its own, and "y a quien le
    hablo?" after two MAS is still on the first answer's article."""
    found = match(message.body or "")
    if message.article_id is not None or found is None or found.keyword != Keyword.MORE:
        return message
    answered = session.scalar(
        select(Message)
        .where(
            Message.conversation_id == message.conversation_id,
            Message.direction == Direction.INBOUND,
            Message.id < message.id,
            Message.topic == message.topic,
            Message.article_id.is_not(None),
        )
        .order_by(Message.id.desc())
        .limit(1)
    )
    return answered if answered is not None else message


def is_follow_up(
    text: str,
    intent: str | None,
    confidence: float | None,
    thread_confidence: float = 0.0,
    leans_on_thread: bool = False,
    weak_elsewhere: bool = False,
) -> bool:
    """A short message the classifier reads too weakly to change the subject on its own
    (`thread_confidence`: how likely it reads the thread's own topic; `weak_elsewhere`: its
    words match no article of the topic read clearly, or none better than the thread's topic).

    A relative named in a short message ("y mi esposa?", "can my kids come too") says whom
    the thread's question is about, not that the subject is now family matters: the
    classifier's family reading of it does not change the subject unless it is near certain.
    The other way round, see `relatives_job`.
    """
    plain = words(text).split()
    if intent == THANKS and asks_on_after_thanks(text):
        return True
    if len(plain) > LONG_FOLLOW_UP_MAX_WORDS or intent in NOT_FOLLOW_UPS:
        return False
    if intent in SMALL_TALK:
        return _a_question_more_than_small_talk(text, confidence)
    if announces_a_new_subject(text):
        return False
    if intent == HUMAN_TOPIC:
        return not asks_for_a_person(text)
    if len(plain) > FOLLOW_UP_MAX_WORDS:
        return intent in (None, "out_of_scope") or (confidence or 0.0) < LONG_FOLLOW_UP_CONFIDENCE
    if intent == FAMILY_TOPIC and (confidence or 0.0) < FAMILY_CERTAIN and names_a_relative(text):
        return True
    if intent in (None, "out_of_scope") or (confidence or 0.0) < FOLLOW_UP_CONFIDENCE:
        return True
    if THREAD_ODDS * thread_confidence >= (confidence or 0.0):
        return True
    if leans_on_thread and (confidence or 0.0) < LEANING_CERTAIN:
        return True
    if weak_elsewhere and is_elliptic(text, intent, confidence):
        return True
    return (confidence or 0.0) < POINTING_BACK_CONFIDENCE and not POINTING_BACK.isdisjoint(plain)


def returns_to_an_earlier_subject(
    intent: str | None, confidence: float | None, thread: str | None, earlier: Iterable[str]
) -> bool:
    """A message read, without doubt enough to change the subject (`FOLLOW_UP_CONFIDENCE`), as
    a subject the person raised earlier in the conversation than the thread (`earlier`: the
    topics of the messages before the thread's): they go back to it ("and the guys at work?"
    after an answer on asylum, in a conversation opened by the guys at work), and it is
    answered as read, not kept on the thread's article."""
    return (
        intent is not None
        and intent != thread
        and intent not in NOT_FOLLOW_UPS
        and (confidence or 0.0) >= FOLLOW_UP_CONFIDENCE
        and intent in set(earlier)
    )


def relatives_job(intent: str | None, thread: str | None, clearly: bool) -> str | None:
    """The topic of a message about a relative's job on a thread filed under family matters
    (`WORK_MATTERS`), when its words clearly name it (`clearly`, see
    conversations/leaning.py): that topic, for the question read afresh, not the family
    article kept nor, the classifier being unsure, a menu."""
    if thread == FAMILY_TOPIC and intent in WORK_MATTERS and clearly:
        return intent
    return None


def asks_on_after_thanks(text: str) -> bool:
    """An acknowledgement that asks a short question on ("ok y?", "k and about the tips?")."""
    plain = words(text).split()
    return (
        "?" in text
        and len(plain) <= FOLLOW_UP_MAX_WORDS
        and any(word not in THANKING_WORDS for word in plain)
    )


def is_elliptic(text: str, intent: str | None, confidence: float | None) -> bool:
    """A message that refers back, read as another topic without near certainty, and that
    brings no place of its own ("we're in lima, can i report it from here?" sets a new
    situation) nor asks where to complain ("so who can i report the house to?": on any thread,
    complaining is a subject of its own)."""
    plain = words(text).split()
    return (
        (confidence or 0.0) < ELLIPTIC_CONFIDENCE
        and refers_back(text)
        and not (intent == COMPLAINTS_TOPIC and not COMPLAINING.isdisjoint(plain))
        and mentioned_country(text) is None
        and mentioned_origin(text) is None
    )


def refers_back(text: str) -> bool:
    """Whether a message carries on from the one before ("y eso…", "what about…") or stands
    for someone or something already named ("how does she apply")."""
    plain = words(text).split()
    if not plain:
        return False
    opening = (plain[0], " ".join(plain[:2]))
    return (
        any(start in CARRYING_ON for start in opening)
        or not STANDING_FOR.isdisjoint(plain)
        or any(a in CLITIC_FIRST and b in CLITIC_SECOND for a, b in pairwise(plain))
    )


def _a_question_more_than_small_talk(text: str, confidence: float | None) -> bool:
    return (
        "?" in text
        and len(words(text).split()) >= SMALL_TALK_MIN_WORDS
        and (confidence or 0.0) < SMALL_TALK_CERTAIN
    )


def announces_a_new_subject(text: str) -> bool:
    plain = f" {words(text)} "
    return any(f" {marker} " in plain for marker in NEW_SUBJECT)


def asks_for_a_person(text: str) -> bool:
    """Whether a message names a person or a way to reach one, or asks for help."""
    plain = words(text).split()
    return not (ASKING_FOR_A_PERSON.isdisjoint(plain) and HELP_WORDS.isdisjoint(plain))


def complaint_follow_up(text: str, thread: str | None) -> str | None:
    """The complaints topic for a follow-up that asks where to complain on a thread about a
    right at work; None otherwise (the thread's own topic answers it)."""
    if thread not in WORKPLACE_TOPICS or COMPLAINING.isdisjoint(words(text).split()):
        return None
    return COMPLAINTS_TOPIC


def complains_on_the_thread(
    text: str, intent: str | None, confidence: float | None, thread: str | None
) -> bool:
    """A message with a word of complaining, on a thread about a right at work, that the
    classifier reads as another subject without certainty ("im colombian and dont have
    residency yet, can i still report him?" read as papers): it asks where to complain about
    the thread's matter, however clearly it is not a short follow-up."""
    return (
        complaint_follow_up(text, thread) is not None
        and intent not in (*NOT_FOLLOW_UPS, *SMALL_TALK, HUMAN_TOPIC)
        and (confidence or 0.0) < COMPLAINT_UNSURE
        and len(words(text).split()) <= LONG_FOLLOW_UP_MAX_WORDS
        and not announces_a_new_subject(text)
    )


def asks_a_person_for_help(text: str, intent: str | None) -> bool:
    """A message read as a greeting, or as a request for a person too weakly to be sure, that
    asks for help: on a thread, a request for a person."""
    return intent in (GREETING, HUMAN_TOPIC) and not HELP_WORDS.isdisjoint(words(text).split())


def asks_to_be_contacted(text: str) -> bool:
    """Whether a short message asks that the consulate or a person call, write to or contact
    the writer or someone of theirs ("can the consulate call us?"): a request for a person."""
    plain = words(text).split()
    if len(plain) > FOLLOW_UP_MAX_WORDS:
        return False
    for at, word in enumerate(plain):
        if word not in CONTACTING:
            continue
        before, after = plain[max(0, at - 2) : at], plain[at + 1 : at + 2]
        if not CONTACTED.isdisjoint(after) and not CONTACTERS.isdisjoint(plain[:at]):
            return True  # "can the consulate call us?"
        if not CONTACTED.isdisjoint(before) and not CONTACTERS.isdisjoint(plain):
            return True  # "nos puede llamar alguien del consulado?"
    return False


def names_a_relative(text: str) -> bool:
    return not RELATIVES.isdisjoint(words(text).split())


def only_a_place(text: str, place_names: Sequence[str]) -> bool:
    """Whether a message says nothing but where ("en madrid", "im in the us").

    One word the gazetteer does not know may come right before a place it knows: a town
    named before its state or country ("estamos en springdale arkansas", "lodi california").
    """
    plain = words(text).split()
    rest = set(plain) - PLACE_FILLER
    for name in place_names:
        rest -= set(name.split())
    if not place_names or "?" in text:
        return False
    return not rest or (len(rest) == 1 and _names_a_town_before(rest.pop(), plain, place_names))


def _names_a_town_before(word: str, plain: list[str], place_names: Sequence[str]) -> bool:
    """`word` comes after "en"/"in" and before a known place, with only words like "provincia
    de" between: "en springdale arkansas", "en escobar, provincia de buenos aires"."""
    firsts = {name.split()[0] for name in place_names}
    for at, town in enumerate(plain[1:], 1):
        if town != word or plain[at - 1] not in LOCATIVES:
            continue
        after = next((w for w in plain[at + 1 :] if w not in PLACE_FILLER), None)
        if after in firsts:
            return True
    return False
