"""User management in the web: a Disnaker admin adds a user, who sets a password through a
one-time link; other roles cannot manage users."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(demo_site, django_user_model):
    from cakupan_web.accounts.services import user_create_admin

    return user_create_admin(username="kadis", password="kopi-tubruk-jatim-2026")


def test_admin_adds_a_user_who_sets_a_password_once(client, admin):
    client.force_login(admin)
    page = client.get("/accounts/users/").content.decode()
    assert "kadis" in page and 'name="role"' in page
    response = client.post(
        "/accounts/users/",
        {"username": "siti", "role": "desa_operator", "areas": "35.16.17.2001", "partner": ""},
    )
    html = response.content.decode()
    link = re.search(r'<code class="link">http://testserver(/accounts/setup/[^<]+)</code>', html)
    assert response.status_code == 200 and link, html[-2000:]
    client.logout()
    # The link leads to a form (Django redirects to a session URL that hides the token).
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "sate-ayam-ponorogo-77", "new_password2": "sate-ayam-ponorogo-77"},
    )
    assert done.status_code == 302
    signed_in = client.post("/login/", {"username": "siti", "password": "sate-ayam-ponorogo-77"})
    assert signed_in.status_code == 302
    client.logout()
    # Used once: the same link no longer works.
    again = client.get(link.group(1), follow=True).content.decode()
    assert 'name="new_password1"' not in again


def test_bad_input_is_explained_not_lost(client, admin):
    client.force_login(admin)
    response = client.post(
        "/accounts/users/", {"username": "budi", "role": "desa_operator", "areas": "35.16.17"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "35.16.17" in html and 'value="budi"' in html
    assert "budi" not in [line for line in re.findall(r"<td>([^<]+)</td>", html)]


def test_admin_can_issue_a_new_link_and_disable(client, admin, django_user_model):
    from cakupan_web.accounts.services import user_add

    user_add(username="op", role="executive", area_codes=[], regency="35.16")
    target = django_user_model.objects.get(username="op")
    client.force_login(admin)
    page = client.post(f"/accounts/users/{target.pk}/link/").content.decode()
    assert "/accounts/setup/" in page
    client.post(f"/accounts/users/{target.pk}/disable/")
    target.refresh_from_db()
    assert not target.is_active


def test_a_partner_is_given_a_name_its_data_carries(client, admin):
    client.force_login(admin)
    page = client.get("/accounts/users/").content.decode()
    assert 'list="partners"' in page and '<option value="BRI">' in page  # the names offered
    added = client.post(
        "/accounts/users/", {"username": "bri1", "role": "partner", "partner": "Bank BRI"}
    ).content.decode()
    # made (the bank's list may come later), but the admin is told it would see nothing yet
    assert 'data-testid="setup-link"' in added and 'data-testid="partner-unknown"' in added
    assert "<strong>BRI</strong>" in added
    added = client.post(
        "/accounts/users/", {"username": "bri2", "role": "partner", "partner": "bri"}
    ).content.decode()
    assert 'data-testid="setup-link"' in added and "partner-unknown" not in added
