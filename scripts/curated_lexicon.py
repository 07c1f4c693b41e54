"""Curated lexical data for ``convert_cameo_verbs.py`` (build-time only).

Verb forms come from ``lemminflect``; this module holds only what it cannot know:

* ``IRREGULAR_VERBS``: the common English irregular verbs whose forms ``verb_forms.tsv``
  carries even when the lexicon does not list them.
* ``EXTRA_VERBS``: other verbs outside the lexicon whose forms the table carries.
* ``INFLECTION_FIXES``: the forms ``lemminflect`` gets wrong for news text, each with why.
* ``BOGUS_FORMS``: forms in the source ``{...}`` lists that must not become table rows.
* ``NOMINALS``: eventive nouns of political news -> verb lemma or CAMEO code.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """Whitespace-separated words of a curated list."""
    return frozenset(text.split())


# Scope, not morphology: lemminflect gives the forms.
IRREGULAR_VERBS: frozenset[str] = _words(
    """abide arise awake be bear beat become befall beget begin behold bend beseech beset bet bid
    bind bite bleed blow break breed bring broadcast build burn burst bust buy cast catch choose
    cleave cling come cost creep cut deal dig dive do draw dream drink drive dwell eat fall feed
    feel fight find flee fling fly forbid forecast forgo forsake forswear freeze get give go
    grind grow hang have hear heave hew hide hit hold hurt keep kneel knit know lay lead lean
    leap learn leave lend let lie light lose make mean meet mistake mow pay plead prove put quit
    read rid ride ring rise run say see seek sell send set sew shake shear shed shine shoot show
    shrink shut sing sink sit slay sleep slide sling slink slit smell smite sow speak speed
    spell spend spill spin spit split spoil spread spring stand steal stick sting stink strew
    stride strike string strive swear sweep swell swim swing take teach tear tell think thrive
    throw thrust tread wake wear weave wed weep wet win wind wring write"""
)

# Verbs outside the lexicon whose forms the simple rules miss, kept in the table for the
# pattern and cue words they lemmatise (``trafficking`` -> ``traffic``, ``panicked`` ->
# ``panic``); the former doubling and -ck lists' verbs that the lexicon does not have.
EXTRA_VERBS: frozenset[str] = _words(
    """abet concur corral debar emit enrol enthral excel forget frolic handicap incur infer
    instil occur omit outbid outrun panic picnic politic rebel rebut traffic transmit unpin
    unwrap worship"""
)

# lemma -> (edits, reason): "+form" adds a form lemminflect 0.2.3 lacks, "-form" drops one
# it gives wrongly. The converter fails when a fix no longer changes anything.
INFLECTION_FIXES: dict[str, tuple[str, str]] = {
    "mimic": ("+mimicked +mimicking -mimiced -mimicing", "-c verbs take -ck- before -ed/-ing"),
    "politic": ("+politicked +politicking -politiced -politicing", "as mimic; not in lemminflect"),
    "enrol": ("+enrolled +enrolling -enroled -enroling", "British -l verbs double it"),
    "enthral": ("+enthralled +enthralling -enthraled -enthraling", "as enrol"),
    "overfly": ("+overflew +overflown -overflied", "not in lemminflect; its rules make it regular"),
    "sting": ("+stinging", "lemminflect gives 'sting' as the -ing form"),
    "lie": ("+lain", "participle of lie 'recline' (has lain dormant), missing"),
    "leap": ("+leaped", "the usual US past, missing"),
    "prove": ("+proven", "common participle (has proven, proven reserves), missing"),
    "knit": ("+knitted", "the usual past, missing"),
    "forbid": ("-forbid", "not a participle in current English (no identity row)"),
    "plead": ("-plead", "misspelling of the past pled (no identity row)"),
    "bestride": ("-betrode", "typo in lemminflect's data"),
    "chide": ("-chidded", "not an English form"),
    "bide": ("-boded", "past of bode, not of bide"),
    "stay": ("-staid -staves", "staid is an adjective, staves the plural of staff/stave"),
    "forgo": (
        "-foregoes -foregoing -forewent -foregone",
        "forms of forego 'precede'; foregoing and foregone are mostly adjectives",
    ),
}

# multi-word verbs whose last word inflects (the source gives +WIRE_TAPPED)
MULTIWORD_LAST: frozenset[str] = frozenset({"wire tap"})

# (form, lemma) pairs from the source {...} lists that must not become verb_forms rows
BOGUS_FORMS: dict[tuple[str, str], str] = {
    ("drug", "drag"): "dialectal past of drag; collides with the noun 'drug'",
    ("lie", "lay"): "listed under LAY; 'lie' is its own lemma",
    ("lain", "lay"): "participle of 'lie', listed under LAY",
    ("pent", "pin"): "archaic past of 'pen', listed under PIN",
    ("chosing", "choose"): "misspelling",
    ("trodding", "tread"): "misspelling",
    ("overidding", "override"): "misspelling",
    ("overrid", "override"): "misspelling",
    ("discomfitted", "discomfit"): "misspelling",
    ("discomfitting", "discomfit"): "misspelling",
    ("assailling", "assail"): "misspelling",
}

# multi-word "verbs" of the source that are coordinations, not verbs (PETRARCH needed
# them because it had no parse of coordinated verbs); dropped with this reason
COORDINATION_WORDS: frozenset[str] = frozenset({"and", "or"})

# Eventive nouns: "noun | verb | cameo | note". ``verb`` names the lemma whose lexicon
# entry (block default, override, patterns) types the noun; ``cameo`` gives the code
# directly where no verb of the lexicon fits (or its typing is wrong for the noun);
# note ``object-only``: no event alone, signing/agreeing one is (verb and cameo empty);
# note ``vague``: too unspecific to code alone; ``plural-only``: the noun is used in the
# plural (``talks``).
_NOMINALS_TEXT = """
# --- 01 statements, 02 appeals, 03 intent ---------------------------------------------
statement | | 010 |
announcement | announce | |
declaration | declare | |
comment | comment | |
remark | remark | |
briefing | | 010 |
speech | | 010 |
press conference | | 010 |
news conference | | 010 |
denial | deny | |
confirmation | confirm | |
acknowledgement | acknowledge | |
acknowledgment | acknowledge | |
concern | concern | |
condolence | | 018 |
appeal | appeal | |
plea | plead | |
request | request | |
petition | petition | |
invitation | invite | |
proposal | propose | |
suggestion | suggest | |
recommendation | recommend | |
offer | offer | |
pledge | pledge | |
promise | promise | |
vow | vow | |
commitment | | 030 |
guarantee | guarantee | |
assurance | assure | |
# --- 04 consult ------------------------------------------------------------------------
visit | visit | |
state visit | | 042 |
trip | | 042 |
tour | tour | |
meeting | meet | |
summit | | 040 |
talks | | 046 | plural-only
negotiation | | 046 |
dialogue | | 046 |
peace talks | | 046 | plural-only
consultation | consult | |
discussion | discuss | |
conversation | converse | |
phone call | | 041 |
telephone call | | 041 |
video call | | 041 |
mediation | | 045 |
arbitration | | 045 |
summons | summon | |
summoning | summon | |
# --- 05 diplomatic cooperation --------------------------------------------------------
support | support | |
backing | back | |
endorsement | endorse | |
approval | approve | |
praise | praise | |
tribute | | 051 |
commendation | commend | |
congratulation | congratulate | |
thanks | thank | | plural-only
gratitude | thank | |
cooperation | cooperate | |
collaboration | collaborate | |
coordination | coordinate | |
apology | apologize | |
forgiveness | forgive | |
recognition | | 054 |
reconciliation | | 050 |
rapprochement | | 050 |
detente | | 050 |
normalization | | 050 |
normalisation | | 050 |
signing | sign | |
ratification | ratify | |
# --- object-only: signing / agreeing to them is the event ------------------------------
agreement | | | object-only
deal | | | object-only
pact | | | object-only
treaty | | | object-only
accord | | | object-only
memorandum | | | object-only
protocol | | | object-only
convention | | | object-only
charter | | | object-only
contract | | | object-only
partnership | | | object-only
alliance | | | object-only
resolution | | | object-only
roadmap | | | object-only
framework | | | object-only
peace deal | | | object-only
peace agreement | | | object-only
peace treaty | | | object-only
trade deal | | | object-only
trade agreement | | | object-only
arms deal | | | object-only
nuclear deal | | | object-only
memorandum of understanding | | | object-only
# --- 06 material cooperation, 07 aid --------------------------------------------------
trade | | | vague
exchange | exchange | |
swap | swap | |
investment | invest | |
funding | fund | |
financing | finance | |
purchase | purchase | |
sale | sell | |
export | export | |
import | import | |
shipment | ship | |
transfer | transfer | |
joint exercise | | 062 |
joint drill | | 062 |
joint maneuver | | 062 |
joint patrol | | 062 |
extradition | extradite | |
aid | aid | |
assistance | assist | |
help | help | |
donation | donate | |
loan | loan | |
provision | provide | |
supply | supply | |
delivery | deliver | |
humanitarian aid | | 073 |
humanitarian assistance | | 073 |
food aid | | 073 |
military aid | | 072 |
military assistance | | 072 |
economic aid | | 071 |
economic assistance | | 071 |
financial aid | | 071 |
financial assistance | | 071 |
bailout | | 071 |
debt relief | | 071 |
evacuation | evacuate | |
rescue | rescue | |
airlift | airlift | |
protection | protect | |
peacekeeping | | 074 |
asylum | | 075 |
# --- 08 concessions --------------------------------------------------------------------
concession | concede | |
compromise | compromise | |
surrender | surrender | |
capitulation | capitulate | |
withdrawal | withdraw | |
pullout | withdraw | |
pull-out | withdraw | |
retreat | retreat | |
release | release | |
liberation | liberate | |
pardon | pardon | |
amnesty | | 056 |
clemency | | 081 |
acquittal | acquit | |
resignation | resign | |
lifting | lift | |
easing | ease | |
ceasefire | | 0871 |
cease-fire | | 0871 |
truce | | 0871 |
armistice | | 0871 |
de-escalation | | 087 |
demobilization | | 0873 |
demobilisation | | 0873 |
# --- 09 investigate ---------------------------------------------------------------------
investigation | investigate | |
inquiry | | 090 |
enquiry | | 090 |
probe | probe | |
inspection | inspect | |
examination | examine | |
audit | audit | |
monitoring | monitor | |
surveillance | spy | |
espionage | spy | |
# --- 10 demand, 11 disapprove, 12 reject ------------------------------------------------
demand | demand | |
insistence | insist | |
ultimatum | | 139 |
accusation | accuse | |
allegation | allege | |
indictment | indict | |
blame | blame | |
criticism | criticize | |
condemnation | condemn | |
denunciation | denounce | |
rebuke | rebuke | |
reprimand | reprimand | |
censure | censure | |
complaint | complain | |
objection | object | |
regret | regret | |
dismay | dismay | |
slander | slander | |
lawsuit | sue | |
rejection | reject | |
refusal | refuse | |
veto | veto | |
defiance | defy | |
rebuff | rebuff | |
snub | snub | |
postponement | postpone | |
delay | delay | |
# --- 13 threaten ------------------------------------------------------------------------
threat | threaten | |
warning | warn | |
# --- 14 protest ---------------------------------------------------------------------------
protest | protest | |
demonstration | demonstrate | |
rally | | 141 |
march | march | |
protest march | march | |
sit-in | | 144 |
hunger strike | | 142 |
general strike | | 143 |
walkout | walk out | |
boycott | boycott | |
riot | riot | |
provocation | provoke | |
# --- 15 mobilize ------------------------------------------------------------------------
mobilization | mobilize | |
mobilisation | mobilize | |
deployment | deploy | |
redeployment | redeploy | |
buildup | | 154 |
build-up | | 154 |
military buildup | | 154 |
troop buildup | | 154 |
alert | alert | |
patrol | patrol | |
overflight | overfly | |
military exercise | | 150 |
military drill | | 150 |
war game | | 150 |
show of force | | 150 |
missile test | | 150 |
missile launch | | 150 |
nuclear test | | 150 |
# --- 16 reduce relations, 17 coerce ---------------------------------------------------
sanction | | 163 |
embargo | | 163 |
arms embargo | | 163 |
tariff | | 163 |
expulsion | expel | |
deportation | deport | |
eviction | evict | |
exile | exile | |
suspension | suspend | |
cancellation | cancel | |
termination | terminate | |
cessation | cease | |
halt | halt | |
closure | close | |
shutdown | shut down | |
abolition | abolish | |
repeal | repeal | |
revocation | revoke | |
annulment | annul | |
sabotage | sabotage | |
secession | secede | |
defection | defect | |
blockade | | 191 |
naval blockade | | 191 |
siege | besiege | |
encirclement | encircle | |
arrest | arrest | |
detention | detain | |
imprisonment | imprison | |
incarceration | incarcerate | |
internment | | 173 |
conviction | convict | |
prosecution | prosecute | |
sentence | sentence | |
sentencing | sentence | |
ban | ban | |
prohibition | prohibit | |
restriction | restrict | |
curfew | | 1723 |
martial law | | 1724 |
state of emergency | | 1724 |
censorship | censor | |
crackdown | crack down | |
repression | repress | |
suppression | suppress | |
confiscation | confiscate | |
seizure | seize | |
expropriation | | 1711 |
nationalization | nationalize | |
nationalisation | nationalize | |
annexation | annex | |
occupation | occupy | |
capture | capture | |
recapture | recapture | |
hijacking | | 181 |
# --- 18 unconventional violence -------------------------------------------------------
kidnapping | kidnap | |
abduction | abduct | |
hostage-taking | | 181 |
torture | torture | |
rape | rape | |
sexual assault | | 1821 |
abuse | abuse | |
mistreatment | mistreat | |
harassment | harass | |
beating | | 182 |
stabbing | stab | |
scuffle | scuffle | |
explosion | explode | |
suicide bombing | | 1831 |
suicide attack | | 1831 |
car bombing | | 1832 |
roadside bombing | | 1833 |
assassination | assassinate | |
assassination attempt | | 185 |
execution | | 1823 |
overthrow | overthrow | |
coup | overthrow | |
ouster | oust | |
# --- 19 fight, 20 mass violence -------------------------------------------------------
attack | attack | |
assault | assault | |
offensive | | 190 |
counteroffensive | | 190 |
counter-offensive | | 190 |
counterattack | | 190 |
counter-attack | | 190 |
incursion | | 190 |
invasion | invade | |
raid | raid | |
ambush | ambush | |
strike | strike | |
airstrike | | 195 |
air strike | | 195 |
air raid | | 195 |
bombing raid | | 195 |
drone strike | | 195 |
drone attack | | 195 |
missile strike | | 195 |
missile attack | | 195 |
rocket attack | | 194 |
mortar attack | | 194 |
artillery fire | | 194 |
bombing | bomb | |
bombardment | bombard | |
shelling | shell | |
shooting | shoot | |
gunfight | | 193 |
firefight | | 193 |
gun battle | | 193 |
shootout | | 193 |
fighting | fight | |
battle | battle | |
clash | clash | |
skirmish | skirmish | |
combat | combat | |
hostilities | | 190 | plural-only
retaliation | retaliate | |
reprisal | retaliate | |
killing | kill | |
murder | murder | |
destruction | destroy | |
demolition | demolish | |
looting | loot | |
arson | | 1712 |
ceasefire violation | | 196 |
truce violation | | 196 |
massacre | massacre | |
slaughter | slaughter | |
mass killing | | 202 |
genocide | | 202 |
ethnic cleansing | | 203 |
mass expulsion | | 201 |
chemical attack | | 2041 |
gas attack | | 2041 |
nuclear attack | | 2042 |
# --- agreements in action / breaches ----------------------------------------------------
implementation | implement | |
violation | violate | |
breach | breach | |
compliance | comply | |
extension | extend | |
resumption | resume | |
restoration | restore | |
reopening | reopen | |
# --- vague: need context to code -------------------------------------------------------
response | | | vague
countermeasure | | | vague
counter-measure | | | vague
reaction | | | vague
measure | | | vague
move | | | vague
step | | | vague
action | | | vague
operation | | | vague
campaign | | | vague
initiative | | | vague
effort | | | vague
escalation | | | vague
intervention | | | vague
pressure | | | vague
call | | | vague
claim | | | vague
dispute | | | vague
conflict | | | vague
war | | | vague
violence | | | vague
unrest | | | vague
tension | | | vague
crisis | | | vague
disarmament | | | vague
blast | | | vague
"""


def _parse_nominals(text: str) -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for line in text.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 4:
            raise ValueError(f"nominal line needs 4 fields: {line!r}")
        noun, verb, cameo, note = fields
        out.append((noun, verb, cameo, note))
    return out


NOMINALS: list[tuple[str, str, str, str]] = _parse_nominals(_NOMINALS_TEXT)
