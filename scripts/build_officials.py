"""Write the curated table of office holders ``officials.tsv`` (kind ``person``).

The Phoenix dictionaries (2014) lack the leaders of the last decade. This script keeps the
knowledge as readable Python data -- one entry per person with name variants and dated terms
of office -- expands it into rows in the format described in
``src/redline/actors/data/README.md`` and writes sorted, deterministic TSV.

    python scripts/build_officials.py [--out src/redline/actors/data/officials.tsv]
    python scripts/build_officials.py --uncertain     # list the approximate dates

Entry notation (see :data:`PEOPLE`)::

    P("Display Name", "Variant one|Variant two", "CODE SECTOR START..END", ..., home=None)

- The display name is always a pattern; ``variants`` adds ``|``-separated surface forms
  (transliterations, full names, the bare surname where it is distinctive in world news).
  Any variant with diacritics also gets its accent-folded spelling ("Erdoğan" -> "Erdogan").
- A term is ``CODE SECTOR START..END`` with inclusive ISO dates; an empty side is open
  (``USA GOV 2025-01-20..`` = still in office). A ``~`` before a date marks it approximate
  (the day or month is not known exactly; the 1st of the month is used) -- run
  ``--uncertain`` to list them. For minor officials seen in the news whose start of office
  is unknown, the start is the first day of the month in which the post is attested.
- Every person also gets a fallback row (both dates empty) with sector ``ELI`` (former
  official / elite) so that mentions outside any term still map to the country. Its code is
  ``home`` or else the code of the last term listed; ``fallback`` overrides the sector (used
  for leaders of armed groups, whose group sector is constant: ``REB``, ``UAF``, ``CRM``).

Codes are ISO-3166 alpha-3 (checked against ``iso3166.tsv`` when present), ``WST`` or
Phoenix-style IGO codes (``IGOUNO`` United Nations, ``IGOWSTNAT`` NATO, ``IGOEUREEC`` the EU,
``IGOAFRAFU`` the African Union, and the UN agency codes used in ``igos.tsv``).
Armed groups take the country they fight in: Taliban ``AFG REB`` (``AFG GOV`` from
2021-08-15), Hamas ``PSE REB``, Hezbollah ``LBN REB``, Houthis ``YEM REB``, al-Shabab
``SOM REB``, Islamic State ``IRQ UAF`` (IS-Somalia ``SOM UAF``).

Sectors are CAMEO codes: ``GOV`` (executive, ministers incl. defence, diplomats), ``MIL``
(serving officers), ``LEG`` (legislators), ``JUD`` (judges, prosecutors), ``OPP``
(opposition leaders), ``PTY`` (party officials), ``REB``/``UAF``/``CRM`` (armed groups).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "src/redline/actors/data"
DEFAULT_OUT = DATA_DIR / "officials.tsv"
HEADER = ("pattern", "code", "sector", "start", "end", "name", "kind")
KIND = "person"

Row = tuple[str, str, str, str, str, str, str]

# Single-token patterns that would be ambiguous in world news: never a pattern on their own.
AMBIGUOUS_SURNAMES = frozenset({
    "kim", "lee", "park", "wang", "li", "khan", "ali", "singh", "johnson", "smith", "lopez",
    "jones", "kelly", "scott", "brown", "wood", "lai", "moon", "han", "cho", "chang", "choi",
    "shin", "kang", "chen", "zhang", "liu", "yang", "wu", "sun", "ahmed", "mohamed", "mohammed",
    "muhammad", "hassan", "hussein", "abdullah", "sharif", "may", "ford", "austin", "jackson",
    "williams", "taylor", "davis", "garcia", "martinez", "rodriguez", "fernandez", "gonzalez",
    "sanchez", "costa", "silva", "santos", "michel", "charles", "cohen", "katz", "herzog",
    "bennett", "russell", "rashid", "salman", "tamim", "khalifa", "mahmoud", "abbas", "ahmad",
})  # fmt: skip

# Letters that Unicode decomposition does not fold to ASCII.
_EXTRA_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d"})


@dataclass(frozen=True)
class Term:
    """One dated term: ``code``/``sector`` hold from ``start`` to ``end`` (inclusive)."""

    code: str
    sector: str
    start: str
    end: str
    approximate: bool


@dataclass(frozen=True)
class Person:
    name: str
    variants: tuple[str, ...]
    terms: tuple[Term, ...]
    home: str | None
    fallback: str

    @property
    def fallback_code(self) -> str:
        if self.home:
            return self.home
        return self.terms[-1].code


_TERM = re.compile(
    r"^(?P<code>[A-Z]{3,})\s+(?P<sector>[A-Z]{3})\s+"
    r"(?P<sa>~?)(?P<start>\d{4}-\d{2}-\d{2})?\.\.(?P<ea>~?)(?P<end>\d{4}-\d{2}-\d{2})?$"
)


def parse_term(text: str) -> Term:
    """Parse ``CODE SECTOR START..END`` (either date may be empty or start with ``~``)."""
    m = _TERM.match(text.strip())
    if not m:
        raise ValueError(f"bad term {text!r}")
    start, end = m["start"] or "", m["end"] or ""
    if not start and not end:
        raise ValueError(f"term {text!r} needs at least one date (the fallback is undated)")
    for d in (start, end):
        if d:
            date.fromisoformat(d)
    if start and end and start > end:
        raise ValueError(f"term {text!r} ends before it starts")
    return Term(m["code"], m["sector"], start, end, bool(m["sa"] or m["ea"]))


def P(  # noqa: N802 - a short constructor keeps the tables readable
    name: str,
    variants: str = "",
    *terms: str,
    home: str | None = None,
    fallback: str = "ELI",
) -> Person:
    """One person: display name, ``|``-separated variants, terms, optional home code."""
    parsed = tuple(parse_term(t) for t in terms)
    if not parsed and not home:
        raise ValueError(f"{name}: a person without terms needs a home code")
    names = tuple(v.strip() for v in variants.split("|") if v.strip())
    return Person(name, names, parsed, home, fallback)


# ---------------------------------------------------------------------------------------------
# The table. Terms are listed in chronological order; "~" marks approximate dates.
# ---------------------------------------------------------------------------------------------

# fmt: off
PEOPLE: tuple[Person, ...] = (
    # ===== United States =========================================================================
    P("Donald Trump", "Donald J. Trump|Donald John Trump|Trump",
      "USA GOV 2017-01-20..2021-01-20", "USA GOV 2025-01-20.."),
    P("Joe Biden", "Joseph Biden|Joseph R. Biden|Joseph R. Biden Jr.|Biden",
      "USA LEG 1973-01-03..2009-01-15", "USA GOV 2009-01-20..2017-01-20",
      "USA GOV 2021-01-20..2025-01-20"),
    P("Barack Obama", "Barack Hussein Obama|Obama",
      "USA LEG 2005-01-03..2008-11-16", "USA GOV 2009-01-20..2017-01-20"),
    P("Richard Nixon", "Richard M. Nixon|Nixon",
      "USA GOV 1953-01-20..1961-01-20", "USA GOV 1969-01-20..1974-08-09"),
    P("Mike Pence", "Michael Pence", "USA GOV 2017-01-20..2021-01-20"),
    P("Kamala Harris", "", "USA LEG 2017-01-03..2021-01-18", "USA GOV 2021-01-20..2025-01-20"),
    P("JD Vance", "J.D. Vance|J. D. Vance|James David Vance",
      "USA LEG 2023-01-03..2025-01-10", "USA GOV 2025-01-20.."),
    P("Marco Rubio", "Rubio", "USA LEG 2011-01-03..2025-01-20", "USA GOV 2025-01-21.."),
    P("Antony Blinken", "Tony Blinken|Blinken",
      "USA GOV 2015-01-09..2017-01-20", "USA GOV 2021-01-26..2025-01-20"),
    P("Mike Pompeo", "Michael Pompeo|Pompeo",
      "USA LEG 2011-01-03..2017-01-22", "USA GOV 2017-01-23..2021-01-20"),
    P("Rex Tillerson", "Tillerson", "USA GOV 2017-02-01..2018-03-31"),
    P("Jim Mattis", "James Mattis|Mattis",
      "USA MIL ..2013-03-22", "USA GOV 2017-01-20..2019-01-01"),
    P("Mark Esper", "Esper", "USA GOV 2017-11-20..2020-11-09"),
    P("Lloyd Austin", "Lloyd J. Austin|Lloyd J. Austin III",
      "USA MIL ..2016-04-05", "USA GOV 2021-01-22..2025-01-20"),
    P("Pete Hegseth", "Peter Hegseth|Hegseth", "USA GOV 2025-01-25.."),
    P("Jake Sullivan", "", "USA GOV 2021-01-20..2025-01-20"),
    P("Robert O'Brien", "Robert O’Brien|Robert C. O'Brien", "USA GOV 2018-05-25..2021-01-20"),
    # NSA until 2025-05-01; confirmed as UN ambassador in September 2025.
    P("Mike Waltz", "Michael Waltz",
      "USA LEG 2019-01-03..2025-01-19", "USA GOV 2025-01-20..2025-05-01",
      "USA GOV ~2025-09-19.."),
    P("Steve Witkoff", "Steven Witkoff|Witkoff", "USA GOV 2025-01-20.."),
    P("Scott Bessent", "Bessent", "USA GOV 2025-01-28.."),
    P("Howard Lutnick", "Lutnick", "USA GOV 2025-02-21.."),
    P("Kevin Hassett", "Hassett", "USA GOV 2017-09-13..2019-06-30", "USA GOV 2025-01-20.."),
    P("Kristi Noem", "Noem", "USA LEG 2011-01-03..2019-01-03", "USA GOV 2019-01-05.."),
    P("Karoline Leavitt", "", "USA GOV 2025-01-20.."),
    P("Jim Risch", "James Risch|James E. Risch", "USA LEG 2009-01-03.."),
    P("Pete Ricketts", "", "USA GOV 2015-01-08..2023-01-05", "USA LEG 2023-01-23.."),
    P("Chuck Grassley", "Charles Grassley", "USA LEG 1975-01-03.."),
    P("Jeanne Shaheen", "", "USA LEG 2009-01-03.."),
    P("Michael McCaul", "Mike McCaul", "USA LEG 2005-01-03.."),
    P("Jason Crow", "", "USA LEG 2019-01-03.."),
    P("Glenn Ivey", "", "USA LEG 2023-01-03.."),
    P("Derrick Van Orden", "", "USA LEG 2023-01-03.."),
    P("Andy Barr", "", "USA LEG 2013-01-03.."),
    P("Andy Levin", "", "USA LEG 2019-01-03..2023-01-03"),
    P("Stephen Biegun", "Steve Biegun|Stephen E. Biegun", "USA GOV 2018-08-23..2021-01-20"),
    P("Alex Wong", "", "USA GOV ~2017-11-01..2021-01-20", "USA GOV 2025-01-20..~2025-05-01"),
    P("Mark Lambert", "", "USA GOV ~2015-01-01.."),  # State Dept Korea director 2015, NK envoy
    P("Matthew Palmer", "", "USA GOV ~2021-05-01.."),  # attested (VOA 2021-05)
    P("Robert Wood", "", "USA GOV ~2014-01-01.."),  # disarmament ambassador, then deputy at UN
    P("Jacob Gutwillig", "", "USA JUD ~2025-03-01.."),  # federal prosecutor, attested
    P("Dave Goldfein", "David Goldfein|David L. Goldfein|Goldfein", "USA MIL ..2020-08-06"),
    P("Charles Q. Brown", "Charles Brown|Charles Q. Brown Jr.|CQ Brown|C.Q. Brown",
      "USA MIL ..2025-02-21"),
    P("Richard Armitage", "", "USA GOV 2001-03-26..2005-02-22"),
    # Former officials quoted as analysts: fallback only.
    P("Steven Pifer", "", home="USA"),
    P("Thomas Countryman", "", home="USA"),
    P("Evans Revere", "", home="USA"),
    P("Gary Samore", "", home="USA"),
    P("Bruce Klingner", "", home="USA"),
    # ===== Russia ================================================================================
    P("Vladimir Putin", "Vladimir V. Putin|Vladimir Vladimirovich Putin|Putin",
      "RUS GOV 1999-08-09.."),
    P("Dmitry Medvedev", "Dmitri Medvedev|Dmitry Anatolyevich Medvedev|Medvedev",
      "RUS GOV 2005-11-14.."),
    P("Mikhail Mishustin", "Mishustin", "RUS GOV 2020-01-16.."),
    P("Sergey Lavrov", "Sergei Lavrov|Sergey Viktorovich Lavrov|Lavrov", "RUS GOV 2004-03-09.."),
    P("Sergei Shoigu", "Sergey Shoigu|Sergei Shoygu|Shoigu", "RUS GOV 1994-01-10.."),
    P("Andrei Belousov", "Andrey Belousov|Belousov", "RUS GOV 2013-05-24.."),
    P("Dmitry Peskov", "Dmitri Peskov|Peskov", "RUS GOV 2012-05-22.."),
    P("Maria Zakharova", "Zakharova", "RUS GOV 2015-08-10.."),
    P("Vassily Nebenzia", "Vasily Nebenzia|Vassily Nebenzya|Vasily Nebenzya|Nebenzia",
      "RUS GOV 2017-07-27.."),
    P("Sergei Ryabkov",
      "Sergey Ryabkov|Ryabkov Sergey Alexeevich|Sergey Alexeevich Ryabkov|Ryabkov",
      "RUS GOV ~2008-01-01.."),
    # Career diplomat; ambassador to South Korea by 2023 (earlier posts at the MFA).
    P("Georgi Zinoviev", "Georgy Zinoviev|Georgiy Zinoviev|Georgy Zinovyev|Georgi Zinovyev",
      "RUS GOV ~2015-01-01.."),
    # ===== China =================================================================================
    P("Xi Jinping", "Xi", "CHN GOV 2008-03-15.."),
    P("Li Keqiang", "", "CHN GOV 2008-03-17..2023-03-11"),
    P("Li Qiang", "", "CHN GOV 2023-03-11.."),
    P("Wang Yi", "", "CHN GOV 2013-03-16.."),
    P("Qin Gang", "", "CHN GOV 2021-07-28..2023-07-25"),
    P("Wei Fenghe", "", "CHN MIL ..2018-03-18", "CHN GOV 2018-03-19..2023-03-12"),
    P("Li Shangfu", "", "CHN MIL ..2023-03-11", "CHN GOV 2023-03-12..2023-10-24"),
    P("Dong Jun", "", "CHN MIL ..2023-12-28", "CHN GOV 2023-12-29.."),
    P("Wang Wentao", "", "CHN GOV 2020-12-26.."),
    P("Mao Ning", "", "CHN GOV ~2022-09-01.."),
    P("Geng Shuang", "", "CHN GOV ~2015-09-01.."),
    P("Fu Cong", "", "CHN GOV ~2018-07-01.."),
    P("Ma Zhaoxu", "", "CHN GOV ~2010-01-01.."),
    P("Wu Haitao", "", "CHN GOV ~2016-01-01.."),
    P("Anthony Chau", "", "HKG JUD ~2025-03-01.."),  # Hong Kong prosecutor, attested
    # ===== Taiwan ================================================================================
    P("Ma Ying-jeou", "", "TWN GOV 2008-05-20..2016-05-20"),
    P("Tsai Ing-wen", "", "TWN GOV 2016-05-20..2024-05-20"),
    P("Lai Ching-te", "William Lai|William Lai Ching-te",
      "TWN GOV 2017-09-08..2019-01-14", "TWN GOV 2020-05-20.."),
    P("Lin Chuan", "", "TWN GOV 2016-05-20..2017-09-08"),
    P("Su Tseng-chang", "", "TWN GOV 2019-01-14..2023-01-31"),
    P("Chen Chien-jen", "", "TWN GOV 2016-05-20..2020-05-20", "TWN GOV 2023-01-31..2024-05-20"),
    P("Cho Jung-tai", "", "TWN GOV 2024-05-20.."),
    # ===== United Kingdom ========================================================================
    P("Elizabeth II", "Queen Elizabeth II", "GBR GOV 1952-02-06..2022-09-08"),
    P("King Charles III", "Charles III|King Charles", "GBR GOV 2022-09-08.."),
    P("Theresa May", "", "GBR GOV 2010-05-12..2019-07-24"),
    P("Boris Johnson", "", "GBR GOV 2016-07-13..2018-07-09", "GBR GOV 2019-07-24..2022-09-06"),
    P("Liz Truss", "Elizabeth Truss", "GBR GOV 2014-07-15..2022-10-25"),
    P("Rishi Sunak", "Sunak", "GBR GOV 2020-02-13..2022-07-05",
      "GBR GOV 2022-10-25..2024-07-05", "GBR OPP 2024-07-06..2024-11-02"),
    P("Keir Starmer", "Sir Keir Starmer|Starmer",
      "GBR OPP 2020-04-04..2024-07-04", "GBR GOV 2024-07-05.."),
    P("David Cameron", "", "GBR GOV 2010-05-11..2016-07-13", "GBR GOV 2023-11-13..2024-07-05"),
    P("Dominic Raab", "", "GBR GOV 2019-07-24..2023-04-21"),
    P("Jeremy Hunt", "", "GBR GOV 2018-07-09..2019-07-24", "GBR GOV 2022-10-14..2024-07-05"),
    P("James Cleverly", "", "GBR GOV 2022-09-06..2024-07-05"),
    # Foreign secretary 2024-07-05..2025-09-05, then deputy prime minister and justice secretary.
    P("David Lammy", "Lammy", "GBR OPP 2021-11-29..2024-07-04", "GBR GOV 2024-07-05.."),
    P("Yvette Cooper", "", "GBR GOV 2024-07-05.."),  # home sec., foreign sec. from 2025-09-05
    P("Ben Wallace", "", "GBR GOV 2019-07-24..2023-08-31"),
    P("Grant Shapps", "", "GBR GOV 2019-07-24..2022-09-06", "GBR GOV 2022-10-19..2024-07-05"),
    P("John Healey", "", "GBR OPP ~2020-04-01..2024-07-04", "GBR GOV 2024-07-05.."),
    P("Robert Jenrick", "", "GBR GOV 2019-07-24..2021-09-15",
      "GBR GOV 2022-10-25..2023-12-06", "GBR OPP 2024-11-04.."),
    P("Nigel Farage", "Farage", "GBR LEG 2024-07-04.."),
    P("James Kariuki", "", "GBR GOV ~2022-01-01.."),  # deputy UN ambassador
    # ===== France ================================================================================
    P("François Hollande", "Hollande", "FRA GOV 2012-05-15..2017-05-14"),
    P("Emmanuel Macron", "Macron", "FRA GOV 2014-08-26..2016-08-30", "FRA GOV 2017-05-14.."),
    P("Édouard Philippe", "Edouard Philippe", "FRA GOV 2017-05-15..2020-07-03"),
    P("Jean Castex", "", "FRA GOV 2020-07-03..2022-05-16"),
    P("Élisabeth Borne", "Elisabeth Borne",
      "FRA GOV 2017-05-17..2024-01-09", "FRA GOV 2024-12-23..~2025-10-05"),
    P("Gabriel Attal", "", "FRA GOV 2018-10-16..2024-09-05"),
    P("Michel Barnier", "Barnier",
      "FRA GOV 2004-03-31..2005-06-02", "IGOEUREEC GOV 2010-02-10..2014-10-31",
      "IGOEUREEC GOV 2016-10-01..~2021-02-28", "FRA GOV 2024-09-05..2024-12-13"),
    P("François Bayrou", "Bayrou", "FRA GOV 2024-12-13..2025-09-09"),
    P("Sébastien Lecornu", "Lecornu", "FRA GOV 2017-06-21.."),  # armed forces 2022, PM 2025-09
    P("Jean-Yves Le Drian", "Le Drian", "FRA GOV 2012-05-16..2022-05-20"),
    P("Catherine Colonna", "", "FRA GOV 2022-05-20..2024-01-11"),
    P("Stéphane Séjourné", "", "FRA GOV 2024-01-11..2024-09-21",
      "IGOEUREEC GOV 2024-12-01.."),
    P("Jean-Noël Barrot", "", "FRA GOV 2022-07-04.."),  # foreign minister from 2024-09-21
    P("Florence Parly", "", "FRA GOV 2017-06-21..2022-05-20"),
    P("Catherine Vautrin", "", "FRA GOV 2024-01-11.."),  # armed forces from ~2025-10-12
    P("Michel Duclos", "", home="FRA"),
    P("Jean-Marc Simon", "", home="FRA"),
    # ===== Germany ===============================================================================
    P("Angela Merkel", "Merkel", "DEU GOV 2005-11-22..2021-12-08"),
    P("Olaf Scholz", "Scholz", "DEU GOV 2018-03-14..2025-05-06"),
    P("Friedrich Merz", "Merz", "DEU OPP 2022-01-31..2025-05-05", "DEU GOV 2025-05-06.."),
    P("Frank-Walter Steinmeier", "Steinmeier",
      "DEU GOV 2013-12-17..2017-01-27", "DEU GOV 2017-03-19.."),
    P("Heiko Maas", "", "DEU GOV 2013-12-17..2021-12-08"),
    P("Annalena Baerbock", "Baerbock",
      "DEU GOV 2021-12-08..2025-05-06", "IGOUNO GOV 2025-09-09.."),
    P("Johann Wadephul", "Wadephul", "DEU GOV 2025-05-06.."),
    P("Annegret Kramp-Karrenbauer", "", "DEU GOV 2019-07-17..2021-12-08"),
    P("Christine Lambrecht", "", "DEU GOV 2019-06-27..2023-01-19"),
    P("Boris Pistorius", "Pistorius", "DEU GOV 2023-01-19.."),
    P("Christian Lindner", "", "DEU GOV 2021-12-08..2024-11-07"),
    # ===== Italy =================================================================================
    P("Sergio Mattarella", "Mattarella", "ITA GOV 2015-02-03.."),
    P("Paolo Gentiloni", "", "ITA GOV 2014-10-31..2018-06-01",
      "IGOEUREEC GOV 2019-12-01..2024-11-30"),
    P("Giuseppe Conte", "", "ITA GOV 2018-06-01..2021-02-13"),
    P("Mario Draghi", "Draghi",
      "IGOEUREEC GOV 2011-11-01..2019-10-31", "ITA GOV 2021-02-13..2022-10-22"),
    P("Giorgia Meloni", "Meloni", "ITA GOV 2022-10-22.."),
    P("Luca Zaia", "", "ITA GOV 2010-04-07..~2025-12-01"),  # Veneto; successor elected 2025-11
    # ===== Japan =================================================================================
    P("Akihito", "Emperor Akihito", "JPN GOV 1989-01-07..2019-04-30"),
    P("Naruhito", "Emperor Naruhito", "JPN GOV 2019-05-01.."),
    P("Shinzo Abe", "Shinzō Abe", "JPN GOV 2006-09-26..2007-09-26",
      "JPN GOV 2012-12-26..2020-09-16"),
    P("Yoshihide Suga", "", "JPN GOV 2012-12-26..2021-10-04"),
    P("Fumio Kishida", "Kishida", "JPN GOV 2012-12-26..2017-08-03",
      "JPN GOV 2021-10-04..2024-10-01"),
    P("Shigeru Ishiba", "Ishiba", "JPN GOV 2024-10-01..2025-10-21"),
    P("Sanae Takaichi", "Takaichi", "JPN GOV 2025-10-21.."),
    P("Yoshimasa Hayashi", "", "JPN GOV 2021-11-10..2023-09-13",
      "JPN GOV 2023-12-14..2025-10-21"),
    P("Yoko Kamikawa", "", "JPN GOV 2023-09-13..2024-10-01"),
    P("Takeshi Iwaya", "", "JPN GOV 2015-10-07..2016-08-03", "JPN GOV 2024-10-01..2025-10-21"),
    P("Toshimitsu Motegi", "", "JPN GOV 2019-09-11..2021-11-04", "JPN GOV 2025-10-21.."),
    P("Minoru Kihara", "", "JPN GOV 2023-09-13..2024-10-01", "JPN GOV 2025-10-21.."),
    P("Gen Nakatani", "", "JPN GOV 2024-10-01..2025-10-21"),
    P("Shinjiro Koizumi", "", "JPN GOV 2019-09-11..2021-10-04", "JPN GOV ~2025-05-21.."),
    # ===== South Korea ===========================================================================
    P("Park Geun-hye", "", "KOR GOV 2013-02-25..2017-03-10"),
    P("Moon Jae-in", "", "KOR GOV 2017-05-10..2022-05-09"),
    # Prosecutor general 2019-2021; president from 2022-05-10, suspended after impeachment
    # on 2024-12-14 and removed by the Constitutional Court on 2025-04-04.
    P("Yoon Suk Yeol", "Yoon Suk-yeol|Yoon Seok-youl|Yoon Suk-yol",
      "KOR JUD 2019-07-25..2021-03-04", "KOR GOV 2022-05-10..2025-04-04"),
    P("Lee Jae-myung", "Lee Jae-myeong", "KOR GOV 2018-07-01..2021-10-25",
      "KOR OPP 2022-08-28..2025-06-03", "KOR GOV 2025-06-04.."),
    P("Han Duck-soo", "Han Deok-su", "KOR GOV 2022-05-21..2025-05-01"),
    P("Choi Sang-mok", "", "KOR GOV 2023-12-29..2025-05-01"),
    P("Kim Min-seok", "", "KOR GOV ~2025-07-03.."),
    # National security adviser from early 2024, then special adviser until the end of the Yoon
    # administration; before that ambassador to Russia and first vice foreign minister.
    P("Chang Ho-jin", "Jang Ho-jin", "KOR GOV ~2022-07-01..2025-06-03"),
    P("Kang Kyung-wha", "", "KOR GOV 2017-06-18..2021-02-08"),
    P("Chung Eui-yong", "", "KOR GOV 2017-05-21..2020-07-03", "KOR GOV 2021-02-09..2022-05-11"),
    P("Park Jin", "", "KOR GOV 2022-05-12..2024-01-12"),
    P("Cho Tae-yul", "", "KOR GOV ~2024-01-12..~2025-07-19"),
    P("Cho Hyun", "", "KOR GOV ~2025-07-19.."),
    P("Lee Jong-sup", "", "KOR GOV 2022-05-10..2023-10-06"),
    P("Shin Won-sik", "", "KOR GOV ~2023-10-07..2025-06-03"),  # defence, NSA from 2024-08
    P("Kim Yong-hyun", "", "KOR GOV 2022-05-10..2024-12-05"),
    P("Ahn Gyu-back", "Ahn Gyu-baek", "KOR GOV ~2025-07-25.."),
    P("Joonkook Hwang", "Hwang Joon-kook|Hwang Joonkook", "KOR GOV ~2022-08-01.."),
    P("Ji Seong-ho", "", "KOR LEG 2020-05-30..2024-05-29"),
    P("Ban Ki-moon", "", "KOR GOV 2004-01-17..2006-11-10", "IGOUNO GOV 2007-01-01..2016-12-31"),
    # ===== North Korea ===========================================================================
    P("Kim Jong-il", "", "PRK GOV 1994-07-08..2011-12-17"),
    P("Kim Jong-un", "Kim Jong-Un|Kim Jongun|Kim Jong-eun", "PRK GOV 2011-12-17.."),
    P("Kim Yo-jong", "", "PRK GOV ~2014-11-01.."),
    P("Choe Son-hui", "", "PRK GOV ~2016-01-01.."),  # foreign minister from 2022-06
    P("Kang Sun-nam", "", "PRK GOV ~2022-06-01..~2024-10-01"),
    P("No Kwang-chol", "", "PRK GOV ~2024-10-01.."),
    P("Pak Jong-chon", "", "PRK MIL ~2019-09-01.."),
    P("Kim Song", "Song Kim", "PRK GOV ~2014-09-01.."),  # UN ambassador
    # ===== Ukraine ===============================================================================
    P("Petro Poroshenko", "Poroshenko", "UKR GOV 2014-06-07..2019-05-20", "UKR LEG 2019-08-29.."),
    P("Volodymyr Zelenskyy",
      "Volodymyr Zelensky|Volodymyr Zelenskiy|Volodymyr Zelenskyi|Vladimir Zelensky|"
      "Zelenskyy|Zelensky|Zelenskiy",
      "UKR GOV 2019-05-20.."),
    P("Volodymyr Groysman", "Volodymyr Hroisman", "UKR GOV 2016-04-14..2019-08-29"),
    P("Oleksiy Honcharuk", "", "UKR GOV 2019-08-29..2020-03-04"),
    P("Denys Shmyhal", "Denis Shmygal|Shmyhal", "UKR GOV 2020-02-04.."),
    P("Yulia Svyrydenko", "Yuliia Svyrydenko|Svyrydenko", "UKR GOV 2021-11-04.."),
    P("Dmytro Kuleba", "Kuleba", "UKR GOV 2019-08-29..2024-09-05"),
    P("Andrii Sybiha", "Andriy Sybiha|Andrii Sybiga|Sybiha", "UKR GOV ~2016-02-01.."),
    P("Oleksii Reznikov", "Oleksiy Reznikov|Reznikov", "UKR GOV 2020-03-04..2023-09-05"),
    P("Rustem Umerov", "Umerov", "UKR LEG 2019-08-29..2022-09-06", "UKR GOV 2022-09-07.."),
    P("Andriy Yermak", "Andrii Yermak|Yermak", "UKR GOV 2019-05-21..~2025-11-28"),
    P("Pavlo Palisa", "", "UKR MIL ..~2024-09-30", "UKR GOV ~2024-10-01.."),
    P("Valerii Zaluzhnyi", "Valeriy Zaluzhnyi|Valery Zaluzhny|Zaluzhnyi|Zaluzhny",
      "UKR MIL ..2024-02-08", "UKR GOV 2024-03-07.."),
    P("Oleksandr Syrskyi", "Oleksandr Syrsky|Syrskyi", "UKR MIL ~2019-08-01.."),
    # ===== Israel and Palestine ==================================================================
    P("Benjamin Netanyahu", "Binyamin Netanyahu|Bibi Netanyahu|Netanyahu",
      "ISR GOV 1996-06-18..1999-07-06", "ISR GOV 2009-03-31..2021-06-13",
      "ISR OPP 2021-06-14..2022-12-28", "ISR GOV 2022-12-29.."),
    P("Naftali Bennett", "", "ISR GOV 2021-06-13..2022-06-30"),
    P("Yair Lapid", "Lapid", "ISR GOV 2021-06-13..2022-12-29", "ISR OPP 2022-12-30.."),
    P("Reuven Rivlin", "", "ISR GOV 2014-07-24..2021-07-07"),
    P("Isaac Herzog", "", "ISR GOV 2021-07-07.."),
    P("Israel Katz", "", "ISR GOV 2009-03-31..2021-06-13", "ISR GOV 2022-12-29.."),
    P("Gideon Sa'ar", "Gideon Saar|Gideon Sa’ar",
      "ISR GOV 2021-06-13..2022-12-29", "ISR GOV ~2024-09-29.."),
    P("Yoav Gallant", "", "ISR GOV 2015-05-14..2021-06-13", "ISR GOV 2022-12-29..2024-11-07"),
    P("Benny Gantz", "Gantz", "ISR MIL 2011-02-14..2015-02-16", "ISR GOV 2020-05-17..2022-12-29",
      "ISR GOV 2023-10-11..2024-06-09"),
    P("Meir Ben-Shabbat", "", "ISR GOV ~2017-08-01..~2021-07-01"),
    P("Mahmoud Abbas", "Abu Mazen", "PSE GOV 2005-01-15.."),
    P("Ismail Haniyeh", "Ismail Haniya|Haniyeh",
      "PSE GOV 2006-03-29..2007-06-14", "PSE REB 2007-06-15..2024-07-31"),
    P("Yahya Sinwar", "Sinwar", "PSE REB 2017-02-13..2024-10-16", fallback="REB"),
    P("Mohammed Deif", "Mohammad Deif", home="PSE", fallback="REB"),
    # ===== Lebanon, Yemen ========================================================================
    P("Hassan Nasrallah", "Hasan Nasrallah|Nasrallah", "LBN REB 1992-02-16..2024-09-27",
      fallback="REB"),
    P("Naim Qassem", "Naim Kassem|Naim Qasim", "LBN REB ~1991-01-01..", fallback="REB"),
    P("Abdul-Malik al-Houthi", "Abdul Malik al-Houthi|Abdulmalik al-Houthi",
      "YEM REB ~2004-09-01..", fallback="REB"),
    # ===== Iran ==================================================================================
    P("Ali Khamenei", "Ayatollah Ali Khamenei|Ayatollah Khamenei|Khamenei",
      "IRN GOV 1981-10-13.."),
    P("Hassan Rouhani", "Hassan Rohani|Rouhani", "IRN GOV 2013-08-03..2021-08-03"),
    P("Ebrahim Raisi", "Ebrahim Raeisi|Raisi",
      "IRN JUD 2019-03-07..2021-07-01", "IRN GOV 2021-08-03..2024-05-19"),
    P("Mohammad Mokhber", "", "IRN GOV 2021-08-08..2024-07-28"),
    P("Masoud Pezeshkian", "Pezeshkian", "IRN LEG 2008-05-28..2024-07-27",
      "IRN GOV 2024-07-28.."),
    P("Mohammad Javad Zarif", "Javad Zarif|Zarif",
      "IRN GOV 2013-08-15..2021-08-25", "IRN GOV 2024-08-01..2025-03-02"),
    P("Hossein Amir-Abdollahian", "Hossein Amirabdollahian|Amir-Abdollahian",
      "IRN GOV 2021-08-25..2024-05-19"),
    P("Ali Bagheri Kani", "", "IRN GOV ~2021-09-01.."),
    P("Abbas Araghchi", "Abbas Araqchi|Araghchi|Araqchi", "IRN GOV ~2013-09-01.."),
    P("Mohammad Reza Gharaei Ashtiani", "Mohammad-Reza Gharaei Ashtiani|Gharaei Ashtiani",
      "IRN GOV 2021-08-25..2024-08-21"),
    P("Aziz Nasirzadeh", "", "IRN MIL ..2024-08-20", "IRN GOV 2024-08-21.."),
    P("Kazem Gharibabadi", "", "IRN GOV ~2024-09-01.."),
    # ===== Turkey ================================================================================
    P("Recep Tayyip Erdoğan", "Tayyip Erdoğan|Erdoğan", "TUR GOV 2003-03-14.."),
    P("Binali Yıldırım", "", "TUR GOV 2016-05-24..2018-07-09"),
    P("Mevlüt Çavuşoğlu", "Çavuşoğlu|Mevlut Cavusolgu",
      "TUR GOV 2014-08-29..2015-08-28", "TUR GOV 2015-11-24..2023-06-04"),
    P("Hakan Fidan", "Fidan", "TUR GOV 2010-05-27.."),
    P("Hulusi Akar", "", "TUR MIL ..2018-07-09", "TUR GOV 2018-07-10..2023-06-04",
      "TUR LEG 2023-06-05.."),
    P("Yaşar Güler", "", "TUR MIL ..2023-06-03", "TUR GOV 2023-06-04.."),
    P("İbrahim Kalın", "", "TUR GOV ~2014-12-01.."),  # spokesman, intelligence chief from 2023
    P("Fahrettin Altun", "", "TUR GOV 2018-07-24..~2025-06-01"),
    P("Mesut Casin", "Mesut Hakkı Caşın", "TUR GOV ~2019-11-01.."),  # presidential adviser
    P("Mithat Rende", "", home="TUR"),
    P("Cem Gurdeniz", "Cem Gürdeniz", home="TUR"),
    # ===== India =================================================================================
    P("Narendra Modi", "Narendra Damodardas Modi|Modi", "IND GOV 2001-10-07.."),
    P("Ram Nath Kovind", "", "IND GOV 2017-07-25..2022-07-25"),
    P("Droupadi Murmu", "", "IND GOV 2022-07-25.."),
    P("Subrahmanyam Jaishankar", "S. Jaishankar|Jaishankar",
      "IND GOV 2015-01-29..2018-01-28", "IND GOV 2019-05-30.."),
    P("Sushma Swaraj", "", "IND GOV 2014-05-26..2019-05-30"),
    P("Rajnath Singh", "", "IND GOV 2014-05-26.."),
    P("Nirmala Sitharaman", "Sitharaman", "IND GOV 2014-05-26.."),
    P("Ajit Doval", "", "IND GOV 2014-05-30.."),
    P("Vikram Misri", "", "IND GOV ~2019-01-01.."),  # foreign secretary from 2024-07-15
    P("Randhir Jaiswal", "", "IND GOV ~2024-01-01.."),
    # ===== Pakistan ==============================================================================
    P("Nawaz Sharif", "Mian Nawaz Sharif", "PAK GOV 2013-06-05..2017-07-28"),
    P("Shahid Khaqan Abbasi", "", "PAK GOV 2017-08-01..2018-05-31"),
    P("Imran Khan", "Imran Ahmed Khan Niazi", "PAK GOV 2018-08-18..2022-04-10",
      "PAK OPP 2022-04-11.."),
    P("Shehbaz Sharif", "Shahbaz Sharif|Muhammad Shehbaz Sharif",
      "PAK GOV 2008-06-08..2018-06-07", "PAK OPP 2018-08-20..2022-04-10",
      "PAK GOV 2022-04-11..2023-08-14", "PAK GOV 2024-03-04.."),
    P("Anwaar-ul-Haq Kakar", "Anwar-ul-Haq Kakar", "PAK GOV 2023-08-14..2024-03-04"),
    P("Mamnoon Hussain", "", "PAK GOV 2013-09-09..2018-09-09"),
    P("Arif Alvi", "", "PAK GOV 2018-09-09..2024-03-10"),
    P("Asif Ali Zardari", "Asif Zardari|Zardari",
      "PAK GOV 2008-09-09..2013-09-08", "PAK GOV 2024-03-10.."),
    P("Qamar Javed Bajwa", "", "PAK MIL ..2022-11-29"),
    P("Asim Munir", "", "PAK MIL ~2018-10-01.."),  # ISI chief 2018, army chief 2022-11-29
    P("Ahmed Sharif Chaudhry", "", "PAK MIL ~2022-12-01.."),  # DG ISPR, attested 2025-03
    P("Sarfraz Bugti", "Mir Sarfraz Bugti",
      "PAK GOV 2023-08-17..~2023-12-15", "PAK GOV 2024-03-02.."),
    P("Shafqat Ali Khan", "", "PAK GOV ~2024-12-01.."),
    P("Munir Akram", "", "PAK GOV ~2019-11-01..~2025-05-01"),
    P("Muhammad Aurangzeb", "", "PAK GOV 2024-03-11.."),
    P("Shahid Rind", "", "PAK GOV ~2025-03-01.."),  # Balochistan spokesperson, attested
    # ===== Afghanistan ===========================================================================
    P("Ashraf Ghani", "Mohammad Ashraf Ghani", "AFG GOV 2014-09-29..2021-08-15"),
    P("Hibatullah Akhundzada",
      "Haibatullah Akhundzada|Mawlawi Hibatullah Akhundzada|Mullah Hibatullah Akhundzada|"
      "Akhundzada",
      "AFG REB 2016-05-25..2021-08-14", "AFG GOV 2021-08-15.."),
    P("Mohammad Hassan Akhund", "Mullah Mohammad Hassan Akhund", "AFG GOV 2021-09-07.."),
    P("Zabihullah Mujahid", "Zabiullah Mujahid",
      "AFG REB ~2007-01-01..2021-08-14", "AFG GOV 2021-08-15.."),
    P("Abdul Qahar Balkhi", "", "AFG REB ..2021-08-14", "AFG GOV 2021-08-15.."),
    P("Zia-ul Haq Haqmal", "", "AFG GOV ~2024-11-01.."),  # Taliban deputy minister, attested
    P("Mohammad Ameri", "", "AFG GOV ..2021-08-15"),
    P("Tariq Arian", "", "AFG GOV ..2021-08-15"),
    P("Abdul Jami Jami", "", "AFG GOV ..2021-08-15"),  # Ghazni provincial council
    P("Abdul Ghafoor Lewal", "", home="AFG"),  # writer and former diplomat
    # ===== Iraq, Syria ===========================================================================
    P("Haider al-Abadi", "Haidar al-Abadi", "IRQ GOV 2014-09-08..2018-10-25"),
    P("Adil Abdul-Mahdi", "Adel Abdul Mahdi", "IRQ GOV 2018-10-25..2020-05-07"),
    P("Mustafa al-Kadhimi", "Mustafa Kadhimi|Kadhimi", "IRQ GOV 2016-06-07..2022-10-27"),
    P("Mohammed Shia al-Sudani",
      "Mohammed Shia' al-Sudani|Mohammed Shia Sudani|Mohammed al-Sudani|al-Sudani|Sudani",
      "IRQ GOV 2010-12-21..~2018-10-25", "IRQ GOV 2022-10-27.."),
    P("Fuad Masum", "Fouad Masoum", "IRQ GOV 2014-07-24..2018-10-02"),
    P("Barham Salih", "Barham Saleh", "IRQ GOV 2018-10-02..2022-10-17"),
    P("Abdul Latif Rashid", "Abdul Latif Jamal Rashid", "IRQ GOV 2022-10-17.."),
    P("Abu Bakr al-Baghdadi", "", "IRQ UAF 2010-05-16..2019-10-27", fallback="UAF"),
    # Islamic State deputy caliph, killed 2025-03-13.
    P("Abdallah Makki Muslih al-Rufay'i",
      "Abdallah Makki Muslih al-Rufay’i|Abdullah Makki Muslih al-Rufay'i|al-Rufay'i|"
      "Abu Khadija",
      "IRQ UAF ..2025-03-13", fallback="UAF"),
    P("Bashar al-Assad", "Bashar Assad|Bashar al Assad|Bashar el-Assad|Assad",
      "SYR GOV 2000-07-17..2024-12-08"),
    P("Ahmed al-Sharaa",
      "Ahmad al-Sharaa|Ahmed Hussein al-Sharaa|al-Sharaa|Sharaa|Abu Mohammed al-Jolani|"
      "Abu Mohammad al-Jolani|Abu Mohammad al-Julani|al-Jolani|Jolani",
      "SYR REB ~2011-08-01..2024-12-07", "SYR GOV 2024-12-08.."),
    # ===== Gulf states ===========================================================================
    P("King Salman", "Salman bin Abdulaziz|Salman bin Abdulaziz Al Saud",
      "SAU GOV 2011-11-05.."),
    P("Mohammed bin Salman",
      "Mohammad bin Salman|Muhammad bin Salman|Mohammed bin Salman Al Saud|MBS",
      "SAU GOV 2015-01-23.."),
    P("Khalifa bin Zayed Al Nahyan", "Khalifa bin Zayed|Sheikh Khalifa bin Zayed",
      "ARE GOV 2004-11-03..2022-05-13"),
    P("Mohamed bin Zayed Al Nahyan",
      "Mohamed bin Zayed|Mohammed bin Zayed|Sheikh Mohamed bin Zayed|MBZ",
      "ARE GOV 2004-11-03.."),
    P("Mohammed bin Rashid Al Maktoum", "Mohammed bin Rashid|Sheikh Mohammed bin Rashid",
      "ARE GOV 1971-12-09.."),
    P("Tamim bin Hamad Al Thani", "Sheikh Tamim bin Hamad Al Thani|Tamim bin Hamad|Emir Tamim",
      "QAT GOV 2013-06-25.."),
    P("Abdullah bin Nasser bin Khalifa Al Thani", "Abdullah bin Nasser Al Thani",
      "QAT GOV 2013-06-26..2020-01-28"),
    P("Khalid bin Khalifa bin Abdulaziz Al Thani", "Khalid bin Khalifa Al Thani",
      "QAT GOV 2020-01-28..2023-03-07"),
    P("Mohammed bin Abdulrahman Al Thani",
      "Sheikh Mohammed bin Abdulrahman Al Thani|Mohammed bin Abdulrahman",
      "QAT GOV 2016-01-27.."),
    P("Sabah Al-Ahmad Al-Jaber Al-Sabah", "Sabah al-Ahmad al-Sabah|Sheikh Sabah al-Ahmad",
      "KWT GOV 2003-07-13..2020-09-29"),
    P("Nawaf Al-Ahmad Al-Jaber Al-Sabah", "Nawaf al-Ahmad al-Sabah|Sheikh Nawaf al-Ahmad",
      "KWT GOV 2006-02-07..2023-12-16"),
    P("Mishal Al-Ahmad Al-Jaber Al-Sabah",
      "Mishal al-Ahmad al-Sabah|Meshal al-Ahmad al-Sabah|Sheikh Mishal al-Ahmad",
      "KWT GOV 2020-10-08.."),
    P("Jaber Al-Mubarak Al-Hamad Al-Sabah", "Jaber al-Mubarak al-Sabah",
      "KWT GOV 2011-11-30..2019-11-19"),
    P("Sabah Al-Khalid Al-Hamad Al-Sabah", "Sabah al-Khalid al-Sabah",
      "KWT GOV 2019-11-19..2022-07-24"),
    P("Ahmad Nawaf Al-Ahmad Al-Sabah", "Ahmad Nawaf al-Sabah", "KWT GOV 2022-07-24..2024-01-04"),
    P("Mohammad Sabah Al-Salem Al-Sabah", "Mohammad Sabah al-Salem",
      "KWT GOV 2024-01-04..~2024-05-15"),
    P("Ahmad Abdullah Al-Ahmad Al-Sabah", "Ahmad Abdullah al-Sabah", "KWT GOV ~2024-05-15.."),
    P("Hamad bin Isa Al Khalifa", "King Hamad bin Isa Al Khalifa|King Hamad",
      "BHR GOV 1999-03-06.."),
    P("Khalifa bin Salman Al Khalifa", "", "BHR GOV 1970-01-10..2020-11-11"),
    P("Salman bin Hamad Al Khalifa", "Crown Prince Salman bin Hamad", "BHR GOV 2013-03-11.."),
    P("Qaboos bin Said", "Sultan Qaboos|Qaboos bin Said Al Said", "OMN GOV 1970-07-23..2020-01-10"),
    P("Haitham bin Tariq", "Sultan Haitham bin Tariq|Haitham bin Tarik Al Said",
      "OMN GOV 2020-01-11.."),
    # ===== Egypt, Ethiopia, Nigeria ==============================================================
    P("Hosni Mubarak", "", "EGY GOV 1981-10-14..2011-02-11"),
    P("Mohamed Morsi", "Mohammed Morsi|Morsi", "EGY GOV 2012-06-30..2013-07-03"),
    P("Abdel Fattah el-Sisi",
      "Abdel Fattah al-Sisi|Abdel-Fattah el-Sissi|Abdel Fattah Sisi|el-Sisi|al-Sisi|Sisi",
      "EGY MIL ..2012-08-11", "EGY GOV 2012-08-12..2014-03-26", "EGY GOV 2014-06-08.."),
    P("Sherif Ismail", "", "EGY GOV 2015-09-19..2018-06-07"),
    P("Mostafa Madbouly", "Moustafa Madbouly|Madbouly", "EGY GOV 2014-03-01.."),
    P("Hailemariam Desalegn", "", "ETH GOV 2012-08-21..2018-04-02"),
    P("Abiy Ahmed", "Abiy Ahmed Ali|Abiy", "ETH GOV 2018-04-02.."),
    P("Mulatu Teshome", "", "ETH GOV 2013-10-07..2018-10-25"),
    P("Sahle-Work Zewde", "", "ETH GOV 2018-10-25..2024-10-07"),
    P("Taye Atske Selassie", "", "ETH GOV ~2024-02-01.."),  # foreign minister, then president
    P("Muhammadu Buhari", "Buhari", "NGA GOV 1983-12-31..1985-08-27",
      "NGA GOV 2015-05-29..2023-05-29"),
    P("Bola Tinubu", "Bola Ahmed Tinubu|Tinubu", "NGA GOV 1999-05-29..2007-05-29",
      "NGA GOV 2023-05-29.."),
    P("Mohammed Badaru Abubakar", "Muhammad Badaru Abubakar|Badaru Abubakar",
      "NGA GOV 2015-05-29..2023-05-29", "NGA GOV 2023-08-21..~2025-12-01"),
    P("Bello Matawalle", "Bello Mohammed Matawalle",
      "NGA GOV 2019-05-29..2023-05-29", "NGA GOV 2023-08-21.."),
    P("Olajide Idris", "Jide Idris", "NGA GOV ~2024-03-01.."),  # NCDC director general
    # ===== Belarus, Poland, Hungary ==============================================================
    P("Alexander Lukashenko",
      "Aleksandr Lukashenko|Alexandr Lukashenko|Alyaksandr Lukashenka|Lukashenko|Lukashenka",
      "BLR GOV 1994-07-20.."),
    P("Andrei Kobyakov", "", "BLR GOV 2014-12-27..2018-08-18"),
    P("Sergei Rumas", "", "BLR GOV 2018-08-18..2020-06-03"),
    P("Roman Golovchenko", "", "BLR GOV 2020-06-04..~2025-03-01"),
    P("Alexander Turchin", "", "BLR GOV ~2025-03-01.."),
    P("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya|Tsikhanouskaya|Tikhanovskaya",
      "BLR OPP 2020-07-14.."),
    P("Andrzej Duda", "", "POL GOV 2015-08-06..2025-08-06"),
    P("Karol Nawrocki", "Nawrocki", "POL GOV 2025-08-06.."),
    P("Beata Szydło", "", "POL GOV 2015-11-16..2017-12-11"),
    P("Mateusz Morawiecki", "Morawiecki", "POL GOV 2015-11-16..2023-12-13"),
    P("Donald Tusk", "", "POL GOV 2007-11-16..2014-09-22", "IGOEUREEC GOV 2014-12-01..2019-11-30",
      "POL OPP 2021-07-03..2023-12-12", "POL GOV 2023-12-13.."),
    P("Viktor Orbán", "Orbán", "HUN GOV 1998-07-06..2002-05-27", "HUN OPP 2002-05-28..2010-05-28",
      "HUN GOV 2010-05-29.."),
    P("János Áder", "", "HUN GOV 2012-05-10..2022-05-10"),
    P("Katalin Novák", "", "HUN GOV 2022-05-10..2024-02-26"),
    P("Tamás Sulyok", "", "HUN GOV 2024-03-05.."),
    # ===== Other G20: Argentina, Australia, Brazil, Canada, Indonesia, Mexico, South Africa ======
    P("Mauricio Macri", "Macri", "ARG GOV 2015-12-10..2019-12-10"),
    P("Alberto Fernández", "", "ARG GOV 2019-12-10..2023-12-10"),
    P("Cristina Fernández de Kirchner", "Cristina Kirchner|Cristina Fernández",
      "ARG GOV 2007-12-10..2015-12-10", "ARG GOV 2019-12-10..2023-12-10"),
    P("Javier Milei", "Milei", "ARG LEG 2021-12-10..2023-12-09", "ARG GOV 2023-12-10.."),
    P("Malcolm Turnbull", "", "AUS GOV 2015-09-15..2018-08-24"),
    P("Scott Morrison", "", "AUS GOV 2018-08-24..2022-05-23"),
    P("Anthony Albanese", "", "AUS OPP 2019-05-30..2022-05-22", "AUS GOV 2022-05-23.."),
    P("Marise Payne", "", "AUS GOV 2015-09-21..2022-05-23"),
    P("Michel Temer", "", "BRA GOV 2011-01-01..2018-12-31"),
    P("Jair Bolsonaro", "Jair Messias Bolsonaro|Bolsonaro",
      "BRA LEG 1991-02-01..2018-12-31", "BRA GOV 2019-01-01..2022-12-31"),
    P("Luiz Inácio Lula da Silva", "Lula da Silva|Lula",
      "BRA GOV 2003-01-01..2010-12-31", "BRA GOV 2023-01-01.."),
    P("Justin Trudeau", "Trudeau", "CAN GOV 2015-11-04..2025-03-14"),
    P("Mark Carney", "", "CAN GOV 2025-03-14.."),
    P("Chrystia Freeland", "", "CAN GOV 2015-11-04..2024-12-16"),
    P("Mélanie Joly", "Malie Joly", "CAN GOV 2015-11-04.."),  # foreign minister 2021-2025
    P("Anita Anand", "", "CAN GOV 2019-11-20.."),  # foreign minister from 2025-05-13
    P("Doug Ford", "", "CAN GOV 2018-06-29.."),  # premier of Ontario
    P("Suharto", "Soeharto", "IDN GOV 1967-03-12..1998-05-21"),
    P("Joko Widodo", "Jokowi|Widodo", "IDN GOV 2012-10-15..2024-10-20"),
    P("Prabowo Subianto", "Prabowo", "IDN MIL ..1998-08-24", "IDN GOV 2019-10-23.."),
    P("Ganjar Pranowo", "", "IDN GOV 2013-08-23..2023-09-05"),
    P("Hadi Rudyatmo", "FX Hadi Rudyatmo|F.X. Hadi Rudyatmo", "IDN GOV ~2005-07-28..2021-02-26"),
    P("Nadiem Makarim", "", "IDN GOV 2019-10-23..2024-10-20"),
    P("Enrique Peña Nieto", "Peña Nieto", "MEX GOV 2012-12-01..2018-11-30"),
    P("Andrés Manuel López Obrador", "López Obrador|AMLO",
      "MEX GOV 2000-12-05..2005-07-29", "MEX GOV 2018-12-01..2024-09-30"),
    P("Claudia Sheinbaum", "Claudia Sheinbaum Pardo|Sheinbaum",
      "MEX GOV 2018-12-05..2023-06-16", "MEX GOV 2024-10-01.."),
    P("Jacob Zuma", "Zuma", "ZAF GOV 1999-06-14..2005-06-14", "ZAF GOV 2009-05-09..2018-02-14"),
    P("Cyril Ramaphosa", "Ramaphosa", "ZAF GOV 2014-05-26.."),
    P("Mmusi Maimane", "", "ZAF OPP 2015-05-10..2019-10-23", "ZAF LEG ~2024-06-14.."),
    # ===== Venezuela =============================================================================
    P("Hugo Chávez", "", "VEN GOV 1999-02-02..2013-03-05"),
    P("Nicolás Maduro", "Nicolás Maduro Moros|Maduro", "VEN GOV 2006-08-07.."),
    P("Juan Guaidó", "Guaidó", "VEN OPP 2019-01-05..2023-01-05"),
    P("Delcy Rodríguez", "", "VEN GOV 2014-12-26.."),
    # ===== Other countries named in the news corpus ==============================================
    P("Milorad Dodik", "Dodik", "BIH GOV 2006-02-28..~2025-08-01"),
    P("Nenad Stevandić", "", "BIH LEG ~2022-11-01.."),  # speaker, Republika Srpska assembly
    P("Sali Berisha", "Berisha", "ALB GOV 1992-04-09..1997-07-24",
      "ALB GOV 2005-09-11..2013-09-15", "ALB LEG 2013-09-16.."),
    P("Lulzim Basha", "", "ALB OPP 2013-07-22..~2022-03-01"),
    P("Ruben Brekelmans", "Brekelmans", "NLD GOV 2024-07-02.."),
    P("Pedro Sánchez", "Pedro Sanchez Perez-Castejon", "ESP GOV 2018-06-02.."),
    P("Jose Luis Sastre", "", "ESP GOV ~2019-12-01.."),  # mayor of Maranchón, attested
    P("Emmerson Mnangagwa", "Mnangagwa", "ZWE GOV 2014-12-12..2017-11-06",
      "ZWE GOV 2017-11-24.."),
    P("Robert Mugabe", "Mugabe", "ZWE GOV 1980-04-18..2017-11-21"),
    P("Gibson Mandaza", "", "ZWE JUD ~2025-03-01.."),  # High Court judge, attested
    P("Farai Marapira", "", "ZWE PTY ~2025-03-01.."),  # ZANU-PF information director, attested
    P("Blessed Geza", "", home="ZWE"),
    P("William Ruto", "William Samoei Ruto|Ruto", "KEN GOV 2013-04-09.."),
    P("Uhuru Kenyatta", "", "KEN GOV 2013-04-09..2022-09-13"),
    P("Kithure Kindiki", "Kithuri Kindiki|Abraham Kithure Kindiki|Kindiki",
      "KEN LEG 2013-03-28..2022-09-13", "KEN GOV 2022-10-27.."),
    P("Rigathi Gachagua", "Gachagua", "KEN LEG 2017-08-31..2022-09-12",
      "KEN GOV 2022-09-13..2024-10-17", "KEN OPP 2024-10-18.."),
    P("Fred Matiang'i", "Fred Matiangi|Fred Matiang’i|Matiangi", "KEN GOV ~2013-05-01..2022-10-27"),
    P("Aden Duale", "Aden Barre Duale", "KEN LEG 2013-03-28..2022-10-26", "KEN GOV 2022-10-27.."),
    P("Antony Mrima", "", "KEN JUD ~2024-10-01.."),  # High Court judges, attested
    P("Eric Ogola", "", "KEN JUD ~2024-10-01.."),
    P("Freda Mugambi", "", "KEN JUD ~2024-10-01.."),
    P("Irungu Macharia", "", "KEN GOV ~2020-02-01.."),  # Lamu county commissioner, attested
    P("Hassan Sheikh Mohamud", "Hassan Sheikh Mohamoud",
      "SOM GOV 2012-09-16..2017-02-16", "SOM GOV 2022-05-23.."),
    P("Mohamed Abdullahi Mohamed",
      "Mohamed Abdullahi Farmaajo|Mohamed Abdullahi Farmajo|Farmajo|Farmaajo",
      "SOM GOV 2010-11-01..2011-06-19", "SOM GOV 2017-02-16..2022-05-23"),
    P("Mahdi Mohamed Guled", "Mahdi Mohammed Gulaid|Mahdi Guled",
      "SOM GOV ~2017-03-01..~2022-08-01"),
    P("Mohamud Ahmed Nur", "", "SOM GOV ~2021-04-01.."),  # ambassador to Kenya, attested
    P("Ilyas Ali Hassan", "", "SOM LEG ~2021-04-01.."),  # senator, attested
    P("Dahir Amin Jesow", "", "SOM LEG ~2025-03-01.."),  # MP, attested
    P("Omar Osman Alasow", "", "SOM GOV ~2025-03-01.."),  # Beledweyne commissioner, attested
    P("Abdul Qadir Mumin", "Abdulqadir Mumin", home="SOM", fallback="UAF"),  # IS-Somalia
    P("Mansoor Tima-Weeyne", "", home="SOM", fallback="REB"),  # al-Shabab, killed 2025-03
    P("Omar al-Bashir", "Omar Hassan al-Bashir|Omar Bashir", "SDN GOV 1989-06-30..2019-04-11"),
    P("Abdalla Hamdok", "Abdallah Hamdok|Abdullah Hamdok|Hamdok",
      "SDN GOV 2019-08-21..2021-10-25", "SDN GOV 2021-11-21..2022-01-02"),
    P("Nasredeen Abdulbari", "Naser Eldin Abdel Bari|Nasr al-Din Abdel Bari",
      "SDN GOV 2019-09-08..~2021-02-08"),
    P("Chipiliro Khamula", "", "MWI GOV ~2025-03-01.."),  # disaster dept. spokesperson
    P("Lucy Mtilatila", "", "MWI GOV ~2025-03-01.."),  # director, climate change dept.
    P("Wynter Mmolotsi", "", "BWA GOV ~2024-11-01.."),  # environment and tourism minister
    P("Navinchandra Ramgoolam", "Navin Ramgoolam", "MUS GOV 1995-12-27..2000-09-17",
      "MUS GOV 2005-07-05..2014-12-17", "MUS GOV 2024-11-13.."),
    P("Jovenel Moïse", "", "HTI GOV 2017-02-07..2021-07-07"),
    P("Frantz Exantus", "", "HTI GOV ~2021-02-01.."),  # secretary of state for communication
    P("Hector Paul Joseph", "", "HTI GOV ..2021-02-25"),  # prison inspector general, killed
    P("Arnel Belizaire", "", home="HTI"),  # former deputy
    P("Arnel Joseph", "", home="HTI", fallback="CRM"),  # Village de Dieu gang leader
    P("Bernardo Arévalo", "", "GTM LEG 2020-01-14..2024-01-14", "GTM GOV 2024-01-15.."),
    P("María Consuelo Porras", "Consuelo Porras", "GTM JUD 2018-05-17..~2026-05-16"),
    P("Erick Garcia", "", "GTM JUD ~2025-03-01.."),  # judge, attested
    P("Kannavee Suebsang", "", "THA LEG ~2023-05-01.."),
    P("Mahathir Mohamad", "Mahathir Mohammad|Mahathir bin Mohamad|Mahathir",
      "MYS GOV 1981-07-16..2003-10-31", "MYS GOV 2018-05-10..2020-02-24"),
    P("Najib Razak", "Najib Tun Razak", "MYS GOV 2009-04-03..2018-05-09"),
    P("Rodrigo Duterte", "Rodrigo Roa Duterte|Duterte", "PHL GOV 2016-06-30..2022-06-30"),
    P("Ferdinand Marcos Jr.", "Bongbong Marcos|Ferdinand Marcos Jr", "PHL GOV 2022-06-30.."),
    P("Hun Sen", "", "KHM GOV 1985-01-14..2023-08-22", "KHM LEG 2024-04-03.."),
    P("Hun Manet", "", "KHM MIL ..2023-08-21", "KHM GOV 2023-08-22.."),
    P("Laurent Gbagbo", "Gbagbo", "CIV GOV 2000-10-26..2011-04-11"),
    P("Alassane Ouattara", "Alassane Dramane Ouattara|Ouattara",
      "CIV GOV 1990-11-07..1993-12-09", "CIV GOV 2010-12-04.."),
    P("Yoweri Museveni", "Yoweri Kaguta Museveni|Museveni", "UGA GOV 1986-01-29.."),
    P("Bobi Wine", "Robert Kyagulanyi|Robert Kyagulanyi Ssentamu|Kyagulanyi",
      "UGA LEG 2017-07-11..~2021-05-18", "UGA OPP ~2021-05-19.."),
    P("Khalifa Haftar", "Khalifa Hifter|Haftar", "LBY MIL 2014-05-16.."),
    P("François Bozizé", "Bozizé", "CAF GOV 2003-03-15..2013-03-24", "CAF REB ~2020-12-01.."),
    P("Bruno Yapande", "", "CAF GOV ~2024-07-01.."),  # territorial administration, attested
    P("Denise Abanda", "", "CMR GOV ~2021-05-01.."),  # livestock ministry official, attested
    # ===== European Union, NATO, UN, African Union ===============================================
    P("Jean-Claude Juncker", "Juncker", "LUX GOV 1995-01-20..2013-12-04",
      "IGOEUREEC GOV 2014-11-01..2019-11-30"),
    P("Ursula von der Leyen", "von der Leyen", "DEU GOV 2005-11-22..2019-07-17",
      "IGOEUREEC GOV 2019-12-01.."),
    P("Charles Michel", "", "BEL GOV 2014-10-11..2019-10-27",
      "IGOEUREEC GOV 2019-12-01..2024-11-30"),
    P("António Costa", "", "PRT GOV 2015-11-26..2024-04-02", "IGOEUREEC GOV 2024-12-01.."),
    P("Federica Mogherini", "Mogherini", "ITA GOV 2014-02-22..2014-10-31",
      "IGOEUREEC GOV 2014-11-01..2019-11-30"),
    P("Josep Borrell", "Borrell", "ESP GOV 2018-06-07..2019-11-29",
      "IGOEUREEC GOV 2019-12-01..2024-11-30"),
    P("Kaja Kallas", "Kallas", "EST GOV 2021-01-26..2024-07-23", "IGOEUREEC GOV 2024-12-01.."),
    P("Anders Fogh Rasmussen", "", "DNK GOV 2001-11-27..2009-04-05",
      "IGOWSTNAT GOV 2009-08-01..2014-09-30"),
    P("Jens Stoltenberg", "Stoltenberg", "NOR GOV 2005-10-17..2013-10-16",
      "IGOWSTNAT GOV 2014-10-01..2024-10-01", "NOR GOV 2025-02-04.."),
    P("Mark Rutte", "Rutte", "NLD GOV 2010-10-14..2024-07-02", "IGOWSTNAT GOV 2024-10-01.."),
    P("António Guterres", "Guterres", "PRT GOV 1995-10-28..2002-04-06",
      "IGOUNOREFHCR GOV 2005-06-15..2015-12-31", "IGOUNO GOV 2017-01-01.."),
    P("Stéphane Dujarric", "", "IGOUNO GOV ~2014-03-01.."),
    P("Geir Pedersen", "Geir O. Pedersen", "IGOUNO GOV 2019-01-07..~2025-09-30"),
    P("Andrew Kirkwood", "", "IGOUNO GOV ~2021-03-01.."),  # UN resident coordinator, Myanmar
    P("Helen La Lime", "", "IGOUNO GOV ~2019-03-01..~2023-05-01"),
    P("Richard Bennett", "", "IGOUNO GOV ~2022-05-01.."),  # special rapporteur, Afghanistan
    P("Catherine Russell", "", "USA GOV 2021-01-20..2022-01-31", "IGOUNOKID GOV 2022-02-01.."),
    P("Joan Donoghue", "Joan E. Donoghue", "IGOUNOJUDICJ JUD 2010-09-09..2024-02-05"),
    P("Simon Denhere", "", "IGOUNOWFP GOV ~2025-03-01.."),  # WFP Malawi, attested
    P("Glenn Jusnes", "", "IGOUNOREFHCR GOV ~2021-04-01.."),  # UNHCR Kenya, attested
    P("Moussa Faki Mahamat", "Moussa Faki", "TCD GOV 2003-06-24..2017-01-30",
      "IGOAFRAFU GOV 2017-03-14..2025-02-14"),
    P("Mahmoud Ali Youssouf", "", "DJI GOV 2005-05-22..2025-02-14", "IGOAFRAFU GOV 2025-02-15.."),
)
# fmt: on


# ---------------------------------------------------------------------------------------------
# Expansion and checks
# ---------------------------------------------------------------------------------------------


def fold_accents(text: str) -> str:
    """Drop diacritics: "Erdoğan" -> "Erdogan", "Szydło" -> "Szydlo"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def surface_forms(person: Person) -> list[str]:
    """The display name, the variants and their accent-folded spellings, in order."""
    out: list[str] = []
    for form in (person.name, *person.variants):
        for v in (form, fold_accents(form)):
            if v not in out:
                out.append(v)
    return out


