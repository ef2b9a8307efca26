"""Model validation that works in every admin form, whichever fields that form shows."""

from django.core.exceptions import ValidationError


class FieldAwareClean:
    """Lets a model's clean() name the field at fault only when the form shows that field.

    A ModelForm crashes on an error keyed to a field it lacks (the admin's list page edits
    "published" or "listed" alone), so such errors become one message for the whole form.
    """

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        self._clean_exclude = set(exclude or ())
        super().full_clean(exclude, validate_unique, validate_constraints)

    def raise_field_errors(self, errors: dict[str, str], summary: str) -> None:
        if any(field in getattr(self, "_clean_exclude", ()) for field in errors):
            raise ValidationError(summary)
        if errors:
            raise ValidationError(errors)
