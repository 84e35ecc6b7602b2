import factory
from django.contrib.auth import get_user_model

from movement.models import Unit
from movement.text import fold


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-pass-123")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    kind = Unit.Kind.AGENCY
    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm {n}")
    search_name = factory.LazyAttribute(lambda o: fold(o.name))
