"""Writes about users: the Disnaker admin, and every other user with a role and a scope."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cakupan import areas
from cakupan.errors import InputError
from cakupan.partners import partner_suggestions
from cakupan_web.access import AREA_ROLES, PARTNER_ROLES, ROLES
from cakupan_web.accounts.models import UserScope
from cakupan_web.accounts.selectors import partner_choices


@dataclass(frozen=True)
class NewUser:
    username: str
    role: str
    areas: tuple[str, ...]
    partner: str
    setup_path: str  # a one-time link (path) where the user sets their password
    # A partner no published list or pledge names yet (it sees nothing until one does), and
    # the names it most likely means.
    partner_unknown: bool = False
    partner_suggestions: tuple[str, ...] = ()


def _setup_path(user: AbstractBaseUser) -> str:
    """The one-time link where ``user`` chooses a password: it stops working once a password
    is set (the token covers the password hash) or after ``PASSWORD_RESET_TIMEOUT``."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)  # type: ignore[arg-type]
    return reverse("accounts:setup", kwargs={"uidb64": uid, "token": token})


def user_create_admin(*, username: str, password: str, email: str = "") -> AbstractBaseUser:
    """Create or reset the Disnaker admin (a superuser) with this password."""
    model = get_user_model()
    user, _ = model.objects.get_or_create(username=username, defaults={"email": email})
    user.is_staff = True
    user.is_superuser = True
    user.set_password(password)
    user.save()
    return user


def _areas_of(role: str, codes: list[str], *, regency: str) -> tuple[str, ...]:
    if role not in AREA_ROLES:
        if codes:
            raise InputError("user.area_not_for_role", role=role)
        return ()
    if not codes:
        raise InputError("user.area_required", role=role)
    level = "kecamatan" if role == "kecamatan_operator" else "desa"
    found = []
    for code in codes:
        try:
            area = areas.get(code)
        except InputError:
            area = None
        if area is None or area.level != level or not area.code.startswith(regency + "."):
            raise InputError("user.bad_area", code=code, level=level, regency=regency)
        found.append(area.code)
    return tuple(sorted(set(found)))


def user_add(
    *,
    username: str,
    role: str,
    area_codes: list[str],
    partner: str = "",
    email: str = "",
    regency: str,
    data_dir: Path | None = None,
) -> NewUser:
    """Create a user with a role and its scope, without a password: the returned one-time
    link is where they choose one. With ``data_dir``, a partner's name is looked up in the
    published data (the account is made either way: its list may come later)."""
    if role not in ROLES:
        raise InputError("user.bad_role", role=role, roles=", ".join(ROLES))
    if role in PARTNER_ROLES and not partner.strip():
        raise InputError("user.partner_required")
    if partner and role not in PARTNER_ROLES:
        raise InputError("user.partner_not_for_role", role=role)
    scoped = _areas_of(role, area_codes, regency=regency)
    known = partner_choices(data_dir=data_dir) if partner.strip() and data_dir else ()
    unknown = bool(known) and partner.strip().upper() not in known
    model = get_user_model()
    if model.objects.filter(username=username).exists():
        raise InputError("user.exists", username=username)
    with transaction.atomic():
        user = model.objects.create_user(username=username, email=email, password=None)
        user.is_staff = role == "disnaker_admin"
        user.is_superuser = role == "disnaker_admin"
        user.save()
        UserScope.objects.create(user=user, role=role, areas=list(scoped), partner=partner)
    suggestions = partner_suggestions(partner, known) if unknown else ()
    return NewUser(username, role, scoped, partner.strip(), _setup_path(user), unknown, suggestions)


def _user(username: str) -> AbstractBaseUser:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise InputError("user.not_found", username=username)
    return user


def user_setup_link(*, username: str) -> str:
    """A new one-time link for ``username`` to choose a password (a forgotten one; the
    current password keeps working until the link is used)."""
    user = _user(username)
    if not user.is_active:
        raise InputError("user.disabled", username=username)
    return _setup_path(user)


def user_disable(*, username: str) -> None:
    """The user can no longer sign in (their records stay)."""
    user = _user(username)
    user.is_active = False
    user.save(update_fields=["is_active"])


def user_set_password(*, username: str, password: str) -> None:
    """Set a user's password (the validators of the settings apply)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = _user(username)
    try:
        validate_password(password, user)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise InputError("user.weak_password", why=" ".join(exc.messages)) from None
    user.set_password(password)
    user.save()
