"""Field labels, derived from the field table (domain.fields): `field_<name>` keys."""

from checklist.domain.fields import labelled

MESSAGES = {key: field.label for key, field in labelled()}
