# Hulei — the README's commands. `make run` and `make test` install what is missing, build, and go.
SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
BUILD ?= build
JOBS ?= $(shell nproc)
HULEI := $(BUILD)/hulei
DB ?= sqlite:var/hulei.db

.PHONY: all bootstrap build server web run test bench clean fmt

all: build

bootstrap:
	@scripts/bootstrap

server:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

web:
	@scripts/build-web

build: bootstrap server web

# Serve the console on http://127.0.0.1:8080 with the embedded SQLite database and the demo township.
run: build
	@mkdir -p var
	@$(HULEI) demo --db $(DB) --if-empty
	@$(HULEI) serve --db $(DB)

# Every test: unit tests, API scenarios on SQLite and PostgreSQL, console unit tests, end-to-end.
test: build
	@cd $(BUILD) && ctest --output-on-failure --timeout 1500

bench: build
	@bench/run

clean:
	rm -rf $(BUILD) web/dist
