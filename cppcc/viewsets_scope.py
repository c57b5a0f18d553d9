"""Narrowing admin object look-ups to the scope of the permission policy."""


class ScopedObjectMixin:
    """History and usage views look objects up by pk only; narrow them to the user's scope too."""

    def get_base_object_queryset(self):
        queryset = super().get_base_object_queryset()
        scope = getattr(self.permission_policy, "scope", None)
        return scope(self.request.user, queryset) if scope else queryset
