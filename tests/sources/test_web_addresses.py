"""One definition of a web address (``sources.listings.is_url``), asked by the inputs, the
settings' URLs and the site's public address; each caller keeps its own policy on top."""

from __future__ import annotations

import pytest

from vnmedia.errors import SettingError
from vnmedia.settings import load_settings
from vnmedia.site.address import unreachable_host
from vnmedia.sources.listings import is_url

WEB = [
    "https://vnexpress.net/thoi-su",
    "HTTP://VNEXPRESS.NET/",
    "  https://tuoitre.vn/a.htm  ",
    "https://tuoitre.vn/tin tức mới.htm",  # raw spaces and letters: clean_url quotes them
    "https://báo.vn/",  # a host in Vietnamese letters (IDNA)
    "http://203.162.4.190/tin",
    "http://[2001:db8::1]/tin",
    "http://localhost:8000/",  # a web address, though no listener reaches it
]
NOT_WEB = [
    "vnexpress.net/thoi-su",
    "ftp://vnexpress.net/",
    "file:///tmp/a.htm",
    "https:/vnexpress.net",
    "https://",
    "https://:8080/",
    "https://.vnexpress.net/",
    "https://$host/",
    "http://[::1/",
    "tin/bài.txt",
    "",
]


@pytest.mark.parametrize("text", WEB)
def test_web_addresses(text):
    assert is_url(text)


@pytest.mark.parametrize("text", NOT_WEB)
def test_not_web_addresses(text):
    assert not is_url(text)


@pytest.mark.parametrize("text", NOT_WEB)
def test_the_settings_and_the_site_refuse_what_is_not_a_web_address(text):
    with pytest.raises(SettingError, match="is not a web address"):
        load_settings(llm_url=text, config=None)
    assert unreachable_host(text) == "is not an http(s) address"


@pytest.mark.parametrize("text", WEB)
def test_the_settings_take_every_web_address(text):
    assert load_settings(llm_url=text, config=None).llm_url == text


def test_the_site_adds_its_own_policy_on_top():
    assert unreachable_host("https://vnexpress.net/podcast") is None
    assert unreachable_host("http://localhost:8000/") == "is this machine (localhost)"
    assert unreachable_host("http://[::1]/") == "is this machine (loopback)"
