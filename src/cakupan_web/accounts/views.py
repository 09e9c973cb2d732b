"""User management for Disnaker admins: list, add (with a one-time link), disable, new link.

Every view checks ``users.manage`` first; the writes are the same services the command line
uses (``cakupan user``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from cakupan.errors import CakupanError
from cakupan_web.access import access_permission
from cakupan_web.accounts import selectors, services
from cakupan_web.accounts.forms import UserAddForm
from cakupan_web.scoping import access_scope


def _require(request: HttpRequest) -> None:
    if not access_permission(user=request.user, permission="users.manage"):
        raise CakupanError("access.not_allowed", what="users")


def access_user_by_id(request: HttpRequest, user_id: int) -> AbstractBaseUser:
    """The user ``user_id``, for an admin who may manage users (fetch and check in one)."""
    _require(request)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise Http404
    return user


def _page(
    request: HttpRequest, form: UserAddForm, *, status: int = 200, **extra: object
) -> HttpResponse:
    context = {
        "users": selectors.user_list(), "form": form,
        "partners": selectors.partner_choices(data_dir=settings.CAKUPAN.data_dir), **extra,
    }  # fmt: skip
    return render(request, "accounts/users.html", context, status=status)


@login_required
def user_list_view(request: HttpRequest) -> HttpResponse:
    """Every user with role and scope; the form to add one (POST)."""
    _require(request)
    if request.method != "POST":
        return _page(request, UserAddForm())
    form = UserAddForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        new = services.user_add(
            username=form.cleaned_data["username"],
            role=form.cleaned_data["role"],
            area_codes=form.area_codes(),
            partner=form.cleaned_data["partner"],
            email=form.cleaned_data["email"],
            regency=settings.CAKUPAN.regency_code,
            data_dir=settings.CAKUPAN.data_dir,
        )
    except CakupanError as error:
        form.add_error(None, error.message_in(request.LANGUAGE_CODE))  # type: ignore[attr-defined]
        return _page(request, form)
    link = request.build_absolute_uri(new.setup_path)
    return _page(request, UserAddForm(), new=new, link=link)


@login_required
@require_POST
def user_disable_view(request: HttpRequest, user_id: int) -> HttpResponse:
    user = access_user_by_id(request, user_id)
    if user.pk == request.user.pk:
        raise CakupanError("user.self")
    services.user_disable(username=user.get_username())
    return _page(request, UserAddForm(), disabled=user.get_username())


@login_required
@require_POST
def user_link_view(request: HttpRequest, user_id: int) -> HttpResponse:
    user = access_user_by_id(request, user_id)
    path = services.user_setup_link(username=user.get_username())
    return _page(
        request, UserAddForm(), link=request.build_absolute_uri(path), link_for=user.get_username()
    )


@login_required
def token_view(request: HttpRequest) -> HttpResponse:
    """The signed-in user's API tokens: make a new one (shown once) or revoke them all."""
    from cakupan_web.api import services as api_services

    access_scope(user=request.user)  # a user without a scope gets no token
    made = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            api_services.token_revoke_all(user=request.user)
        else:
            made = api_services.token_issue(user=request.user)
    return render(request, "accounts/token.html", {"made": made}, status=200)
