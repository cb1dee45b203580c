import factory

from partnership.models import Agency, AgencyKind, Membership, RoleAssignment, S11Duty, SubCommittee, User

PASSWORD = "a-long-test-password-123"


def many(field: str) -> factory.PostGeneration:
    """A many-to-many field filled from the list given to the factory: `ThingFactory(agencies=[...])`."""

    def fill(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)

    return factory.PostGeneration(fill)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    kind = AgencyKind.HEALTH_PROVIDER
    s11_duty = S11Duty.STATUTORY


class CodedFactory(factory.django.DjangoModelFactory):
    """A record known by its code: asked for again with the same code, the factory gives the same record."""

    class Meta:
        abstract = True
        django_get_or_create = ["code"]


class NamedByCodeFactory(CodedFactory):
    """A record known by its code and named after it ("case-review": "Case Review")."""

    class Meta:
        abstract = True

    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())


class SubCommitteeFactory(NamedByCodeFactory):
    class Meta:
        model = SubCommittee

    code = factory.Sequence(lambda n: f"committee-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    agency = factory.SubFactory(AgencyFactory)

    # Hashed before the insert (one save, one history row); UserFactory(password="...") sets another.
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        for role in extracted or ():
            RoleAssignment.objects.get_or_create(user=obj, role=role)
        obj.__dict__.pop("_portal_roles", None)


def membership(user, code: str, chair: bool = False) -> Membership:
    committee = SubCommitteeFactory(code=code)
    return Membership.objects.update_or_create(user=user, subcommittee=committee, defaults={"is_chair": chair})[0]
