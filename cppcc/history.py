"""Saving an audited row: simple-history's who and why, set by the service that makes the change.

Services also run where no request sets the history user (tasks, commands, replays), so each passes
its actor and reason here rather than relying on HistoryRequestMiddleware.
"""


def save_audited(obj, *, actor, reason, fields=None):
    """Save `obj` with the change reason and, when there is one, the acting user."""
    obj._change_reason = str(reason)
    if getattr(actor, "pk", None):
        obj._history_user = actor
    if fields is None:
        obj.save()
    else:
        obj.save(update_fields=fields)
    return obj
