"""What Enlace itself writes to a person (not the articles): every text in both languages.

Keyword names stay in capitals so people can copy them. The bot's hand-over text is here too:
the app and the `action_request_human` action both send it, so it never drifts apart.
"""

from __future__ import annotations

# language code -> text
Texts = dict[str, str]

HANDOVER: Texts = {
    "es": "Listo, le paso tu conversación a una persona del consulado. Te va a escribir por este"
    " mismo chat; puede tardar unas horas en horario de oficina. Si estás en peligro ahora,"
    " llama al 911.",
    "en": "Done, I'm passing your conversation to a consular officer. They will write to you in"
    " this same chat; it may take a few hours during office hours. If you are in danger now,"
    " call 911.",
}

APOLOGY: Texts = {
    "es": "Perdón, ahora no puedo responder. Tu mensaje quedó guardado y una persona del consulado"
    " te va a contestar. Si estás en peligro, llama al 911.",
    "en": "Sorry, I can't answer right now. Your message is saved and a consular officer will"
    " reply. If you are in danger, call 911.",
}

UNSUPPORTED_LANGUAGE: Texts = {
    "es": "Por ahora solo hablo español e inglés. Escríbeme en español o escribe HUMANO para"
    " hablar con una persona. / I only speak Spanish and English for now.",
    "en": "For now I only speak Spanish and English. Write to me in English or write HUMAN to"
    " talk to a person. / Por ahora solo hablo español e inglés.",
}


OPTED_OUT: Texts = {
    "es": "Listo, ya no te enviaremos mensajes. Para volver a recibirlos escribe START."
    " Para borrar tus datos escribe BORRAR.",
    "en": "Done, we will not send you more messages. To receive them again write START."
    " To erase your data write DELETE.",
}
OPTED_IN: Texts = {
    "es": "Hola de nuevo. Ya puedes escribir tu pregunta. MENU para ver temas, AYUDA para ayuda.",
    "en": "Welcome back. You can write your question now. MENU for topics, HELP for help.",
}
HELP: Texts = {
    "es": "Enlace responde sobre derechos en el trabajo, vías legales para trabajar afuera,"
    " trata y retorno. Escribe tu pregunta. MENU: temas. HUMANO: una persona del consulado."
    " MAS: más detalle. ALTO: no más mensajes. BORRAR: borrar tus datos.",
    "en": "Enlace answers questions about work rights, legal ways to work abroad, trafficking"
    " and return. Write your question. MENU: topics. HUMAN: a consular officer. MORE: more"
    " detail. STOP: no more messages. DELETE: erase your data.",
}
EMERGENCY_TITLE: Texts = {"es": "En peligro llama:", "en": "In danger call:"}
MENU_TITLE: Texts = {"es": "Temas", "en": "Topics"}
MENU_FOOTER: Texts = {
    "es": "Responde con el número, o escribe tu pregunta.",
    "en": "Reply with the number, or write your question.",
}
MENU_NO_ARTICLE: Texts = {
    "es": "Cuéntame tu pregunta sobre este tema en pocas palabras, o escribe HUMANO.",
    "en": "Tell me your question on this topic in a few words, or write HUMAN.",
}
ALREADY_WITH_HUMAN: Texts = {
    "es": "Una persona del consulado ya tiene tu conversación y te va a escribir aquí.",
    "en": "A consular officer already has your conversation and will write to you here.",
}
LANGUAGE_SET: Texts = {
    "es": "Listo, te escribo en español. Escribe tu pregunta o MENU.",
    "en": "OK, I will write in English. Write your question or MENU.",
}
NOTHING_MORE: Texts = {
    "es": "No tengo más detalles de un mensaje anterior. Escribe tu pregunta o MENU.",
    "en": "I have no earlier answer to expand. Write your question or MENU.",
}
ERASE_CONFIRM: Texts = {
    "es": "¿Borrar todos tus mensajes y datos de Enlace? No se puede deshacer. Responde SI para"
    " confirmar.",
    "en": "Erase all your messages and data from Enlace? This cannot be undone. Reply YES to"
    " confirm.",
}
ERASED: Texts = {
    "es": "Listo, borramos tus mensajes y tus datos. Si nos escribes de nuevo, empezamos desde"
    " cero. Puedes borrar también este chat de tu teléfono.",
    "en": "Done, we erased your messages and data. If you write again, we start from zero. You"
    " can also delete this chat from your phone.",
}
VOICE_NOTE: Texts = {
    "es": "Todavía no puedo escuchar audios. Escribe tu pregunta en pocas palabras, o escribe"
    " HUMANO para hablar con una persona.",
    "en": "I can't listen to voice messages yet. Write your question in a few words, or write"
    " HUMAN to talk to a person.",
}
IMAGE: Texts = {
    "es": "Recibí tu archivo y quedó guardado, pero no puedo verlo. Escribe tu pregunta en"
    " pocas palabras, o escribe HUMANO.",
    "en": "I received your file and it is saved, but I can't see it. Write your question in a"
    " few words, or write HUMAN.",
}
LOCATION: Texts = {
    "es": "Recibí tu ubicación y quedó guardada. Si quieres que una persona del consulado te"
    " escriba, escribe HUMANO. Si estás en peligro, escribe AYUDA para ver a quién llamar.",
    "en": "I received your location and it is saved. If you want a consular officer to write to"
    " you, write HUMAN. If you are in danger, write HELP to see who to call.",
}
NO_TEXT: Texts = {
    "es": "No entendí. Escribe tu pregunta en pocas palabras, MENU para ver temas o AYUDA.",
    "en": "I didn't get that. Write your question in a few words, MENU for topics or HELP.",
}

COUNTRY_NOTED: Texts = {
    "es": "Gracias, ya sé en qué país estás. ¿Cuál es tu pregunta?",
    "en": "Thanks, now I know which country you are in. What is your question?",
}

ORIGIN_NOTED: Texts = {
    "es": "Gracias, ya sé de qué país eres. ¿Cuál es tu pregunta?",
    "en": "Thanks, now I know which country you are from. What is your question?",
}
