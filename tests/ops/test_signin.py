"""Sign-in hardening: lockout after repeated failures (django-axes), two-step TOTP sign-in, the TOTP
requirement for staff roles, and the admin's login going through the same door."""

import base64
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from movement.models import AuditEvent, Role
from ops import twofactor
from tests.ops.helpers import PASSWORD, with_password


def code_for(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def client():
    return Client(HTTP_ACCEPT_LANGUAGE="vi")


@pytest.fixture(autouse=True)
def _no_otp_backoff(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's per-device back-off is tested by django-otp


@pytest.fixture
def clerk(make_user, thanh_hoa):
    return with_password(make_user(Role.DATA_ENTRY, thanh_hoa))


@pytest.fixture
def clerk_with_device(clerk):
    device = TOTPDevice.objects.create(user=clerk, name="phone", confirmed=True)
    return clerk, device


def login(client, username, password=PASSWORD, next_url=""):
    data = {"username": username, "password": password}
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


# Lockout ------------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_with_a_vietnamese_page(client, clerk, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        response = login(client, clerk.username, "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    response = login(client, clerk.username, "wrong-password")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # Even the right password is refused while locked, and the user is not signed in.
    response = login(client, clerk.username)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_per_account_and_address_and_a_success_resets_the_count(client, clerk, make_user):
    other = with_password(make_user())
    for _attempt in range(4):
        login(client, clerk.username, "wrong-password")
    assert login(client, other.username).status_code == 302  # another account from the same address
    assert login(client, clerk.username).status_code == 302  # 4 failures < 5: still allowed, and resets
    client.logout()
    for _attempt in range(4):
        assert login(client, clerk.username, "wrong-password").status_code == 200


def test_test_client_login_still_works_with_axes(client, clerk):
    assert client.login(username=clerk.username, password=PASSWORD)


# Two-step sign-in ---------------------------------------------------------------------------------


def test_user_with_a_device_is_not_signed_in_until_the_code(client, clerk_with_device):
    clerk, device = clerk_with_device
    response = login(client, clerk.username, next_url="/areas/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert SESSION_KEY not in client.session
    page = client.get("/accounts/login/code/")
    assert "Mã đăng nhập" in page.content.decode()

    response = client.post("/accounts/login/code/", {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    assert SESSION_KEY not in client.session

    response = client.post("/accounts/login/code/", {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/areas/"
    assert client.session[SESSION_KEY] == str(clerk.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_a_code_is_accepted_only_once(client, clerk_with_device):
    clerk, device = clerk_with_device
    login(client, clerk.username)
    token = code_for(device)
    assert client.post("/accounts/login/code/", {"token": token}).status_code == 302
    client.logout()
    login(client, clerk.username)
    response = client.post("/accounts/login/code/", {"token": token})
    assert response.status_code == 200 and SESSION_KEY not in client.session


def test_code_step_without_a_password_step_goes_back_to_sign_in(client, clerk_with_device):
    response = client.get("/accounts/login/code/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


def test_pending_sign_in_expires(client, clerk_with_device):
    clerk, device = clerk_with_device
    login(client, clerk.username)
    session = client.session
    session[twofactor.PENDING_SESSION_KEY]["started"] -= twofactor.PENDING_MAX_AGE + 1
    session.save()
    response = client.post("/accounts/login/code/", {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert SESSION_KEY not in client.session


def test_wrong_codes_count_as_failed_sign_ins_and_lock_out(client, clerk_with_device):
    clerk, device = clerk_with_device
    wrong = "000000" if code_for(device) != "000000" else "111111"
    login(client, clerk.username)
    statuses = [client.post("/accounts/login/code/", {"token": wrong}).status_code for _ in range(5)]
    assert statuses[-1] == 429
    assert SESSION_KEY not in client.session
    assert login(client, clerk.username).status_code == 429


def test_next_url_to_another_site_is_ignored(client, clerk_with_device):
    clerk, device = clerk_with_device
    login(client, clerk.username, next_url="https://evil.example/")
    response = client.post("/accounts/login/code/", {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/"


# Requirement for staff roles ----------------------------------------------------------------------


@pytest.fixture
def otp_required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True


def test_staff_without_device_is_sent_to_enrolment_when_required(client, clerk, otp_required):
    assert login(client, clerk.username).status_code == 302
    response = client.get("/areas/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?next=")
    api = client.get("/api/v1/units/")
    assert api.status_code == 403 and api.json()["code"] == "otp_required"


def test_staff_can_browse_without_device_when_optional(client, clerk):
    assert login(client, clerk.username).status_code == 302
    assert client.get("/areas/").status_code == 200
    assert client.get("/api/v1/units/").status_code == 200


def test_viewer_is_not_required_to_use_two_factor(client, make_user, thanh_hoa, otp_required):
    viewer = with_password(make_user(Role.VIEWER, thanh_hoa))
    assert login(client, viewer.username).status_code == 302
    assert client.get("/areas/").status_code == 200


@pytest.mark.parametrize("role", [Role.APPROVER, Role.POLICE_REVIEWER, Role.NATIONAL_ADMIN])
def test_every_staff_role_is_required_to_use_two_factor(client, make_user, thanh_hoa, otp_required, role):
    user = with_password(make_user(role, None if role == Role.NATIONAL_ADMIN else thanh_hoa))
    client.force_login(user)
    assert client.get("/areas/").status_code == 302


def test_enrolment_shows_the_key_and_a_code_turns_it_on(client, clerk, otp_required):
    client.force_login(clerk)
    page = client.get("/accounts/two-factor/?next=/areas/")
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in html and "otpauth://totp/" in html
    assert "Vai trò của bạn bắt buộc đăng nhập hai bước" in html

    response = client.post("/accounts/two-factor/", {"token": code_for(device), "next": "/areas/"})
    assert response.status_code == 302 and response["Location"] == "/areas/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/areas/").status_code == 200  # the session is verified now
    event = AuditEvent.objects.get(verb="otp_device_confirm")
    assert event.actor == clerk and device.key not in str(event.after)


def test_enrolment_with_a_wrong_code_confirms_nothing(client, clerk):
    client.force_login(clerk)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=clerk)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post("/accounts/two-factor/", {"token": wrong})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed


def test_signed_in_staff_with_unverified_session_is_sent_to_the_code_step(client, clerk_with_device, otp_required):
    clerk, device = clerk_with_device
    client.force_login(clerk)  # e.g. a session opened some other way
    response = client.get("/areas/")
    assert response["Location"].startswith("/accounts/login/code/")
    response = client.post(response["Location"], {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/areas/"
    assert client.get("/areas/").status_code == 200


def test_optional_user_can_switch_two_factor_off_with_a_code(client, clerk_with_device):
    clerk, device = clerk_with_device
    client.force_login(clerk)
    response = client.post("/accounts/two-factor/", {"action": "remove", "token": code_for(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clerk).exists()


def test_required_user_cannot_switch_two_factor_off(client, clerk_with_device, otp_required):
    clerk, device = clerk_with_device
    client.force_login(clerk)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.post("/accounts/two-factor/", {"action": "remove", "token": code_for(device)})
    assert TOTPDevice.objects.filter(user=clerk, confirmed=True).exists()


def test_http_basic_is_refused_for_accounts_with_two_factor(api, clerk_with_device):
    clerk, _device = clerk_with_device
    credentials = base64.b64encode(f"{clerk.username}:{PASSWORD}".encode()).decode()
    client = api()
    response = client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code in (401, 403)
    assert "hai bước" in response.json()["detail"]


def test_http_basic_still_works_for_other_accounts(api, make_user, thanh_hoa):
    viewer = with_password(make_user(Role.VIEWER, thanh_hoa))
    credentials = base64.b64encode(f"{viewer.username}:{PASSWORD}".encode()).decode()
    response = api().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 200


def test_admin_login_goes_through_the_portal_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
