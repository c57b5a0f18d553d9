"""The audited write: simple-history's who and why, set by the service that makes the change.

Services also run where no request sets the history user (tasks, commands, imports, replays), so each
passes its actor and a translatable reason here rather than relying on HistoryRequestMiddleware or
setting `_change_reason` by hand: the reason is what readers see in a record's history.
"""


def stamp(obj, *, actor, reason):
    """Set the who and why of `obj`'s next history row (a save, a delete or a many-to-many change)."""
    obj._change_reason = str(reason)
    if getattr(actor, "pk", None):
        obj._history_user = actor
    return obj


def save_audited(obj, *, actor, reason, fields=None):
    """Save `obj` with the change reason and, when there is one, the acting user."""
    stamp(obj, actor=actor, reason=reason)
    if fields is None:
        obj.save()
    else:
        obj.save(update_fields=fields)
    return obj


def delete_audited(obj, *, actor, reason):
    """Delete `obj`; its last history row says who deleted it and why."""
    stamp(obj, actor=actor, reason=reason)
    obj.delete()
