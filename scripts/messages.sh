#!/usr/bin/env bash
# Updates the zh_Hans catalogues from the code and compiles them:
#   locale/zh_Hans/LC_MESSAGES/django.po    server-side messages (translations; edit this one)
#   locale/zh_Hans/LC_MESSAGES/djangojs.po  JavaScript messages (Wagtail admin's /admin/jsi18n/)
#   locale/zh_Hans/LC_MESSAGES/*.mo         compiled; committed, so `make run` needs no gettext
# Wagtail's own untranslated messages are kept in the catalogues by cppcc/locale_gaps.py and
# cppcc/locale_gaps.js.
# New or changed messages come out with an empty msgstr (or "#, fuzzy" with a guess): translate
# them, remove the fuzzy mark, run this again. tests/cppcc/test_translations.py fails until every
# entry is translated and the .mo matches the .po.
# Needs GNU gettext (Debian/Ubuntu: apt-get install gettext). Extra arguments go to makemessages.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PY:-.venv/bin/python}

if [ ! -x "$PY" ]; then
  echo "error: $PY is missing; run 'make venv' (or set PY=/path/to/python)" >&2
  exit 2
fi
for tool in xgettext msgmerge msgfmt msgattrib; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool not found; install GNU gettext (apt-get install gettext)" >&2
    exit 2
  fi
done

# The same ignores as the test that checks the catalogue is current (tests/ and bench/ hold no
# user-facing text; .venv and var are not ours).
IGNORES=(--ignore=.venv --ignore=var --ignore=tests --ignore=bench)
"$PY" manage.py makemessages -l zh_Hans "${IGNORES[@]}" "$@"
"$PY" manage.py makemessages -d djangojs -l zh_Hans "${IGNORES[@]}" "$@"
"$PY" manage.py compilemessages -l zh_Hans --ignore=.venv --ignore=var

count() { msgattrib "$@" 2>/dev/null | grep -c '^msgid ' || true; }
todo=0
for PO in locale/zh_Hans/LC_MESSAGES/django.po locale/zh_Hans/LC_MESSAGES/djangojs.po; do
  total=$(count --no-obsolete "$PO")
  untranslated=$(count --no-obsolete --untranslated "$PO")
  fuzzy=$(count --no-obsolete --only-fuzzy "$PO")
  # msgattrib counts the header as an entry (neither untranslated nor fuzzy once filled in).
  echo "$PO: $((total > 0 ? total - 1 : 0)) messages, ${untranslated:-0} untranslated, ${fuzzy:-0} fuzzy"
  if [ "${untranslated:-0}" != 0 ] || [ "${fuzzy:-0}" != 0 ]; then
    echo "  translate them (msgattrib --untranslated $PO; msgattrib --only-fuzzy $PO), then run this again" >&2
    todo=1
  fi
done
exit $todo
