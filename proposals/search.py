"""Chinese search over proposals: one rule for the admin list, the drafting hint and the public pages.

Chinese writes no spaces between words, so a full-text index that splits on spaces finds
"关于加快我县茶叶产业发展的提案" only by its whole title (docs/stack-notes.md#chinese-search). Here every term is matched with
`icontains` (a substring match, the same on SQLite and PostgreSQL), so "茶叶" finds the title.

- A search box (`search_q`): the query is split on whitespace and every part must match (AND), in any
  of the fields. A long part (a pasted title) matches either as written, or when all of its keywords
  (segmented with jieba, stopwords and one-character words dropped) match.
- The drafting hint (`similar`): the keywords of the title being typed, ORed, each proposal ranked by
  how many of them it contains (title matches weigh double), in one query.

Which fields a search looks in is the caller's: `fields` are lookups on Proposal, `related` are
querysets with an OuterRef("pk") to the proposal and one text lookup (signers' names, replies' text).
"""

import logging
import re
import threading
from functools import reduce
from operator import and_, or_

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When

# Words of nearly every title: they find everything and say nothing about the matter.
STOPWORDS = frozenset({
    "关于", "提案", "建议", "意见", "加快", "加强", "进一步", "推进", "推动", "促进", "做好", "完善", "切实",
    "我县", "我市", "我省", "我区", "我州", "全县", "全市", "全省", "本县", "本市", "县", "市",
    "发展", "工作", "问题", "对策", "有关", "方面", "的", "和", "与", "及", "等", "对", "在", "中",
    "提高", "提升", "加大", "力度", "情况", "相关", "一些", "有效",
})
LONG_PHRASE = 4  # a search-box part longer than this is also tried as its keywords
MAX_KEYWORDS = 8
HINT_LIMIT = 8
TITLE_WEIGHT, BODY_WEIGHT = 2, 1
HINT_MIN_SCORE = 2  # one keyword in the title, or two in the body

_jieba = None
_jieba_lock = threading.Lock()


def _segmenter():
    """jieba, loaded on first use (its dictionary takes a moment) and without its start-up chatter."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def parts(query: str) -> list[str]:
    """The whitespace-separated parts of a query (full-width spaces too), each once, in order."""
    seen = []
    for part in re.split(r"\s+", (query or "").strip()):
        if part and part not in seen:
            seen.append(part)
    return seen


def keywords(text: str, limit: int = MAX_KEYWORDS) -> list[str]:
    """The words of `text` that say what it is about: jieba's words minus stopwords and single characters."""
    words = []
    for chunk in parts(text):
        for word in _segmenter().lcut(chunk):
            word = word.strip()
            if len(word) < 2 or word in STOPWORDS or re.fullmatch(r"\W+", word) or word in words:
                continue
            words.append(word)
    return words[:limit]


def term_q(term: str, *, fields, related=()) -> Q:
    """`term` appears in any of the fields or in any related row (`related`: (queryset, lookup) pairs)."""
    q = reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields), Q(pk__in=[]))
    for queryset, lookup in related:
        q |= Q(Exists(queryset.filter(**{f"{lookup}__icontains": term})))
    return q


def search_q(query: str, *, fields, related=()) -> Q | None:
    """The filter of a search box: every part of the query matches somewhere (None: nothing typed)."""
    terms = parts(query)
    if not terms:
        return None
    clauses = []
    for part in terms:
        q = term_q(part, fields=fields, related=related)
        if len(part) > LONG_PHRASE:
            words = keywords(part)
            if words and words != [part]:
                q |= reduce(and_, (term_q(w, fields=fields, related=related) for w in words))
        clauses.append(q)
    return reduce(and_, clauses)


def search(queryset, query: str, *, fields, related=()):
    q = search_q(query, fields=fields, related=related)
    return queryset if q is None else queryset.filter(q)


def similar(queryset, title: str, *, title_field="title", body_fields=("situation", "suggestions"),
            limit: int = HINT_LIMIT, min_score: int = HINT_MIN_SCORE):
    """Proposals of `queryset` sharing keywords with `title`, best first, as a list (one query).

    Each keyword scores TITLE_WEIGHT when it is in the title, else BODY_WEIGHT when it is in the body;
    each result carries `.score` and `.matched` (the keywords it contains)."""
    words = keywords(title)
    if not words:
        return []
    annotations = {}
    for i, word in enumerate(words):
        in_body = reduce(or_, (Q(**{f"{f}__icontains": word}) for f in body_fields), Q(pk__in=[]))
        annotations[f"kw{i}"] = Case(
            When(Q(**{f"{title_field}__icontains": word}), then=Value(TITLE_WEIGHT)),
            When(in_body, then=Value(BODY_WEIGHT)),
            default=Value(0), output_field=IntegerField(),
        )
    # A sum of per-row CASEs (no join, so no GROUP BY): one query, the same SQL on SQLite and PostgreSQL.
    score = reduce(lambda a, b: a + b, (F(name) for name in annotations))
    qs = queryset.annotate(**annotations).annotate(score=score)
    rows = list(qs.filter(score__gte=min_score).order_by("-score", "-pk")[:limit])
    for row in rows:
        row.matched = [w for i, w in enumerate(words) if getattr(row, f"kw{i}")]
    return rows


# ---- the fields each screen searches


def _signers(**extra):
    from proposals.models import Signer

    return Signer.objects.filter(proposal=OuterRef("pk"), **extra)


ORGANISATION_FIELDS = ("party__name", "sector__name", "special_committee__name")


def admin_search(queryset, query: str):
    """The admin list: title, receipt and case numbers, the body, signers' and the organisation's names."""
    fields = ("title", "receipt_number", "case_number", "situation", "suggestions") + ORGANISATION_FIELDS
    return search(queryset, query, fields=fields, related=[(_signers(), "member__name")])


def public_search(queryset, query: str):
    """The public pages: only what they show (title, case number, body, the proposers' names) and the
    text of sent replies of cases published with their replies. Receipt numbers, invited or declined
    co-signers and unsent drafts are not public, so a search must not reveal them either."""
    from proposals.models import Reply, Signer
    from proposals.workflow import ReplyStatus

    replies = Reply.objects.filter(
        assignment__proposal=OuterRef("pk"), status=ReplyStatus.SENT,
        assignment__proposal__publications__withdrawn_at__isnull=True,
        assignment__proposal__publications__include_replies=True,
    )
    fields = ("title", "case_number", "situation", "suggestions") + ORGANISATION_FIELDS
    related = [(_signers(status=Signer.State.CONFIRMED), "member__name"), (replies, "text")]
    return search(queryset, query, fields=fields, related=related)
