"""Row helpers every app's services share (proposals and consultations alike)."""


def lock(obj):
    """The row again, locked for the rest of the transaction (take locks in one order per app)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def user_or_none(actor):
    """The acting user for a foreign key: None for a system step (no actor, or AnonymousUser)."""
    return actor if getattr(actor, "pk", None) else None
