from pathlib import Path

import pytest

from cakupan.errors import ConfigError
from cakupan.settings import load_settings


def test_precedence_env_over_file_over_default(tmp_path):
    config = tmp_path / "cakupan.toml"
    config.write_text('data_dir = "/from/file"\nport = 9000\n')
    s = load_settings(config_file=config, environ={"PORT": "8081"})
    assert s.data_dir == Path("/from/file")
    assert s.port == 8081
    assert s.regency_code == "35.16"
    assert load_settings(config_file=config, environ={}, port=7000).port == 7000


def test_bad_values_are_config_errors(tmp_path):
    with pytest.raises(ConfigError):
        load_settings(environ={"PORT": "eighty"})
    config = tmp_path / "cakupan.toml"
    config.write_text("no_such_setting = 1\n")
    with pytest.raises(ConfigError) as info:
        load_settings(config_file=config, environ={})
    assert info.value.code == "config.unknown_key"


def test_booleans():
    assert load_settings(environ={"CAKUPAN_DEBUG": "ya"}).debug is True
    assert load_settings(environ={"CAKUPAN_DEMO_OPEN": "0"}).demo_open is False