def load_codes(path: Path = DATA_DIR / "iso3166.tsv") -> frozenset[str] | None:
    """ISO alpha-3 codes from ``iso3166.tsv`` (None when the file is not there yet)."""
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines[1:] if line)


def check_code(code: str, iso: frozenset[str] | None) -> None:
    if code == "WST" or re.fullmatch(r"IGO[A-Z]{3,}", code):
        return
    if len(code) != 3 or (iso is not None and code not in iso):
        raise ValueError(f"unknown code {code!r}")


def check_person(person: Person, iso: frozenset[str] | None) -> None:
    """Codes, sectors and non-overlapping terms of one person."""
    for term in person.terms:
        check_code(term.code, iso)
    if person.home:
        check_code(person.home, iso)
    if not re.fullmatch(r"[A-Z]{3}", person.fallback):
        raise ValueError(f"{person.name}: bad fallback sector {person.fallback!r}")
    spans = [(t.start or "0000-01-01", t.end or "9999-12-31") for t in person.terms]
    for i, (start, end) in enumerate(spans):
        for other_start, other_end in spans[i + 1 :]:
            if start <= other_end and other_start <= end:
                raise ValueError(f"{person.name}: overlapping terms")
        if i and spans[i - 1][0] > start:
            raise ValueError(f"{person.name}: terms out of order")


