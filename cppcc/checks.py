"""Start-up checks: settings that would weaken a security control are refused, not silently used."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def audit_retention(app_configs=None, **kwargs):
    """AUDIT_RETENTION_DAYS below six months is refused (the purge would keep six months anyway)."""
    from cppcc.audit import MIN_RETENTION_DAYS

    days = getattr(settings, "AUDIT_RETENTION_DAYS", None)
    if days is None:
        return []
    if not isinstance(days, int) or isinstance(days, bool) or days < MIN_RETENTION_DAYS:
        return [Error(
            f"AUDIT_RETENTION_DAYS is {days!r}; the audit log must be kept at least {MIN_RETENTION_DAYS} days (six months).",
            hint=f"Set AUDIT_RETENTION_DAYS to {MIN_RETENTION_DAYS} or more (the default is 365).",
            id="cppcc.E001",
        )]
    return []
