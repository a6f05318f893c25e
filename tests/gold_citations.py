"""Hand-checked gold list: which paragraph of the five seeds cites which instrument.

Read off the seeds by hand (not from the converter's output). Footnotes count for the
paragraph that references them. A name nested in another instrument's name is not a
citation of its own ("… additionnel à la Convention …" cites the protocol only); a text
naming itself (a title) is not a citation.
"""

GOLD = {
    "interpol-2001-declaration-budapest": {
        "pp-3": {"interpol-agn-65-res-8"},
    },
    "ctoc-cop-decision-3-3": {
        "titre": {"protocole-traite", "protocole-migrants"},
        "formule": {"convention-palerme"},
        "op-a": {"protocole-traite", "protocole-migrants"},
        "op-c": {"protocole-traite", "protocole-migrants"},
        "op-h": {"protocole-traite", "protocole-migrants"},
        "op-i": {"convention-palerme"},
        "op-j": {"protocole-traite"},
        "op-k": {"protocole-migrants"},
        "op-l": {"protocole-migrants"},
        "op-m": {"protocole-traite", "protocole-migrants"},
    },
    "a-res-61-180": {
        "entete-7": {"a-61-444"},
        "pp-1": {"a-res-55-25", "a-res-58-137", "a-res-59-166"},
        "pp-2": {"ecosoc-res-2006-27"},
        "pp-3": {"convention-palerme", "protocole-traite", "protocole-facultatif-cde-vente-enfants",
                 "convention-supplementaire-esclavage"},
        "pp-4": {"convention-palerme", "ecosoc-dec-16-lvi", "ecosoc-dec-17-lvi", "ecosoc-dec-1980-127"},
        "pp-10": {"e-cn-4-2006-62", "a-hrc-sub-1-58-25"},
        "op-3": {"convention-palerme", "protocole-traite"},
        "op-4": {"protocole-facultatif-cde-vente-enfants", "cedaw", "convention-supplementaire-esclavage"},
        "op-11": {"ecosoc-res-2006-27"},
        "op-19": {"convention-palerme"},
    },
    "interpol-communique-2013-11-14": {},
    "oea-2009-projet-resolution-traite": {
        "titre": {"oea-rtp-ii-doc-5-09"},
        "pp-1": {"oea-ag-res-2019-xxxiv-o-04", "oea-ag-res-2026-xxxiv-o-04", "oea-ag-res-2118-xxxv-o-05",
                 "oea-ag-res-2256-xxxvi-o-06", "oea-ag-res-2348-xxxvii-o-07"},
        "pp-3": {"oea-rtp-ii-doc-5-09"},
        "pp-4": {"protocole-traite", "convention-palerme"},
        "pp-8": {"oea-rtp-ii-inf-12-09"},
        "op-1": {"convention-palerme", "protocole-traite"},
        "op-2": {"oea-rtp-ii-doc-5-09"},
        "op-4": {"oea-rtp-ii-doc-5-09"},
        "op-6": {"convention-palerme", "protocole-traite"},
        "annexe-titre": {"oea-rtp-ii-doc-5-09"},
        "annexe-pp-4": {"onudc-rapport-mondial-traite-2009"},
        "annexe-pp-5": {"oea-ag-res-2019-xxxiv-o-04", "oea-ag-res-2026-xxxiv-o-04", "oea-ag-res-2118-xxxv-o-05",
                        "oea-ag-res-2256-xxxvi-o-06", "oea-ag-res-2348-xxxvii-o-07", "oea-ag-res-2228-xxxvi-o-06",
                        "oea-ag-res-2369-xxxviii-o-08"},
        "annexe-pp-6": {"declaration-securite-ameriques", "plan-action-criminalite-transnationale-oea"},
        "annexe-pp-7": {"dudh", "declaration-americaine-droits-homme", "pidcp", "pidesc",
                        "convention-americaine-droits-homme", "convention-droits-enfant",
                        "protocole-facultatif-cde-vente-enfants", "protocole-traite",
                        "convention-interamericaine-trafic-mineurs", "oit-convention-182"},
        "annexe-pp-8": {"convention-palerme"},
        "annexe-pp-10": {"declaration-santiago-principes-migratoires", "declaration-montevideo-traite-mercosur",
                         "declaration-asuncion-trafic"},
        "annexe-op-1": {"convention-palerme", "protocole-traite"},
        "annexe-op-8": {"convention-palerme"},
        "annexe-op-9": {"convention-palerme"},
        "annexe-op-14": {"convention-interamericaine-entraide-penale"},
        "annexe-op-42": {"convention-palerme", "protocole-traite"},
        "annexe-op-45": {"protocole-traite"},
        "annexe-op-51": {"oea-rtp-ii-doc-5-09"},
    },
}


def gold_pairs() -> set[tuple[str, str, str]]:
    return {(doc, anchor, inst) for doc, blocks in GOLD.items() for anchor, insts in blocks.items() for inst in insts}
