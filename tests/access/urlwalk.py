"""Find every URL the project itself defines, so the access table cannot silently miss one."""

from django.urls import URLPattern, URLResolver, get_resolver

OUR_APPS = ("cppcc", "members", "proposals", "consultations", "reports")


def _is_ours(callback):
    model = getattr(callback, "view_initkwargs", {}).get("model")
    if model is not None:
        label = model if isinstance(model, str) else model._meta.label
        return label.split(".")[0] in OUR_APPS
    module = getattr(callback, "__module__", "") or ""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        module = view_class.__module__
    return module.split(".")[0] in OUR_APPS


def our_url_names(patterns=None, namespace=""):
    names = set()
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= our_url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name and _is_ours(p.callback):
            names.add(namespace + p.name)
    return names
