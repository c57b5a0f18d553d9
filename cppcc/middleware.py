"""Chinese first: the browser's Accept-Language is ignored; English is a choice the person makes."""


class ChineseFirstMiddleware:
    """Runs before LocaleMiddleware: without the header, the language comes from the person's choice
    (the language cookie set by the switcher, or the admin preference) or falls back to zh-hans."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
