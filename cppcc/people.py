"""How a person is shown: by name, never by user name ("发起人: 张三", not "发起人: chair").

Accounts keep the person's name in first_name (members.services writes the member's name there when
it opens an account; the demo and the security administrator's forms do the same). `install` makes
that the account's text everywhere Django or Wagtail print a user (lists, inspect pages, histories,
job lists), so no template can show a user name by accident; the user name is still shown where it
is the thing being managed (the account screens print the username field itself).
"""


def person_name(user) -> str:
    """The person's name; the user name only for an account that has none (a bare technical account)."""
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.get_username()


def install() -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if getattr(User.__str__, "_cppcc_person_name", False):
        return

    def __str__(self):
        return person_name(self)

    __str__._cppcc_person_name = True
    User.__str__ = __str__
