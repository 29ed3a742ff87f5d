"""Model fields of the clause library."""

from django.core.exceptions import ValidationError
from django.db import models


class ListField(models.JSONField):
    """A JSON field that holds a list; a bare string or an object is refused.

    The item checks live in validators. Django skips validation of values it
    counts as empty ("", [], {}) in blank fields, so only None counts as empty
    here: a "" or {} is refused and [] still reaches the validators.
    """

    empty_values = [None]

    def validate(self, value, model_instance):
        if not isinstance(value, list):
            raise ValidationError('Enter a list, e.g. ["a", "b"].', code="not_a_list")
        super().validate(value, model_instance)
