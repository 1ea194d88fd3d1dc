# Enlace: the one entry point. `make run` starts the assistant, `make test` runs every test.
# Everything installs itself on first use; a second run does nothing that is already done.

SHELL := /bin/bash
PYTHON_BASE ?= python3.11
VENV := .venv
RASA_VENV := .venv-rasa
PY := $(VENV)/bin/python
RASA := $(RASA_VENV)/bin/rasa
# Rasa sends no telemetry or crash reports to its servers from any target.
export RASA_TELEMETRY_ENABLED := false
STAMP_APP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-16)
STAMP_RASA := $(RASA_VENV)/.installed-$(shell sha256sum bot/requirements.lock | cut -c1-16)
# docker-compose (Debian's 1.29) only validates docker-compose.yml; no engine runs here.
SYSTEM_PACKAGES := postgresql chromium docker-compose
STAMP_SYSTEM := var/.system-packages-$(shell echo $(SYSTEM_PACKAGES) | sha256sum | cut -c1-8)
# Fixed texts (README, "Texts and translations"): the packages with Babel catalogs, their
# languages, and how code marks a text. tests/unit/test_translations.py reads these three lines.
I18N_PACKAGES := knowledge conversations actions admin
I18N_LOCALES := es en
I18N_KEYWORDS := -k translate:2 -k N_
PYBABEL := $(VENV)/bin/pybabel
CATALOGS := $(foreach p,$(I18N_PACKAGES),$(foreach l,$(I18N_LOCALES),$(p)/translations/$(l)/LC_MESSAGES/messages))
COMPILED_CATALOGS := $(patsubst %.po,%.mo,$(wildcard $(addsuffix .po,$(CATALOGS))))

.DEFAULT_GOAL := help
.PHONY: help install install-app install-rasa system-deps run test test-unit test-bot bench compare-nlu validate rasa-validate load converse \
        train kb-check kb-report eval score score-urgency urgency-threshold lint migrate lock i18n catalogs clean admin-user

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

install: install-app install-rasa ## both virtual environments, from the lock files

install-app: $(STAMP_APP)
$(STAMP_APP): requirements.lock
	@test -x $(PY) || $(PYTHON_BASE) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

