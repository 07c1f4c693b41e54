"""Curated lexical data for ``convert_cameo_verbs.py`` (build-time only).

* ``IRREGULAR``: the common English irregular verbs (past, past participle and the -s/-ing
  forms where these are irregular), written to ``verb_forms.tsv``.
* ``DOUBLING`` / ``NO_DOUBLING``: spelling decisions for lemmas ending consonant-vowel-
  consonant that the converter cannot make on its own (``commit`` -> ``committed`` but
  ``visit`` -> ``visited``). One-syllable lemmas double automatically (``stop``).
* ``C_TO_CK``: lemmas ending in -c that take -ck- (``panic`` -> ``panicked``).
* ``VERB_PREFIXES`` / ``NOT_PREFIXED``: prefixed compounds inherit the forms of an
  irregular base (``withdraw`` -> ``withdrew``), except the listed false friends.
* ``BOGUS_FORMS``: forms in the source ``{...}`` lists that must not become table rows.
* ``NOMINALS``: eventive nouns of political news -> verb lemma or CAMEO code.
"""

from __future__ import annotations

# lemma past past-participle [s=FORM] [ing=FORM]; "/" separates variants
_IRREGULAR_TEXT = """
abide abode/abided abode/abided
arise arose arisen
awake awoke awoken
be was/were been s=is/are/am ing=being
bear bore borne/born
beat beat beaten/beat
become became become
befall befell befallen
beget begot begotten
begin began begun
behold beheld beheld
bend bent bent
beseech besought/beseeched besought/beseeched
beset beset beset
bet bet bet
bid bid/bade bid/bidden
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast/broadcasted broadcast/broadcasted
build built built
burn burnt/burned burnt/burned
burst burst burst
bust bust/busted bust/busted
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cleave cleaved/clove/cleft cleaved/cloven/cleft
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
dive dove/dived dived
do did done s=does
draw drew drawn
dream dreamt/dreamed dreamt/dreamed
drink drank drunk
drive drove driven
dwell dwelt/dwelled dwelt/dwelled
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fling flung flung
fly flew flown
forbid forbade/forbad forbidden
forecast forecast/forecasted forecast/forecasted
forgo forwent forgone
forsake forsook forsaken
forswear forswore forsworn
freeze froze frozen
get got got/gotten
give gave given
go went gone s=goes
grind ground ground
grow grew grown
hang hung/hanged hung/hanged
have had had s=has ing=having
hear heard heard
heave heaved/hove heaved/hove
hew hewed hewn/hewed
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt/kneeled knelt/kneeled
knit knit/knitted knit/knitted
know knew known
lay laid laid
lead led led
lean leant/leaned leant/leaned
leap leapt/leaped leapt/leaped
learn learnt/learned learnt/learned
leave left left
lend lent lent
let let let
lie lay/lied lain/lied
light lit/lighted lit/lighted
lose lost lost
make made made
mean meant meant
meet met met
mistake mistook mistaken
mow mowed mown/mowed
pay paid paid
plead pleaded/pled pleaded/pled
prove proved proven/proved
put put put
quit quit/quitted quit/quitted
read read read
rid rid rid
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
sew sewed sewn/sewed
shake shook shaken
shear sheared shorn/sheared
shed shed shed
shine shone/shined shone/shined
shoot shot shot
show showed shown/showed
shrink shrank/shrunk shrunk
shut shut shut
sing sang sung
sink sank/sunk sunk
sit sat sat
slay slew slain
sleep slept slept
slide slid slid
sling slung slung
slink slunk slunk
slit slit slit
smell smelt/smelled smelt/smelled
smite smote smitten
sow sowed sown/sowed
speak spoke spoken
speed sped/speeded sped/speeded
spell spelt/spelled spelt/spelled
spend spent spent
spill spilt/spilled spilt/spilled
spin spun spun
spit spat/spit spat/spit
split split split
spoil spoilt/spoiled spoilt/spoiled
spread spread spread
spring sprang/sprung sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
stink stank/stunk stunk
strew strewed strewn/strewed
stride strode stridden
strike struck struck/stricken
string strung strung
strive strove/strived striven/strived
swear swore sworn
sweep swept swept
swell swelled swollen/swelled
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
thrive thrived/throve thrived/thriven
throw threw thrown
thrust thrust thrust
tread trod trodden/trod
wake woke/waked woken/waked
wear wore worn
weave wove/weaved woven/weaved
wed wed/wedded wed/wedded
weep wept wept
wet wet/wetted wet/wetted
win won won
wind wound wound
wring wrung wrung
write wrote written
"""


def _parse_irregular(text: str) -> dict[str, dict[str, list[str]]]:
    table: dict[str, dict[str, list[str]]] = {}
    for line in text.strip().splitlines():
        parts = line.split()
        lemma, past, pp, *extra = parts
        entry: dict[str, list[str]] = {"past": past.split("/"), "pp": pp.split("/")}
        for item in extra:
            key, _, forms = item.partition("=")
            entry[key] = forms.split("/")
        if lemma in table:
            raise ValueError(f"irregular verb {lemma} listed twice")
        table[lemma] = entry
    return table


IRREGULAR: dict[str, dict[str, list[str]]] = _parse_irregular(_IRREGULAR_TEXT)


def _words(text: str) -> frozenset[str]:
    """Whitespace-separated words of a curated list."""
    return frozenset(text.split())


# Prefixed compounds of an irregular base get the base's forms (withdraw -> withdrew,
# overthrow -> overthrew, undertake -> undertook, uphold -> upheld, mislead -> misled,
# misunderstand -> misunderstood).
VERB_PREFIXES: frozenset[str] = _words(
    "with over under up out mis re fore be for in down off by inter counter un"
)
# words that look like prefix + irregular verb but are regular
NOT_PREFIXED: frozenset[str] = _words("relay belay belie retread")

# multi-syllable lemmas ending consonant-vowel-consonant whose final consonant doubles
DOUBLING: frozenset[str] = (
    _words("""abet abhor acquit admit allot annul aver begin beget beset commit compel concur confer
    control corral debar defer deter dispel embed emit enrol enthral equip excel expel
    extol forbid forget format handicap impel incur infer instil kidnap occur omit outbid
    outfit outrun overrun patrol permit prefer propel rebel recur refer regret remit repel
    rebut submit transfer transmit unpin unwrap upset worship eavesdrop entrap outstrip
    sidestep imbed
    pit stop plan""")
)

# vowel-pair + l lemmas with British doubled variants (duelled, fuelled)
UK_L_EXTRA: frozenset[str] = frozenset({"duel", "fuel"})

# multi-syllable CVC lemmas that do not double (stress not on the last syllable)
NO_DOUBLING: frozenset[str] = (
    _words("""audit benefit budget credit deposit develop edit elicit envelop exhibit gallop
    gossip inhabit inherit inhibit limit market merit orbit pilot posit profit prohibit
    rivet solicit target visit vomit ballot bias combat focus augur""")
)

# -c lemmas taking -ck- before -ed/-ing
C_TO_CK: frozenset[str] = _words("panic picnic mimic traffic frolic politic")

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
