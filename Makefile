# Recueil: `make site` builds the site into site/, `make test` runs every test.
# Both install what they need first (a virtualenv with pinned packages, the offline search
# shim from the npm registry, Debian's Chromium for the browser tests).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
JOBS ?= 2
SHIM := docs/assets/vendor/iframe-worker/shim.js
IFRAME_WORKER := 1.0.4
IFRAME_WORKER_SHA512 := roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q==
export NO_MKDOCS_2_WARNING := 1
export RECUEIL_SEEDS := $(abspath $(SEEDS))
export RECUEIL_JOBS := $(JOBS)

.PHONY: site test serve candidates browser clean lock bench

site: $(BIN)/.installed $(SHIM)
	@# Build into a fresh folder, then swap: a failed build leaves the previous site/ untouched.
	rm -rf .cache/site-new
	$(BIN)/mkdocs build --strict --quiet --site-dir .cache/site-new
	rm -rf site && mv .cache/site-new site
	@echo "Site built in site/ (open site/index.html, or serve it)"

test: $(BIN)/.installed $(SHIM) browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Synthetic collections of 200 and 2,000 texts, built side by side with stock Material
# (about 10 minutes on 2 cores); BENCH_SIZES=20,200 for a quick look.
BENCH_SIZES ?= 200,2000
bench: $(BIN)/.installed $(SHIM) browser
	$(BIN)/python tests/bench.py --sizes $(BENCH_SIZES)

serve: $(BIN)/.installed $(SHIM)
	$(BIN)/mkdocs serve

# Accept anchors that shifted (see seeds/anchors.lock): rebuild and record what they name now.
lock: $(BIN)/.installed $(SHIM)
	RECUEIL_LOCK=update $(MAKE) site

candidates: $(BIN)/.installed
	$(BIN)/python -m converters candidates $(SEEDS)

$(BIN)/.installed: requirements.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

# The offline plugin loads iframe-worker's shim from a CDN; we bring it from the npm
# registry instead, pinned and checked against its published integrity.
$(SHIM):
	mkdir -p .cache/npm $(dir $(SHIM))
	cd .cache/npm && npm pack --silent iframe-worker@$(IFRAME_WORKER) >/dev/null
	@test "$$($(PY) -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' .cache/npm/iframe-worker-$(IFRAME_WORKER).tgz)" = "$(IFRAME_WORKER_SHA512)" \
		|| (echo "iframe-worker-$(IFRAME_WORKER).tgz: integrity mismatch" >&2; exit 1)
	tar -xzf .cache/npm/iframe-worker-$(IFRAME_WORKER).tgz -C .cache/npm package/shim/index.js
	cp .cache/npm/package/shim/index.js $@

browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null)

clean:
	rm -rf site .cache $(VENV) docs/assets/vendor
