from wirelint import Config
from wirelint.testing import PluginConformance

import wirelint_house_style


class TestHouseStyleConformance(PluginConformance):
    plugin = wirelint_house_style


class TestHouseStyleWithADeskListConformance(PluginConformance):
    plugin = wirelint_house_style
    config = Config(options={"house-style": {
        "banned-phrases": ["going forward => from now on", "world-class", "utilize => use"]}})
