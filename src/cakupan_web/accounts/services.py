"""Writes about users."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser


def user_create_admin(*, username: str, password: str, email: str = "") -> AbstractBaseUser:
    """Create or reset the Disnaker admin (a superuser) with this password."""
    model = get_user_model()
    user, _ = model.objects.get_or_create(username=username, defaults={"email": email})
    user.is_staff = True
    user.is_superuser = True
    user.set_password(password)
    user.save()
    return user
