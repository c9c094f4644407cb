"""Countries and world regions as the news names them in English and Indonesian: one table, from
which the answer checks and the quote reader take their lists.

- `COUNTRIES`: every name of a country or region, and the compass words of regions ("Korea
  Utara", "Middle East"). A country tells no speaker apart and is no person asked for.
- `DEMONYMS`: nationalities as English writes them: "the Italian dairy firm" names no one.
- `COUNTRY_ALIASES`: each country's names and demonyms in both languages, one set per country, so
  a question's "Jepang" finds "Japan" and "Japanese".
"""

from __future__ import annotations

# (English names, Indonesian names, English demonyms), lower case. A name both languages write
# alike is listed once, under English.
COUNTRY_NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("us", "usa", "america", "states"), ("amerika", "as"), ("american",)),
    (("britain", "uk", "england"), ("inggris",), ("british", "english")),
    (("scotland",), ("skotlandia",), ("scottish",)),
    (("wales",), (), ("welsh",)),
    (("ireland",), ("irlandia",), ("irish",)),
    (("indonesia",), ("ri",), ("indonesian",)),
    (("china",), ("tiongkok", "cina"), ("chinese",)),
    (("japan",), ("jepang",), ("japanese",)),
    (("korea",), (), ("korean",)),
    (("india",), (), ("indian",)),
    (("pakistan",), (), ("pakistani",)),
    (("afghanistan",), (), ("afghan",)),
    (("iran",), (), ("iranian",)),
    (("iraq",), ("irak",), ("iraqi",)),
    (("syria",), ("suriah",), ("syrian",)),
    (("israel",), (), ("israeli",)),
    (("palestine",), ("palestina",), ("palestinian",)),
    (("saudi", "arabia"), ("arab",), ()),
    (("egypt",), ("mesir",), ("egyptian",)),
    (("turkey",), ("turki",), ("turkish",)),
    (("russia",), ("rusia",), ("russian",)),
    (("ukraine",), ("ukraina",), ("ukrainian",)),
    (("germany",), ("jerman",), ("german",)),
    (("france",), ("prancis", "perancis"), ("french",)),
    (("italy",), ("italia",), ("italian",)),
    (("spain",), ("spanyol",), ("spanish",)),
    (("netherlands",), ("belanda",), ("dutch",)),
    (("greece",), ("yunani",), ("greek",)),
    (("switzerland",), ("swiss",), ("swiss",)),
    (("sweden",), ("swedia",), ("swedish",)),
    (("norway",), ("norwegia",), ("norwegian",)),
    (("finland",), ("finlandia",), ("finnish",)),
    (("poland",), ("polandia",), ("polish",)),
    (("romania",), ("rumania",), ("romanian",)),
    (("malaysia",), (), ("malaysian",)),
    (("singapore",), ("singapura",), ("singaporean",)),
    (("thailand",), (), ("thai",)),
    (("vietnam",), (), ("vietnamese",)),
    (("philippines",), ("filipina",), ("filipino",)),
    (("australia",), (), ("australian",)),
    (("brazil",), ("brasil",), ("brazilian",)),
    (("canada",), ("kanada",), ("canadian",)),
    (("mexico",), ("meksiko",), ("mexican",)),
    (("portugal",), (), ("portuguese",)),
    (("belgium",), ("belgia",), ("belgian",)),
    (("denmark",), (), ("danish",)),
    (("austria",), (), ("austrian",)),
    (("hungary",), ("hongaria",), ("hungarian",)),
    (("serbia",), (), ("serbian",)),
    (("croatia",), ("kroasia",), ("croatian",)),
    (("argentina",), (), ("argentine", "argentinian")),
    (("colombia",), ("kolombia",), ("colombian",)),
    (("venezuela",), (), ("venezuelan",)),
    (("chile",), ("cile",), ("chilean",)),
    (("peru",), (), ("peruvian",)),
    (("cuba",), ("kuba",), ("cuban",)),
    (("qatar",), (), ("qatari",)),
    (("kuwait",), (), ("kuwaiti",)),
    (("lebanon",), ("libanon",), ("lebanese",)),
    (("libya",), (), ("libyan",)),
    (("yemen",), ("yaman",), ("yemeni",)),
    (("kenya",), (), ("kenyan",)),
    (("nigeria",), (), ("nigerian",)),
    (("ethiopia",), ("etiopia",), ("ethiopian",)),
    (("somalia",), (), ("somali",)),
    (("sudan",), (), ("sudanese",)),
    (("bangladesh",), (), ("bangladeshi",)),
    (("nepal",), (), ("nepalese",)),
    (("myanmar", "burma"), (), ("burmese",)),
    (("cambodia",), ("kamboja",), ("cambodian",)),
    (("laos",), (), ("laotian",)),
    (("taiwan",), (), ("taiwanese",)),
    (("mongolia",), (), ("mongolian",)),
    (("europe",), ("eropa",), ("european",)),
    (("asia",), (), ("asian",)),
    (("africa",), ("afrika",), ("african",)),
    # "New Zealand" is "Selandia Baru": "new" and "baru" are aliased in assistant.name_match.
    (("zealand",), ("selandia",), ()),
    (("morocco",), ("maroko",), ("moroccan",)),
    (("algeria",), ("aljazair",), ("algerian",)),
    (("tunisia",), (), ("tunisian",)),
    (("czech",), ("ceko",), ()),
    (("slovakia",), ("slowakia",), ("slovak",)),
    (("slovenia",), (), ("slovenian",)),
    (("bulgaria",), (), ("bulgarian",)),
    (("bosnia",), (), ("bosnian",)),
    (("albania",), (), ("albanian",)),
    (("lithuania",), ("lituania",), ("lithuanian",)),
    (("latvia",), (), ("latvian",)),
    (("estonia",), (), ("estonian",)),
    (("iceland",), ("islandia",), ("icelandic",)),
    (("luxembourg",), ("luksemburg",), ()),
    (("cyprus",), ("siprus",), ("cypriot",)),
    (("vatican",), ("vatikan",), ()),
    (("belarus",), (), ("belarusian",)),
    (("kazakhstan",), (), ("kazakh",)),
    (("uzbekistan",), (), ("uzbek",)),
    (("uae",), ("emirat", "uea"), ("emirati",)),
    (("bahrain",), (), ()),
    (("oman",), (), ()),
    (("brunei",), (), ()),
    (("maldives",), ("maladewa",), ()),
    (("congo",), ("kongo",), ("congolese",)),
    (("cameroon",), ("kamerun",), ("cameroonian",)),
    (("ghana",), (), ("ghanaian",)),
    (("senegal",), (), ("senegalese",)),
    (("uganda",), (), ("ugandan",)),
    (("tanzania",), (), ("tanzanian",)),
    (("rwanda",), (), ("rwandan",)),
    (("zimbabwe",), (), ("zimbabwean",)),
    (("jamaica",), ("jamaika",), ("jamaican",)),
    (("uruguay",), (), ("uruguayan",)),
    (("paraguay",), (), ("paraguayan",)),
    (("ecuador",), ("ekuador",), ("ecuadorian",)),
    (("bolivia",), (), ("bolivian",)),
)  # fmt: skip

# The rows of COUNTRY_NAMES that are continents: they hold countries rather than stand beside them.
CONTINENTS = frozenset({"europe", "asia", "africa"})
# The compass words of regions: "North Korea", "Korea Selatan", "Timur Tengah".
REGION_WORDS = frozenset({"north", "south", "middle", "east", "utara", "selatan", "timur", "tengah"})  # fmt: skip

COUNTRIES = (
    frozenset(name for english, indonesian, _ in COUNTRY_NAMES for name in english + indonesian)
    | REGION_WORDS
)
DEMONYMS = frozenset(demonym for _, _, demonyms in COUNTRY_NAMES for demonym in demonyms)
COUNTRY_ALIASES = tuple(
    frozenset(english + indonesian + demonyms) for english, indonesian, demonyms in COUNTRY_NAMES
)
