# The app (FastAPI: channels, actions, admin). Rasa runs from its own image; see docker-compose.yml.
FROM python:3.11-slim
WORKDIR /srv/enlace
COPY requirements.lock .
RUN pip install --no-cache-dir --no-deps -r requirements.lock
COPY core core
COPY channels channels
COPY actions actions
COPY admin admin
COPY knowledge knowledge
COPY alembic.ini .
ENV ENLACE_ENVIRONMENT=production ENLACE_AUTO_MIGRATE=false
EXPOSE 8000
CMD ["uvicorn", "core.asgi:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]
