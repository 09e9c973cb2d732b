import pytest


@pytest.fixture
def demo_site(settings, demo_settings, demo_warehouse):
    """Django pointed at the session's demo warehouse."""
    settings.CAKUPAN = demo_settings
    return demo_settings
