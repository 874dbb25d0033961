"""Counters kept as one row per key (a page's views of a day, a query's searches of a day): one
UPDATE per count, an INSERT for the key's first, safe when two requests count the same key at once."""

from django.db import IntegrityError, transaction
from django.db.models import F


def increment(model, key, **amounts):
    """Add `amounts` ({counter field: n}) to the row of `model` identified by `key`."""
    changes = {name: F(name) + amount for name, amount in amounts.items()}
    if model.objects.filter(**key).update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **amounts)
    except IntegrityError:  # another request created the row first
        model.objects.filter(**key).update(**changes)