def build_rows(
    people: Iterable[Person], tokenize: Callable[[str], list[str]], iso: frozenset[str] | None
) -> list[Row]:
    """Expand every person into rows; a pattern may belong to one person only."""
    from redline.actors.normalize import normalize_phrase

    owner: dict[str, str] = {}
    rows: set[Row] = set()
    for person in people:
        check_person(person, iso)
        patterns: list[str] = []
        for form in surface_forms(person):
            pattern = " ".join(normalize_phrase(form, tokenize))
            if not pattern:
                raise ValueError(f"{person.name}: empty pattern for {form!r}")
            if " " not in pattern and pattern in AMBIGUOUS_SURNAMES:
                raise ValueError(f"{person.name}: ambiguous single-token pattern {pattern!r}")
            if owner.setdefault(pattern, person.name) != person.name:
                raise ValueError(f"pattern {pattern!r}: {owner[pattern]} and {person.name}")
            if pattern not in patterns:
                patterns.append(pattern)
        for pattern in patterns:
            for t in person.terms:
                rows.add((pattern, t.code, t.sector, t.start, t.end, person.name, KIND))
            rows.add((pattern, person.fallback_code, person.fallback, "", "", person.name, KIND))
    return sorted(rows)


def make_tokenizer() -> Callable[[str], list[str]]:
    sys.path.insert(0, str(REPO / "src"))
    import spacy

    from redline.actors.normalize import spacy_tokenize

    return spacy_tokenize(spacy.blank("en").tokenizer)


def write_tsv(rows: Iterable[Row], out: Path) -> None:
    lines = ["\t".join(HEADER)] + ["\t".join(r) for r in rows]
    text = "\n".join(lines) + "\n"
    for line in lines:
        if any("\t" in f or "\n" in f for f in line.split("\t")) or line.count("\t") != 6:
            raise ValueError(f"bad row {line!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def uncertain_terms(people: Iterable[Person]) -> list[str]:
    """One line per term with an approximate date."""
    return [
        f"{p.name}: {t.code} {t.sector} {t.start}..{t.end}"
        for p in people
        for t in p.terms
        if t.approximate
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--uncertain", action="store_true", help="list approximate dates")
    args = parser.parse_args()
    if args.uncertain:
        print("\n".join(uncertain_terms(PEOPLE)))
        return
    rows = build_rows(PEOPLE, make_tokenizer(), load_codes())
    write_tsv(rows, args.out)
    print(f"{len(PEOPLE)} people, {len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
