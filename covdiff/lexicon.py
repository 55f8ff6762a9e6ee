"""Words that news reports use for one another, read as one word when matching claims.

Outlets rarely copy each other: one writes that the president "thanked" the leader, another
that he "expressed gratitude"; "troops" become "soldiers", a "treaty" a "pact". A lexical
matcher that does not know this misses the claim. This is a small hand-made list of the
swaps that news writing makes most often: reporting verbs, movement and meeting verbs,
officials and forces, agreements, quantities of people, time words, and the everyday words
of strikes, elections, disasters and medical studies, and units written out or short
("km"). Each line is one group; every word in it is matched as the first word. Only words,
never names: names must match as written, so that a changed name stays visible as a
conflict.

The list is deliberately conservative: a group joins words an editor would accept as the
same claim in context, not words that are merely related ("rise" and "fall" never meet).
"""

from __future__ import annotations

from functools import lru_cache

_GROUPS = """
say remark announce declare note comment assert tell claim
report reported
add added
warn caution
pledge promise vow commit undertake
thank gratitude grateful thanks appreciate
praise hail laud commend
criticise criticize condemn denounce decry slam blast rebuke
deny reject refute dismiss
accuse allege blame accusation allegation
urge call press appeal
express voice
concern worry fear alarm unease anxiety
support backing assistance help aid backed backs
meet meeting talks summit encounter
visit trip tour
arrive land touch reach
leave depart
travel fly go head
greet receive welcome meet
wait await
sign signed ink seal
agreement deal pact treaty accord
partnership cooperation collaboration alliance ties relationship relations
strengthen deepen bolster boost expand enhance increase
weaken reduce cut lower decrease
rise climb increase jump soar surge grow gain
fall drop decline slide sink plunge slump tumble slip dip
tension tensions friction
attack strike assault raid walkout stoppage
die dead death fatality fatalities killed kill slay
injure wound hurt injured wounded
blaze fire flame inferno ablaze burn burning
firefighter firefighters firemen crew crews
investigate probe examine inquiry investigation
cause reason origin
evacuate evacuated clear
destroy raze gut wreck
damage harm
troop troops soldier soldiers forces military army
weapon weapons arms armaments munitions
missile rocket
official officials authorities
leader head chief
government administration
president presidential
minister ministry
spokesman spokeswoman spokesperson
agency service
news media press
country nation state
capital city
border frontier
car sedan limousine vehicle motorcade
child children kid kids youngster youngsters
people persons residents
crowd spectators fans supporters
km kilometre kilometres kilometer kilometers
mm millimetre millimetres millimeter millimeters
cm centimetre centimetres centimeter centimeters
inch inches
kg kilogram kilograms kilo kilos
woman lady
man men
street streets road roads avenue
flag flags banner banners
photo photograph portrait portraits picture pictures image images
ceremony celebration event
hug embrace
handshake shake
show display demonstrate showcase
big large huge massive major vast
small minor little tiny
many numerous several
new fresh
old former previous ex
begin start launch open commence
end finish conclude close halt stop
continue keep remain
try attempt seek
buy purchase acquire
sell supply provide deliver ship send
give hand present offer
get obtain receive
use employ utilise utilize
help aid assist
allow permit let
block thwart halt veto prevent stop
monitor watch track oversee scrutiny scrutinise scrutinize oversight
sanction sanctions penalties restrictions
impose levy
rate rates interest
raise hike lift increase
inflation prices
bank lender
economy economic
market markets investors
goal score scored strike
win victory beat triumph defeat
lose loss defeated
match game final fixture
coach manager boss
player players squad
referee official
card dismissal sending
stadium ground arena venue
crowd attendance
minute minutes
hour hours
week weeks
year years
day days
morning dawn
night evening
late later
early earlier
today now
yesterday previous
firm company business
worker workers staff employees
warehouse depot storehouse
port harbour harbor docks
smoke fumes
statement remarks comments
quote quoted
happen occur
incident event episode
similar same
cross crossed breach
shot shots
prison jail jails prisons
inmate inmates prisoner prisoners
quake earthquake quakes earthquakes tremor
profit profits earnings
restore resume
seize capture grab
resign quit
arrest detain
lawmaker legislator parliamentarian
protest demonstration
protester protesters demonstrator demonstrators
outrage anger fury
collapse cave crumble
rescue rescuer rescuers
concede concession
vote votes ballot ballots
candidate contender challenger
pay wage wages salary salaries
offer proposal
passenger passengers commuter commuters traveller travellers traveler travelers
cancel scrap axe
drug medicine medication treatment therapy
researcher researchers scientist scientists
placebo dummy
regulator regulators watchdog
approve approval authorise authorize
price cost
expensive costly pricey
mourn mourning grieve grief
money cash funds funding
half halve halved
""".strip().splitlines()


