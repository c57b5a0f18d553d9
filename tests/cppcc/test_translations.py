"""Chinese by default, English selectable: the zh_Hans catalogues are complete, compiled, current, used.

locale/zh_Hans/LC_MESSAGES/django.po also carries Wagtail's and django-filter's messages that their
own zh_Hans catalogues leave untranslated (cppcc/locale_gaps.py keeps them there); djangojs.po does
the same for Wagtail's admin JavaScript (cppcc/locale_gaps.js). Update both with scripts/messages.sh.
"""

import ast
import gettext
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.users.models import UserProfile

from cppcc import locale_gaps
from tests import factories

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUES = BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
# What scripts/messages.sh hands to makemessages (and the directories it walks).
MAKEMESSAGES_IGNORES = [".venv", "var", "tests", "bench"]


def parse_po(path):
    """The entries of a .po file (obsolete ones aside), header included, as dicts.

    Just enough of the format for makemessages' output: comments, flags, msgctxt, msgid,
    msgid_plural, msgstr / msgstr[n], and continuation lines.
    """
    entries, entry, field = [], None, None

    def new():
        return {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}}

    def close():
        nonlocal entry
        if entry is not None and entry["msgid"] is not None:
            entries.append(entry)
        entry = new()

    entry = new()
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
            field = None
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if entry["msgid"] is not None:
                close()
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if entry["msgid"] is not None:
                close()
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
        else:
            keyword, _, literal = line.partition(" ")
            value = ast.literal_eval(literal)
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                entry["msgstr"][index] = value
                field = ("msgstr", index)
            else:
                if keyword in ("msgctxt", "msgid") and entry["msgid"] is not None:
                    close()
                entry[keyword] = value
                field = (keyword,)
    close()
    return entries


def messages(path):
    return [e for e in parse_po(path) if e["msgid"] != ""]


def key(entry):
    return (entry["msgctxt"], entry["msgid"], entry["msgid_plural"])


