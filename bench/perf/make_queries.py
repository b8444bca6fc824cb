#!/usr/bin/python3
"""Writes bench/perf/queries.tsv, the fixed query mix (run once; the TSV is
committed so every run and every engine sees exactly the same queries).

Columns: tag, q, params. `params` is a URL query string without q, in the
parameter names of GET /api/v1/search (municipality, region, provider_type,
service_class, target_group, language, cost, channel, age, near, radius_km,
sort). Every search asks for all facet counts.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = ["neuvola", "päiväkoti", "perheneuvola", "lastenneuvola", "äitiysneuvola", "varhaiskasvatus",
        "kerhotoiminta", "perhetyö", "lastensuojelu", "kotipalvelu", "puheterapia", "nuorisotyö",
        "kirjasto", "esiopetus", "perhehoito", "psykoterapia", "perhekahvila", "perusopetus",
        "harrastus", "sovittelu", "kuntoutus", "päihdepalvelut", "mielenterveys", "toimintaterapia",
        "perhepäivähoito", "koululaisten", "lukiokoulutus", "asumispalvelut", "nuorisotilat", "seurakunta"]
INFLECTED = ["neuvolaan", "neuvolassa", "neuvolat", "päiväkotiin", "päiväkodit", "päiväkodissa",
             "perheneuvolaan", "perheneuvolasta", "kerhoon", "kerhot", "kirjastossa", "kirjastoon",
             "lastensuojelun", "puheterapiaan", "nuorisotiloja", "kotipalvelua", "varhaiskasvatukseen",
             "esiopetukseen", "hammashoitoon", "perhetyöntekijä", "lapsille", "nuorille", "perheille",
             "kuntoutukseen", "koulutukseen"]
COMPOUND_PARTS = ["terapia", "hoito", "kasvatus", "päivystys", "psykiatria", "neuvonta", "ohjaus",
                  "tuki", "palvelu", "opetus", "kerho", "perhe", "hammas", "koulu", "nuoriso"]
ASCII_FOLDED = ["paivakoti", "aitiysneuvola", "paivahoito", "perhetyo", "paivystys", "hammashoito",
                "paihdepalvelut", "tyollisyys", "lasten paivahoito", "perhepaivahoito", "kayttajat",
                "erityisvarhaiskasvatus", "aamu- ja iltapaivatoiminta", "hyvinvointialue", "yhdistys"]
MULTI = ["lasten neuvola", "perheneuvolan palvelut", "tilapäinen päivähoito", "lastensuojelun avohuolto",
         "nuorten mielenterveys", "mll perhekahvila", "seurakunta kerho", "puheterapia lapsille",
         "aamu- ja iltapäivätoiminta", "koululaisten suun terveydenhuolto", "perheasioiden sovittelu",
         "avoin varhaiskasvatus", "etsivä nuorisotyö", "lapsen saaminen", "kunnallinen päiväkotihoito",
         "yksityinen perhepäivähoito", "nuorisopsykiatrian päivystys", "vertaisryhmä vanhemmille",
         "tukihenkilö nuorelle", "perhekeskus tampere", "neuvola hervanta", "kirjasto helsinki",
         "päiväkoti espoo", "kerho oulu", "lukio turku"]
MUNICIPALITIES = ["837", "091", "564", "853", "049", "092", "179", "297", "398", "109", "005", "211",
                  "980", "418", "536", "604", "905", "743", "287", "Tampere", "Helsinki"]
REGIONS = ["06", "01", "02", "17", "13"]
PROVIDER_TYPES = ["municipality", "wellbeing_county", "state", "ngo", "parish", "private_company"]
CLASSES = ["P3.4", "P5.2", "P3.7", "P3.8", "P6.1", "P6.2", "P6.3", "P5.7", "P4.3", "P3", "P5", "P6"]
TARGET_GROUPS = ["KR1.2", "KR1.3", "KR1.6"]
LANGUAGES = ["sv", "en", "ru", "so"]
COSTS = ["free", "paid", "partly"]
CHANNELS = ["location", "phone", "web", "eservice"]
PLACES = {"tampere": "61.4978,23.7610", "helsinki": "60.1699,24.9384", "oulu": "65.0121,25.4651",
          "turku": "60.4518,22.2666", "hervanta": "61.4500,23.8500", "jyvaskyla": "62.2426,25.7473",
          "kuopio": "62.8924,27.6770", "rovaniemi": "66.5039,25.7294", "vaasa": "63.0951,21.6165",
          "lahti": "60.9827,25.6612"}


def main():
    rng = random.Random(2026)
    texts = ([("base", w) for w in BASE] + [("inflected", w) for w in INFLECTED]
             + [("compound_part", w) for w in COMPOUND_PARTS] + [("folded", w) for w in ASCII_FOLDED]
             + [("multi", w) for w in MULTI])
    rows = []
    # 1) Every text once, plain (115 queries).
    for tag, q in texts:
        rows.append((tag, q, ""))
    # 2) Text + filters (45).
    def filters():
        p = []
        kinds = rng.sample(["municipality", "region", "provider_type", "service_class", "target_group",
                            "language", "cost", "channel", "age"], rng.choice((1, 1, 2, 2, 3)))
        for k in kinds:
            if k == "municipality":
                for v in rng.sample(MUNICIPALITIES, rng.choice((1, 1, 2))):
                    p.append("municipality=" + v)
            elif k == "region":
                p.append("region=" + rng.choice(REGIONS))
            elif k == "provider_type":
                for v in rng.sample(PROVIDER_TYPES, rng.choice((1, 2))):
                    p.append("provider_type=" + v)
            elif k == "service_class":
                p.append("service_class=" + rng.choice(CLASSES))
            elif k == "target_group":
                p.append("target_group=" + rng.choice(TARGET_GROUPS))
            elif k == "language":
                p.append("language=" + rng.choice(LANGUAGES))
            elif k == "cost":
                p.append("cost=" + rng.choice(COSTS))
            elif k == "channel":
                p.append("channel=" + rng.choice(CHANNELS))
            elif k == "age":
                p.append("age=%d" % rng.randrange(0, 18))
        return "&".join(p)
    for _ in range(45):
        tag, q = rng.choice(texts)
        rows.append((tag + "+filters", q, filters()))
    # 3) Near me: relevance with a location, distance sort, radius (30).
    for n in range(30):
        tag, q = rng.choice(texts)
        place = rng.choice(sorted(PLACES))
        p = ["near=" + PLACES[place]]
        if n % 3 != 0:
            p.append("sort=distance")
        if n % 2 == 0:
            p.append("radius_km=%d" % rng.choice((5, 10, 25, 50)))
        if n % 5 == 0:
            p.append(filters())
        rows.append((tag + "+near", q, "&".join(p)))
    # 4) Filters only, no text (browse a category near a place) (10).
    for n in range(10):
        p = [filters()]
        if n % 2 == 0:
            p.append("near=" + PLACES[rng.choice(sorted(PLACES))] + "&sort=distance")
        rows.append(("browse", "", "&".join(p)))
    with open(os.path.join(HERE, "queries.tsv"), "w", encoding="utf-8") as f:
        f.write("# tag\tq\tparams  (generated by make_queries.py; fixed query mix, see bench/README.md)\n")
        for tag, q, p in rows:
            f.write("%s\t%s\t%s\n" % (tag, q, p))
    print(len(rows), "queries")


if __name__ == "__main__":
    main()
