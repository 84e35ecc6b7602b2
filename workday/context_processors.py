"""The count of "Việc của tôi" in the menu (lazy: computed only when a page shows it)."""

from django.utils.functional import SimpleLazyObject


def my_work_count(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        from workday.selectors import my_work_total

        return my_work_total(actor=user)

    return {"my_work_count": SimpleLazyObject(count)}
