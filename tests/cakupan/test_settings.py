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


def test_settings_given_on_the_command_line_reach_other_processes(tmp_path):
    from cakupan.settings import settings_environment

    base = load_settings(environ={})
    given = load_settings(
        environ={}, regency_code="35", access_log=False, ucj_target=0.5, data_dir=tmp_path
    )
    env = settings_environment(given, base)
    assert env == {
        "CAKUPAN_REGENCY": "35", "CAKUPAN_ACCESS_LOG": "false", "CAKUPAN_UCJ_TARGET": "0.5",
        "CAKUPAN_DATA_DIR": str(tmp_path),
    }  # fmt: skip
    assert load_settings(environ=env) == given  # another process reads the same settings