install-rasa: $(STAMP_RASA)
$(STAMP_RASA): bot/requirements.lock
	@test -x $(RASA_VENV)/bin/python || $(PYTHON_BASE) -m venv $(RASA_VENV)
	@# Rasa 3.6.21 declares Python <3.11; every package is pinned, see bot/requirements.lock.
	$(RASA_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps \
		--ignore-requires-python -r bot/requirements.lock
	@rm -f $(RASA_VENV)/.installed-* && touch $@

system-deps: $(STAMP_SYSTEM) ## Debian packages the tests need (PostgreSQL, Chromium, docker-compose)
$(STAMP_SYSTEM):
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@mkdir -p var && touch $@

train: install ## train the Rasa model if bot/ or the knowledge base changed
	$(PY) -m tools.train

run: install train catalogs ## start Rasa and the app on http://127.0.0.1:8000 (SQLite, simulator)
	$(PY) -m tools.run

kb-check: install-app ## validate every knowledge-base file
	$(PY) -m knowledge.checker

kb-report: install-app ## Markdown for editors: reviews due, unverified contacts, thin topics, unanswered questions
	$(PY) -m knowledge.report

validate: rasa-validate ## check the bot's data: Rasa's validator and both languages per intent
	$(PY) -m pytest -q -p no:cacheprovider tests/unit/test_bot_files.py

# Rasa's checks of bot/ (`make validate`, `make test-bot`, and `make test`, which runs both
# beside pytest: they need only the trained model and bot/, and pytest mostly keeps one core).
RASA_DATA_VALIDATE = cd bot && PYTHONPATH=. ../$(RASA) data validate --fail-on-warnings --domain domain --data data --config config.yml
RASA_STORY_TESTS = cd bot && PYTHONPATH=. ../$(RASA) test core --stories tests --model models --fail-on-prediction-errors --out ../var/rasa-results

rasa-validate: install train
	$(RASA_DATA_VALIDATE)

test-unit: install-app catalogs ## fast tests: no Rasa, no browser, no database
	$(PY) -m pytest -q tests/unit tests/conversations/test_language.py tests/conversations/test_places.py

# Rasa's data validation and story tests run beside pytest (their output, in
# var/rasa-checks.log, is printed after pytest's); either failing fails the target. They once
# ran before and after it, and the story tests through a second make that ran `train` again.
test: install system-deps train kb-check catalogs ## everything: bot data, pytest (unit, Postgres, trained model, browser), story tests
	@mkdir -p var
	@( ($(RASA_DATA_VALIDATE)) && ($(RASA_STORY_TESTS)) ) > var/rasa-checks.log 2>&1 & rasa=$$!; \
	$(PY) -m pytest -q; tests=$$?; \
	wait $$rasa; checks=$$?; \
	echo "--- rasa data validate, then the story tests (var/rasa-checks.log): exit $$checks"; \
	cat var/rasa-checks.log; \
	test $$tests -eq 0 -a $$checks -eq 0

test-bot: install train ## Rasa's own story tests on the trained model
	$(RASA_STORY_TESTS)

eval: install train ## [QUESTIONS=file.tsv OUT=file.jsonl] evaluation contract and report with baselines, see docs/evaluation.md
	$(PY) -m tools.evaluate --questions "$(or $(QUESTIONS),tests/data/dev_questions.tsv)" --out "$(or $(OUT),var/dev.jsonl)" $(EVAL_FLAGS)

converse: install train catalogs ## conversations of tests/data/conversations.tsv on a private stack, scored
	$(PY) -m tools.evaluate --private --questions tests/data/conversations.tsv --out var/conversations.jsonl
	$(PY) -m tools.score --questions tests/data/conversations.tsv --results var/conversations.jsonl

load: install train ## first-turn latency and throughput against Rasa's bare parse (COUNT=200 CLIENTS=8)
	$(PY) -m tools.load --count $(or $(COUNT),200) --clients $(or $(CLIENTS),8)

bench: install system-deps train catalogs ## signed Twilio webhooks on PostgreSQL: latency, throughput, memory, growth (BENCH_FLAGS="--help")
	$(PY) -m tools.bench $(BENCH_FLAGS)

compare-nlu: install ## topic accuracy and training time of bot/experiments/diet.yml vs bot/config.yml (dev split)
	$(PY) -m tools.compare_nlu

lint: install-app ## ruff, mypy and the import contract (pyproject.toml [tool.importlinter])
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

i18n: install-app ## texts from the code into each package's catalogs (es, en), then compile them
	@for package in $(I18N_PACKAGES); do \
		mkdir -p $$package/translations; \
		$(PYBABEL) -q extract -F babel.cfg $(I18N_KEYWORDS) --no-location --add-comments=Translators: \
			--project=Enlace -o $$package/translations/messages.pot $$package || exit 1; \
		for locale in $(I18N_LOCALES); do \
			$(PYBABEL) -q update -i $$package/translations/messages.pot -d $$package/translations \
				-l $$locale --init-missing --ignore-obsolete --ignore-pot-creation-date || exit 1; \
		done; \
		$(PYBABEL) compile --statistics -d $$package/translations || exit 1; \
	done

# `make run` and `make test` compile a catalog whose .po is newer than its .mo (.mo files are
# built, never committed); without a .mo the app reads the .po (core/i18n.py).
catalogs: $(COMPILED_CATALOGS)
%.mo: %.po | $(STAMP_APP)
	$(PYBABEL) -q compile -i $< -o $@

admin-user: install-app ## create a consular account: EMAIL=… CONSULATE="name" COUNTRY=MX [SERVES="US-TX,US-OK"] [ROLE=admin]; asks for the password
	$(PY) -m tools.admin_user --email "$(EMAIL)" --consulate "$(CONSULATE)" --country "$(or $(COUNTRY),MX)" --serves "$(SERVES)" --role "$(or $(ROLE),admin)"

migrate: install-app ## bring the configured database to the newest schema
	$(PY) -m core.migrate

lock: ## re-pin requirements.lock from requirements.in in a scratch environment
	rm -rf var/lockenv && $(PYTHON_BASE) -m venv var/lockenv
	var/lockenv/bin/pip install --quiet -r requirements.in
	{ echo "# Generated by \`make lock\` from requirements.in (pip freeze of a clean install). Do not edit."; \
	  var/lockenv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf var/lockenv

clean: ## remove virtual environments, models and local data
	rm -rf $(VENV) $(RASA_VENV) bot/models var

score: install-app ## QUESTIONS=file.tsv OUT=file.jsonl: accuracy of a `make eval` output
	$(PY) -m tools.score --questions "$(QUESTIONS)" --results "$(OUT)"

score-urgency: install-app ## urgent recall/precision of tests/data/urgency_messages.tsv vs the topic rule (RASA_URL= refreshes readings)
	$(PY) -m tools.score_urgency $(if $(RASA_URL),--rasa-url "$(RASA_URL)")

urgency-threshold: install ## the urgency classifier's offer and decide thresholds, out of fold on the allowed dev data (docs/urgency.md)
	$(PY) -m tools.urgency_threshold