def describe(entry):
    text = repr(entry["msgid"])
    if entry["msgctxt"]:
        text = f"[{entry['msgctxt']}] {text}"
    return text


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_translated_and_none_is_fuzzy(domain):
    po = CATALOGUES / f"{domain}.po"
    entries = parse_po(po)
    header = [e for e in entries if e["msgid"] == ""]
    assert header and "Plural-Forms: nplurals=1; plural=0;" in header[0]["msgstr"][0]
    assert "fuzzy" not in header[0]["flags"], "the header is marked fuzzy: msgfmt would drop it"

    untranslated = [
        describe(e)
        for e in messages(po)
        if "fuzzy" in e["flags"] or not e["msgstr"] or not all(s.strip() for s in e["msgstr"].values())
    ]
    assert not untranslated, (
        f"{len(untranslated)} entries of locale/zh_Hans/LC_MESSAGES/{po.name} are untranslated or fuzzy: "
        "translate them, remove '#, fuzzy', run scripts/messages.sh:\n  " + "\n  ".join(untranslated)
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_plural_entries_have_exactly_one_form(domain):
    wrong = [
        describe(e)
        for e in messages(CATALOGUES / f"{domain}.po")
        if e["msgid_plural"] is not None and sorted(e["msgstr"]) != [0]
    ]
    assert not wrong, "Chinese has one plural form (msgstr[0] only): " + ", ".join(wrong)


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_po(domain):
    po, mo = CATALOGUES / f"{domain}.po", CATALOGUES / f"{domain}.mo"
    assert mo.exists(), f"{mo.name} is missing: run scripts/messages.sh (committed: `make run` needs no gettext)"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    catalog = compiled._catalog  # msgid -> msgstr, or (msgid, n) -> msgstr for plural forms

    expected = {}
    for e in messages(po):
        msgid = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if e["msgid_plural"] is None:
            expected[msgid] = e["msgstr"].get(0, "")
        else:
            for n, text in e["msgstr"].items():
                expected[(msgid, n)] = text

    stale = [repr(k) for k, text in expected.items() if catalog.get(k) != text]
    extra = [repr(k) for k in catalog if k != "" and k not in expected]
    assert not stale and not extra, (
        f"{mo.name} does not match {po.name}; run scripts/messages.sh (compilemessages).\n"
        f"  differing or missing in .mo: {stale[:20]}\n  only in .mo: {extra[:20]}"
    )
    # The header made it into the .mo: Chinese has one plural form, used for every count.
    assert compiled.info().get("language") == "zh_Hans"
    assert {compiled.plural(n) for n in (0, 1, 2, 5)} == {0}


def _gettext_available():
    return all(shutil.which(tool) for tool in ("xgettext", "msguniq", "msgmerge", "msgattrib"))


def _copy_sources(target):
    """The project as makemessages walks it (hidden entries and the ignores left out), minus locale/."""
    skip = {"locale", "__pycache__", *MAKEMESSAGES_IGNORES}

    def ignore(directory, names):
        return [n for n in names if n in skip or n.startswith(".") or n.startswith("db.sqlite3")]

    for path in BASE_DIR.iterdir():
        if path.name in ignore(BASE_DIR, [path.name]):
            continue
        if path.is_dir():
            shutil.copytree(path, target / path.name, ignore=ignore)
        else:
            shutil.copy2(path, target / path.name)


def test_catalogue_is_current(tmp_path):
    """Running makemessages now would neither add nor drop a message: nobody forgot to run it."""
    if not _gettext_available():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("GNU gettext is not installed, but CI must check the catalogue is current")
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")

    _copy_sources(tmp_path)
    copied = tmp_path / CATALOGUES.relative_to(BASE_DIR)
    copied.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["DJANGO_SETTINGS_MODULE"] = "cppcc.settings.test"
    ignores = [f"--ignore={name}" for name in MAKEMESSAGES_IGNORES]
    problems = []
    for domain in DOMAINS:
        shutil.copy2(CATALOGUES / f"{domain}.po", copied / f"{domain}.po")
        result = subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-d", domain, "-l", "zh_Hans", *ignores],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        ours = {key(e) for e in messages(CATALOGUES / f"{domain}.po")}
        fresh = {key(e) for e in messages(copied / f"{domain}.po")}
        added = sorted(repr(k[1]) for k in fresh - ours)
        dropped = sorted(repr(k[1]) for k in ours - fresh)
        if added or dropped:
            problems.append(f"{domain}.po\n  new in the code: {added}\n  no longer in the code: {dropped}")
    assert not problems, (
        "locale/zh_Hans/LC_MESSAGES is out of date with the code: run scripts/messages.sh and translate "
        "what it adds.\n" + "\n".join(problems)
    )


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_admin_is_chinese_by_default_and_english_when_chosen(client, administrator, committee):
    factories.member(committee)
    client.force_login(administrator)

    page = _page(client, "/admin/members/")
    assert 'lang="zh-hans"' in page
    assert "委员" in page
    assert "下载XLSX" in page and "下载CSV" in page  # the export buttons
    assert "Download XLSX" not in page
    assert "按“委员编号”升序排列。" in page  # a sort link: a Wagtail message filled in by us

    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()

    page = _page(client, "/admin/members/")
    assert 'lang="en"' in page
    assert "Members" in page
    assert "Download XLSX" in page
    assert "in ascending order." in page
    assert "下载XLSX" not in page and "委员编号" not in page


@pytest.mark.django_db
def test_admin_javascript_catalogue_fills_wagtail_gaps(client, administrator):
    client.force_login(administrator)
    body = client.get("/admin/jsi18n/").content.decode()
    assert json.dumps("正在自动保存…")[1:-1] in body  # only in our djangojs catalogue
    assert json.dumps("Autosave in progress…")[1:-1] in body  # its key


@pytest.mark.django_db
def test_account_page_offers_english(client, administrator):
    client.force_login(administrator)
    page = _page(client, "/admin/account/")
    assert 'value="en"' in page and "English" in page
    assert "简体中文" in page


def _translate(gap):
    return translation.gettext(gap) if isinstance(gap, str) else str(gap)


def test_wagtail_gaps_are_chinese():
    with translation.override("en"):
        english = [_translate(g) for g in locale_gaps.GAPS]
    with translation.override("zh-hans"):
        assert translation.gettext("Sort by '%(label)s' in ascending order.") == "按“%(label)s”升序排列。"
        assert translation.gettext("(blank)") == "（空白）"
        assert translation.gettext("No %(model_name)s match your query.") == "没有符合查询条件的%(model_name)s。"
        assert translation.gettext("Refresh") == "刷新"
        assert translation.gettext("%s (descending)") == "%s（降序）"  # django-filter ships zh_CN only
        assert translation.ngettext("Moved up 1 place.", "Moved up %(counter)s places.", 3) == "上移了 %(counter)s 位。"

        chinese = [_translate(g) for g in locale_gaps.GAPS]
    assert len(locale_gaps.GAPS) > 300
    # Every gap with words in it comes out translated, with no English words left (a few are only
    # placeholders and punctuation, and stay as they are).
    worded = [(e, c) for e, c in zip(english, chinese) if _has_words(e)]
    not_chinese = [e for e, c in worded if c == e or _has_words(c)]
    assert not not_chinese, f"not Chinese under zh-hans: {not_chinese}"


def _has_words(text):
    """English words outside placeholders, HTML tags and the names that stay in Latin letters."""
    text = re.sub(r"%\(\w+\)[sd]|%s|\{\w+\}|<[^>]+>|Wagtail|JavaScript", "", text)
    return bool(re.search(r"[A-Za-z]{2,}", text))
