"""What Enlace itself writes to a person (not the articles), as msgids of its Babel catalogs.

The English text is the msgid; `TEXTS.translate(language, HANDOVER)` is the text in the
person's language, from `conversations/translations/{es,en}/LC_MESSAGES/messages.po` (see
README, "Texts and translations"). Keyword names stay in capitals so people can copy them.
The bot's hand-over text is here too: the app and the `action_request_human` action both
send it, so it never drifts apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from core.i18n import N_, Texts

TEXTS: Final = Texts(Path(__file__).parent / "translations")

# Translators: what the bot's hand-over action says. A new hand-over is told by QUEUED and
# SAFE_CONTACT_QUESTION instead (one message each); this one is seen when the case was already
# open, so it promises neither a time nor a message.
# 911 is not the emergency number everywhere Enlace serves (Spain 112, Chile 133): HELP answers
# with the lines for where the person is (local_turns, `with_emergency_lines`).
HANDOVER: Final = N_(
    "Done, I'm passing your conversation to a consular officer. If you are in danger now, write"
    " HELP to see who to call."
)

APOLOGY: Final = N_(
    "Sorry, I can't answer right now. Your message is saved and a consular officer will"
    " reply. If you are in danger, write HELP to see who to call."
)

# Translators: sent in the language the person seemed to write, then a
# line in the other one: "write to me in English" becomes "in Spanish".
UNSUPPORTED_LANGUAGE: Final = N_(
    "For now I only speak Spanish and English. Write to me in English or write HUMAN to"
    " talk to a person. / Por ahora solo hablo español e inglés."
)

OPTED_OUT: Final = N_(
    "Done, we will not send you more messages. To receive them again write START."
    " To erase your data write DELETE."
)
OPTED_IN: Final = N_(
    "Welcome back. You can write your question now. MENU for topics, HELP for help."
)
HELP: Final = N_(
    "Enlace answers questions about work rights, legal ways to work abroad, trafficking"
    " and return. Write your question. MENU: topics. HUMAN: a consular officer. MORE: more"
    " detail. STOP: no more messages. DELETE: erase your data."
)
# Translators: a title above help-line numbers, one per line ("Name: number").
EMERGENCY_TITLE: Final = N_("In danger call:")
# Translators: sent right after the help-line numbers to a person who may be in danger;
# keep it short (it is an SMS). {team} is a consulate's name or CONSULAR_TEAM. Whether anyone
# may write to the person is asked right after, so it promises no message.
URGENT_HUMAN: Final = N_(
    "Your case is now with {team}, at top priority: a person is on it."
    " DELETE erases this chat at any time."
)

# --- Hand-over notices (conversations/handover.py, conversations/notices.py) ---
# Translators: stands for {team} when no consulate has the case yet (the fallback queue).
CONSULAR_TEAM: Final = N_("the consular team")
# Translators: the one hand-over message (then the safe-contact question, a second SMS): who
# has the case, what happens next, and where help is. {team} is a consulate's name or
# CONSULAR_TEAM; {wait} is one of the WAIT_ sentences below. Keep it within one SMS (160
# characters with a long consulate name).
QUEUED: Final = N_(
    "Your case is with {team}. An officer will read this chat. {wait} In danger? Write HELP."
)
WAIT_USUAL_HOURS: Final = N_("It usually takes up to {hours} hours, during office hours.")
WAIT_AHEAD: Final = N_("Cases waiting before yours: {ahead}.")
WAIT_NEXT: Final = N_("Yours is next in line.")
# Translators: one short closed question, SMS-short; the person answers 1, 2 or 3 or in words.
SAFE_CONTACT_QUESTION: Final = N_(
    "Is it safe for someone to write to this number? Reply:\n1 Yes, anytime\n2 Only when I"
    " write first\n3 Never: I will call"
)
# Translators: as SAFE_CONTACT_QUESTION, with the consulate's number to call in option 3.
SAFE_CONTACT_QUESTION_CALL: Final = N_(
    "Is it safe for someone to write to this number? Reply:\n1 Yes, anytime\n2 Only when I"
    " write first\n3 Never: I will call {number}"
)
SAFE_CONTACT_ANYTIME: Final = N_("Noted: an officer may write to you here at any time.")
SAFE_CONTACT_WHEN_PERSON_WRITES: Final = N_(
    "Noted: nobody will write to you first. When it is safe, write here and an officer will"
    " answer you."
)
SAFE_CONTACT_NEVER: Final = N_(
    "Noted: nobody will write to this number. Call your consulate when you can."
)
SAFE_CONTACT_NEVER_CALL: Final = N_(
    "Noted: nobody will write to this number. Call the consulate when you can: {number}."
)
CLAIMED: Final = N_("A consular officer now has your conversation and will answer you here.")
# Translators: CLAIMED for a person who asked that nobody write to them.
CLAIMED_NO_WRITING: Final = N_(
    "A consular officer now has your case. As you asked, nobody will write to this number:"
    " call your consulate when you can."
)
BACK_TO_BOT: Final = N_(
    "You are talking to the Enlace assistant again; the consulate closed your case. Write"
    " your question, or HUMAN to talk to a person."
)
MENU_TITLE: Final = N_("Topics")
MENU_FOOTER: Final = N_("Reply with the number, or write your question.")
MENU_NO_ARTICLE: Final = N_("Tell me your question on this topic in a few words, or write HUMAN.")
# The same words as the bot's own question (actions/answer.py ASK_COUNTRY), so the person
# reads one question whichever part of Enlace asks it.
MENU_ASK_COUNTRY: Final = N_(
    "To give you the right information: which country is this about? Write USA, Canada,"
    " Spain, Mexico, Chile or Argentina."
)
ALREADY_WITH_HUMAN: Final = N_(
    "A consular officer already has your conversation and will write to you here."
)
# Translators: sent in the language just chosen; it names that language.
LANGUAGE_SET: Final = N_("OK, I will write in English. Write your question or MENU.")
NOTHING_MORE: Final = N_("I have no earlier answer to expand. Write your question or MENU.")
ERASE_CONFIRM: Final = N_(
    "Erase all your messages and data from Enlace? This cannot be undone. Reply YES to confirm."
)
ERASED: Final = N_(
    "Done, we erased your messages and data. If you write again, we start from zero. You"
    " can also delete this chat from your phone."
)
VOICE_NOTE: Final = N_(
    "I can't listen to voice messages yet. Write your question in a few words, or write"
    " HUMAN to talk to a person."
)
IMAGE: Final = N_(
    "I received your file and it is saved, but I can't see it. Write your question in a"
    " few words, or write HUMAN."
)
LOCATION: Final = N_(
    "I received your location and it is saved. If you want a consular officer to write to"
    " you, write HUMAN. If you are in danger, write HELP to see who to call."
)
NO_TEXT: Final = N_(
    "I didn't get that. Write your question in a few words, MENU for topics or HELP."
)

# Translators: a bare number ("2") when no list of options is open: the menu it may answer was
# sent before another message, so it is not guessed at.
STALE_PICK: Final = N_(
    "That number does not answer a list I sent just now. Tell me in a few words what you need,"
    " or write MENU to see the topics."
)

# Translators: the answer to a thumbs-up or praying-hands emoji alone: the person acknowledges
# what they were told. The same words as the bot's answer to "thanks" (bot/domain).
ACKNOWLEDGED: Final = N_("You're welcome. Is there anything else I can help with?")

COUNTRY_NOTED: Final = N_("Thanks, now I know which country you are in. What is your question?")

ORIGIN_NOTED: Final = N_("Thanks, now I know which country you are from. What is your question?")

# Translators: added after the bot's answer when only the urgency classifier read danger in
# the message (conversations/urgency.py): the person may be fine. One line; it names nothing
# that would alarm someone reading over their shoulder. URGENT (URGENTE in Spanish) is a
# keyword: keep it in capitals.
DANGER_CHECK: Final = N_(
    "If you are in danger now, write URGENT: you get the emergency numbers and a consular"
    " officer at once."
)
# --- Questions after a hand-over (conversations/case_questions.py) ---
# Translators: asked once after a hand-over, alone or after a short "Noted" line.
ASK_ORIGIN: Final = N_("Which country are you from?")
# Translators: asked once after a hand-over; the person answers "Texas", "en Madrid"...
ASK_PLACE: Final = N_("Where are you now (country, state)?")
# Translators: the person said where they are from or where they are, and the case moved.
ROUTED: Final = N_("Thanks. Your case is now with {team}.")
NOTED: Final = N_("Thanks, noted.")

# --- The screening (conversations/screening.py) ---
# Translators: offered after an urgent hand-over; {count} questions. Keep the keywords in
# capitals as the person must write them (LATER/DESPUES, DELETE/BORRAR).
SCREENING_OFFER: Final = N_(
    "Can I ask you {count} short yes/no questions so the officer knows how to help? Reply YES,"
    " or LATER to stop at any time. DELETE erases this chat."
)
# Translators: a closed question of the screening, in plain words; answered yes or no.
SCREEN_DOCUMENTS: Final = N_("Does someone else keep your passport or ID?")
SCREEN_FREE_TO_LEAVE: Final = N_("Can you leave your work or where you live when you want?")
SCREEN_DEBT: Final = N_("Do you owe money to your employer or recruiter that you must work off?")
SCREEN_THREATS: Final = N_("Has anyone threatened you or your family, or hurt you?")
SCREEN_PAY: Final = N_("Are you paid what you were promised?")
SCREEN_LIVING: Final = N_("Is the place where you live unsafe or overcrowded?")
SCREEN_ISOLATION: Final = N_("Can you talk to your family or friends when you want?")
# Translators: after the last screening answer.
SCREENING_DONE: Final = N_(
    "Thank you. The officer will see your answers. You can write here at any time."
)
# Translators: the person said LATER (or declined the offer).
SCREENING_STOPPED: Final = N_("OK, no more questions. You can write here at any time.")
