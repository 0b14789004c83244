"""A test-only country resolver: a few dozen countries by name, demonym and capital.

It keeps the event coder's tests independent of the state of the actors knowledge base.
"""

from __future__ import annotations

import re
from typing import Any

from dateline.model import Actor

# code -> words that name the country (or group) in our test sentences
NAMES: dict[str, list[str]] = {
    "USA": [
        "United States",
        "U.S.",
        "American",
        "Americans",
        "Washington",
        "Pentagon",
        "Obama administration",
        "Kerry",
        "administration",
    ],
    "IRN": ["Iran", "Iranian", "Tehran"],
    "IRQ": ["Iraq", "Iraqi", "Baghdad"],
    "RUS": ["Russia", "Russian", "Russians", "Moscow", "Kremlin"],
    "UKR": ["Ukraine", "Ukrainian", "Kyiv"],
    "CHN": ["China", "Chinese", "Beijing"],
    "ISR": ["Israel", "Israeli"],
    "PSE": ["Palestinian", "Palestinians", "Hamas", "Gaza"],
    "SYR": ["Syria", "Syrian"],
    "TUR": ["Turkey", "Turkish"],
    "FRA": ["France", "French"],
    "DEU": ["Germany", "German"],
    "GBR": ["Britain", "British", "London"],
    "JPN": ["Japan", "Japanese"],
    "KOR": ["South Korea", "South Korean"],
    "PRK": ["North Korea", "North Korean"],
    "IND": ["India", "Indian"],
    "PAK": ["Pakistan", "Pakistani"],
    "AFG": ["Afghanistan", "Afghan", "Taliban"],
    "EGY": ["Egypt", "Egyptian"],
    "SAU": ["Saudi Arabia", "Saudi"],
    "NGA": ["Nigeria", "Nigerian"],
    "KEN": ["Kenya", "Kenyan"],
    "ETH": ["Ethiopia", "Ethiopian"],
    "SDN": ["Sudan", "Sudanese"],
    "MLI": ["Mali", "Malian"],
    "LBN": ["Lebanon", "Lebanese"],
    "JOR": ["Jordan", "Jordanian"],
    "YEM": ["Yemen", "Yemeni"],
    "MEX": ["Mexico", "Mexican"],
    "COL": ["Colombia", "Colombian"],
    "VEN": ["Venezuela", "Venezuelan"],
    "BRA": ["Brazil", "Brazilian"],
    "QAT": ["Qatar"],
    "POL": ["Poland", "Polish"],
    "MAR": ["Morocco"],
    "BGD": ["Bangladesh"],
    "PHL": ["Philippines"],
    "AZE": ["Azerbaijan", "Azerbaijani"],
    "ARM": ["Armenia", "Armenian"],
    "SOM": ["Somalia", "Somali", "Al Shabaab"],
    "GHA": ["Ghana"],
    "GEO": ["Georgia", "Georgian"],
    "THA": ["Thai"],
    "MMR": ["Myanmar"],
    "BLR": ["Belarus"],
    "DZA": ["Algeria"],
    "ESP": ["Spain"],
    "NOR": ["Norway"],
    "ARG": ["Argentina", "Argentine"],
    "ITA": ["Italy"],
    "NLD": ["Dutch"],
    "SWE": ["Sweden"],
    "FIN": ["Finland"],
    "ZAF": ["South Africa", "South African"],
    "AUS": ["Australia"],
    "HUN": ["Hungary"],
    "SRB": ["Serbia", "Serbian"],
    "XKX": ["Kosovo"],
    "TWN": ["Taiwan"],
    "GUY": ["Guyana"],
    "CAN": ["Canada"],
    "LTU": ["Lithuania"],
    "NIC": ["Nicaragua"],
    "ECU": ["Ecuador"],
    "BHR": ["Bahrain"],
    "KAZ": ["Kazakhstan"],
    "UGA": ["Ugandan"],
    "CHL": ["Chilean"],
    "PER": ["Peru"],
    "IRL": ["Irish"],
    "NER": ["Nigerien"],
    "GTM": ["Guatemala"],
    "LKA": ["Sri Lanka"],
    "ARE": ["United Arab Emirates"],
    "LBY": ["Libya", "Libyan"],
    "ESTONIA": [],
    "ISIS": ["Islamic State", "ISIS", "militants"],
    "NATO": ["NATO"],
    "EU": ["European Union"],
    "IAEA": ["inspectors"],
    "HKG": ["Hong Kong"],
}
GROUPS = {"ISIS", "NATO", "EU", "IAEA"}


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    pairs = [(name, code) for code, names in NAMES.items() for name in names]
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)"), c) for n, c in pairs]


PATTERNS = _patterns()


def tiny_resolve_text(
    text: str, *, on: Any = None, context_country: str | None = None
) -> Actor | None:
    """Test-only resolver: the first country or group named in ``text``."""
    best: tuple[int, str] | None = None
    for pattern, code in PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code)
    if best is None:
        return None
    code = best[1]
    if code in GROUPS:
        return Actor(id=code.lower(), name=code, country=None, code=code, kind="group")
    return Actor(id=code.lower(), name=code, country=code, code=code, kind="state")
