"""Field labels and the words of each choice, derived from the field table (domain.fields):
`field_<name>` and `choice_<field>_<value>` keys."""

from checklist.domain.fields import choice_labels, labelled

MESSAGES = {key: field.label for key, field in labelled()} | choice_labels()
