from django import template

from workday.history import object_type_label, verb_label

register = template.Library()


@register.filter
def audit_verb(verb: str) -> str:
    return verb_label(verb)


@register.filter
def audit_object_type(object_type: str) -> str:
    return object_type_label(object_type)
