"""Errors the proposal services raise; views show their message to the person who acted."""


class TransitionError(Exception):
    """The action is not possible now: wrong state, a window closed, a rule of the settings says no.

    Bad input (a missing field, a text too long) is a django ValidationError instead, so forms can
    put it next to the field; a wrong person is django's PermissionDenied.
    """

    def __init__(self, message, *, params=None, action=None, state=None):
        self.template = message
        self.params = params or {}
        self.action = action
        self.state = state
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = str(self.template)
        return text % self.params if self.params else text

    def __str__(self):
        return self.message