# A place and the words for its people and things: "Syrian forces" are Syria's forces, and a
# headline that says "Kenyan police" reports what another calls "Kenya's police". These are
# one name in two grammatical forms, not two names, so a changed place ("Russian" against
# "Italian") still differs. "usa" is what the tokenizer makes of "U.S." and "US".
_PLACES = """
afghanistan afghan afghans
albania albanian
algeria algerian
america american americans usa
argentina argentine argentinian
armenia armenian
australia australian australians
austria austrian
azerbaijan azerbaijani
bahrain bahraini
bangladesh bangladeshi
belarus belarusian
belgium belgian
bolivia bolivian
bosnia bosnian
brazil brazilian
britain british uk briton britons
bulgaria bulgarian
burma burmese myanmar
cambodia cambodian
cameroon cameroonian
canada canadian canadians
chile chilean
china chinese
colombia colombian
congo congolese
croatia croatian
cuba cuban
cyprus cypriot
denmark danish dane
egypt egyptian egyptians
england english
ethiopia ethiopian
europe european europeans
finland finnish
france french
georgia georgian
germany german germans
ghana ghanaian
greece greek greeks
haiti haitian
honduras honduran
hungary hungarian
india indian indians
indonesia indonesian
iran iranian iranians
iraq iraqi iraqis
ireland irish
israel israeli israelis
italy italian italians
japan japanese
jordan jordanian
kazakhstan kazakh
kenya kenyan kenyans
korea korean koreans
kosovo kosovar
kuwait kuwaiti
lebanon lebanese
libya libyan libyans
lithuania lithuanian
malaysia malaysian
mali malian
mexico mexican mexicans
morocco moroccan
nepal nepalese nepali
netherlands dutch holland
nigeria nigerian nigerians
norway norwegian
pakistan pakistani pakistanis
palestine palestinian palestinians
peru peruvian
philippines philippine filipino filipinos
poland polish
portugal portuguese
qatar qatari
romania romanian
russia russian russians
rwanda rwandan
saudi saudis
scotland scottish scots
serbia serbian serb serbs
somalia somali somalis
spain spanish
sudan sudanese
sweden swedish swede
switzerland swiss
syria syrian syrians
taiwan taiwanese
thailand thai
tunisia tunisian
turkey turkish turk turks
uganda ugandan
ukraine ukrainian ukrainians
venezuela venezuelan
vietnam vietnamese
yemen yemeni yemenis
zambia zambian
zimbabwe zimbabwean
africa african africans
asia asian
arab arabs
""".strip().splitlines()


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from covdiff.normalize import stem

    table: dict[str, str] = {}
    for line in (*_GROUPS, *_PLACES):
        words = line.split()
        head = stem(words[0])
        for w in words:
            # A word in two groups keeps its first: groups earlier in the list are the
            # more specific senses.
            table.setdefault(stem(w), head)
    return table


def concept(stem_: str) -> str:
    """The group head for a stemmed word, or the stem itself when it is in no group."""
    return _table().get(stem_, stem_)
