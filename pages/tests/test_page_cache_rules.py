"""The page cache's rules for storing, one side effect at a time (decision 0015).

Each of these would make the stored page carry something of the first visitor's:
a cookie, a session, a CSRF token, a CSP nonce the page relies on, a message.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.csp import LazyNonce

from pages import page_cache


def _request():
    request = RequestFactory().get("/producten/paspoort-aanvragen/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._csp_nonce = LazyNonce()
    return request


def _page():
    response = HttpResponse("<p>Paspoort</p>")
    setattr(response, page_cache.CACHEABLE_ATTRIBUTE, True)
    return response


def test_an_anonymous_rendering_of_a_public_page_may_be_stored():
    assert page_cache.may_store(_request(), _page())


def test_a_response_that_is_not_a_public_wagtail_page_is_not_stored():
    assert not page_cache.may_store(_request(), HttpResponse("<p>Zoeken</p>"))


@pytest.mark.parametrize("status", [301, 404, 500])
def test_only_200_is_stored(status):
    response = _page()
    response.status_code = status
    assert not page_cache.may_store(_request(), response)


def test_a_used_nonce_is_not_stored():
    request = _request()
    str(request._csp_nonce)  # a template wrote it into a <script nonce="...">
    assert not page_cache.may_store(request, _page())


def test_a_requested_csrf_token_is_not_stored():
    from django.middleware.csrf import get_token

    request = _request()
    get_token(request)
    assert not page_cache.may_store(request, _page())


def test_a_written_session_is_not_stored():
    request = _request()
    request.session["seen"] = True
    assert not page_cache.may_store(request, _page())


def test_a_cookie_is_not_stored():
    response = _page()
    response.set_cookie("taal", "nl")
    assert not page_cache.may_store(_request(), response)


def test_pending_messages_are_neither_served_nor_stored():
    request = _request()
    request._messages.add(20, "U bent uitgelogd.")
    assert not page_cache.may_serve_with_session(request)
    assert not page_cache.may_store(request, _page())


def test_a_preview_is_neither_served_nor_stored():
    request = _request()
    request.is_dummy = True  # Page.make_preview_request
    assert not page_cache.may_serve_without_session(request)
    request.is_preview = True
    assert not page_cache.may_store(request, _page())


def test_a_plain_get_may_be_served():
    assert page_cache.may_serve_without_session(_request())


def test_a_session_or_message_cookie_waits_for_the_session_middleware():
    for cookie in ["sessionid", "messages"]:
        request = _request()
        request.COOKIES[cookie] = "x"
        assert not page_cache.may_serve_without_session(request)
        assert page_cache.may_serve_with_session(request)


@pytest.mark.parametrize("method", ["post", "head", "put", "delete"])
def test_only_get_is_served_from_the_cache(method):
    request = getattr(RequestFactory(), method)("/producten/paspoort-aanvragen/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    assert not page_cache.may_serve_without_session(request)
    request.COOKIES["sessionid"] = "x"
    assert not page_cache.may_serve_with_session(request)
