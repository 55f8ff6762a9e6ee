"""Word lists for the sentence segmenter (`covdiff.sentences`).

Kept apart from the segmenter so that the rules read as code and the vocabulary as data.
Every entry is lower case and written without its final period ("u.s" for "U.S."), except
the capitalised sentence starters, which are matched as written.

The lists only matter where a period is followed by a capitalised word or a digit: a period
followed by a lower-case word never ends a sentence, whatever precedes it.
"""

from __future__ import annotations

PREPOSITIVE: frozenset[str] = frozenset(
    """
    adm amb asst atty attys brig capt cdr cmdr col comdr cpl det dr drs fr gen gov hon insp lt
    maj messrs mgr mme mlle mr mrs ms msgr mt mts pfc pres prof pvt rep reps rev sen sens sgt
    sra srta st ste supt
    e.g eg i.e ie cf viz vs ca approx incl esp excl resp
    """.split()
)
"""Abbreviations that introduce what follows ("Mr. Smith", "Gen. Lee", "e.g. Paris"): a
capitalised word after them is part of the same sentence, so they never end one."""

AMBIGUOUS: frozenset[str] = frozenset(
    """
    inc co cos corp ltd llc plc bros jr sr esq
    """.split()
)
"""Abbreviations that often stand before a capitalised name ("Acme Inc. Chairman") yet also
end sentences ("talks with Pitt & Co. It closed"): they end one only before a word that
typically opens a sentence (`STARTERS`). Single letters ("E.", "I.") and dotted initialisms
("U.S.", "a.m.") are treated the same way without being listed."""

ABBREVIATIONS: frozenset[str] = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos nr n° nº p pp vol vols fig figs art arts ch chap sec sect para op ref pt pts
    ex tel ext rs
    est min max avg hr hrs sq ft lb lbs oz mi km
    dept univ assn ave blvd rd hwy etc al ed eds govt intl natl misc ph.d
    """.split()
)
"""Other known abbreviations: they end a sentence before a capitalised word, like any word,
but not before a number ("Sept. 11", "No. 10", "p. 55", "N°. 1026")."""

STARTERS: frozenset[str] = frozenset(
    """
    A An The This That These Those There Then Thus Here
    He She It They We I You His Her Its Their Our My Your
    But And Or So Yet Nor In On At For From By With Without After Before As If When Where While
    Whereas What Which Who Whom Whose Why How However Meanwhile Moreover Furthermore Also Still
    Some Many Most All Both Each Every No Not Being Did Do Does Is Are Was Were Has Have Had
    Since Although Though Because Until Once Now Today Yesterday Other Another Such Despite
    During Later Earlier Instead Indeed Overall According More Millions
    """.split()
)
"""Words that typically open a sentence. After an ambiguous abbreviation, "U.S. The" ends a
sentence where "U.S. Government" does not."""

TIME_FOLLOWERS: frozenset[str] = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT UTC BST CET CEST EET MSK IST
    KST JST AEST AEDT HKT SGT WIB Eastern Central Mountain Pacific Atlantic Greenwich
    """.split()
)
"""Capitalised words that go on a time: after "a.m."/"p.m." ("6 p.m. Tuesday", "9 a.m. GMT")
the sentence continues; before any other capitalised word ("6 P.M. Travelers") it ends."""

HONORIFIC_STARTERS: frozenset[str] = frozenset({"Mr.", "Mrs.", "Ms.", "Dr."})
"""Abbreviated starters: "at 6 P.M. Mr. Smith then left" starts a new sentence at "Mr."."""

REPORTING_VERBS: tuple[str, ...] = tuple(
    """
    said says asked asks added adds told tells wrote writes replied replies remarked remarks
    explained explains insisted insists noted notes shouted yelled warned warns continued
    recalled recalls declared stated tweeted posted argued argues answered cried exclaimed
    wondered whispered demanded quipped joked responded countered acknowledged admitted
    conceded concluded suggested urged
    """.split()
)
"""Verbs of saying: in `“Why now?” Blinken asked.` the question mark ends the quotation,
not the sentence, because a name and one of these verbs follow."""
