from django.conf import settings


def has_staff_perm(user, perm):
    """Whether this request's user may use the staff permission `perm`.

    Staff who have it may, except that with `STAFF_REQUIRE_2FA` on they must also have
    signed in with a code: the rule the admin enforces holds on every page that shows
    staff what visitors cannot see (drafts at their address, a draft's documents).
    """
    return (
        user.is_staff
        and user.has_perm(perm)
        and (not settings.STAFF_REQUIRE_2FA or user.is_verified())
    )
