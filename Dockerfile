# The app (FastAPI: app assembly, channels, conversations, actions, admin), every package
# it imports (tests/unit/test_dockerfile.py checks). Rasa runs from its own image; see
# docker-compose.yml.
FROM python:3.11-slim
WORKDIR /srv/enlace
COPY requirements.lock .
RUN pip install --no-cache-dir --no-deps -r requirements.lock
COPY app app
COPY core core
COPY channels channels
COPY conversations conversations
COPY actions actions
COPY admin admin
COPY knowledge knowledge
COPY alembic.ini .
ENV ENLACE_ENVIRONMENT=production ENLACE_AUTO_MIGRATE=false
EXPOSE 8000
CMD ["uvicorn", "app.asgi:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]
