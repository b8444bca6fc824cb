#!/usr/bin/python3
"""Deterministic benchmark corpus: N service records as own JSON Lines.

Builds realistic records from real public data:
  - names, summaries, descriptions, how-to-apply, cost notes, service
    classes, target groups, life events and keywords (ontology terms) of the
    458 PTV general service descriptions (../shared/data/ptv/
    general-descriptions.json; Draft.js turned into plain text);
  - the PTV code lists in data/codes (old ptvl URIs -> P/KR/KE codes);
  - all 308 municipalities (data/codes/municipalities.csv) with the real
    municipal organisation names and business ids
    (../shared/data/geo/ptv-municipalities.json);
  - the 3,026 postcode areas with centroids (data/codes/postal-code-
    centroids.csv): district names, addresses, coordinates jittered around
    the centroid.
Providers of every type (municipality, wellbeing services county, state, NGO,
parish, private company), every municipality (the first 308 records visit
each one once), opening hours, ages, languages, costs and every channel type.

Record i depends only on (seed, i): the first 10k records of the 100k corpus
are the 10k corpus. Records are written one at a time (1M needs no more
memory than 10k). Usage:

  bench/corpus/generate.py --count 100000 [--out DIR] [--seed 42]

writes DIR/corpus-100000.jsonl (DIR defaults to /tmp/palveluhaku-bench;
never commit corpora) and prints the path.
"""
import argparse
import csv
import json
import math
import os
import random
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CODES = os.path.join(REPO, "data", "codes")
SHARED = os.path.join(os.path.dirname(REPO), "shared", "data")

FAMILY_WORDS = ("neuvola", "perhe", "lapsi", "lasten", "päivähoi", "päiväko", "varhaiskasvatus",
                "esiopetus", "kerho", "nuori", "nuoriso", "koulu", "leikki", "kasvatus",
                "lastensuojelu", "kotipalvelu", "äitiys", "synnyty", "puheterapia", "opiskelu")

STREETS = ["Koulukatu", "Kirkkokatu", "Puistotie", "Asemakatu", "Rantatie", "Myllytie", "Kauppakatu",
           "Torikatu", "Sairaalankatu", "Kalevantie", "Keskuskatu", "Pappilantie", "Urheilutie",
           "Kirjastokatu", "Nuorisotie", "Metsätie", "Koivukuja", "Pihlajatie", "Lähdetie", "Harjutie",
           "Teollisuustie", "Rautatienkatu", "Satamakatu", "Linnankatu", "Tehtaankatu"]
NGO_ORGS = [("Mannerheimin Lastensuojeluliitto", "MLL", "Mannerheims Barnskyddsförbund"),
            ("Suomen Punainen Risti", "SPR", "Finlands Röda Kors"),
            ("Setlementti", "Setlementti", "Settlementet"),
            ("Pelastakaa Lapset ry", "Pelastakaa Lapset", "Rädda Barnen"),
            ("Miessakit ry", "Miessakit", "Miessakit"),
            ("Ensi- ja turvakotien liitto", "Ensi- ja turvakoti", "Förbundet för mödra- och skyddshem"),
            ("Väestöliitto", "Väestöliitto", "Befolkningsförbundet"),
            ("Folkhälsan", "Folkhälsan", "Folkhälsan"),
            ("Nuorten Ystävät", "Nuorten Ystävät", "Nuorten Ystävät"),
            ("Icehearts ry", "Icehearts", "Icehearts")]
NGO_PREFIX = ["perhekahvila", "vertaisryhmä", "kerho", "tukihenkilötoiminta", "perhetalo",
              "olohuone", "neuvontapiste", "avoin kohtaamispaikka"]
PRIVATE_KINDS = [("Päiväkoti", "daycare"), ("Lääkärikeskus", "clinic"), ("Terapiapalvelut", "therapy"),
                 ("Hoivapalvelut", "care"), ("Perhepalvelut", "family")]
STATE_ORGS = [("Kansaneläkelaitos", "Folkpensionsanstalten", "Social Insurance Institution of Finland", "0246246-0"),
              ("Työ- ja elinkeinotoimisto", "Arbets- och näringsbyrån", "Employment and Economic Development Office", "0244680-9"),
              ("Digi- ja väestötietovirasto", "Myndigheten för digitalisering och befolkningsdata", "Digital and Population Data Services Agency", "0245437-2"),
              ("Poliisi", "Polisen", "Police", "0245885-5")]
OTHER_LANGS = ["en", "ru", "so", "ar", "et", "fa", "uk"]
AGE_RANGES = [(0, 0), (0, 6), (0, 17), (1, 6), (3, 6), (6, 6), (7, 12), (7, 15), (10, 17), (13, 17),
              (13, 29), (16, 29), (0, 12), (2, 5)]
HOURS_PATTERNS = [
    [(d, "08:00", "16:00") for d in range(5)],
    [(d, "08:00", "15:30") for d in range(5)],
    [(d, "09:00", "15:00") for d in range(4)],
    [(d, "06:30", "17:30") for d in range(5)],
    [(d, "12:00", "20:00") for d in range(5)] + [(5, "10:00", "16:00")],
    [(1, "09:30", "12:00"), (3, "09:30", "12:00")],
    [(2, "17:00", "19:00")],
    [(d, "00:00", "24:00") for d in range(7)],
    [(0, "10:00", "14:00"), (4, "10:00", "14:00")],
]


def draft_to_text(s):
    if not s:
        return ""
    s = s.strip()
    if s.startswith("{"):
        try:
            return "\n".join(b.get("text", "") for b in json.loads(s).get("blocks", [])).strip()
        except ValueError:
            pass
    return s


def lt(items):
    """PTV [{Lang, Label}] -> {"fi":..,"sv":..,"en":..} (Draft.js -> text)."""
    out = {}
    for it in items or []:
        lang = it.get("Lang")
        if lang in ("fi", "sv", "en"):
            text = draft_to_text(it.get("Label"))
            if text and lang not in out:
                out[lang] = text
    return out


def join_lt(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = (out[k] + "\n" + v) if k in out else v
    return out


def load_code_map(name):
    """old ptvl URI and new URI -> notation."""
    m = {}
    with open(os.path.join(CODES, name), encoding="utf-8") as f:
        for c in json.load(f):
            m[c["Id"]] = c["Notation"]
            if c.get("OldUri"):
                m[c["OldUri"]] = c["Notation"]
    return m


class World:
    def __init__(self):
        classes = load_code_map("ServiceClasses.json")
        groups = load_code_map("TargetGroups.json")
        events = load_code_map("LifeEvents.json")
        with open(os.path.join(SHARED, "ptv", "general-descriptions.json"), encoding="utf-8") as f:
            gds = json.load(f)
        self.templates = []
        self.weights = []
        for g in gds:
            name = lt(g.get("Name"))
            if not name.get("fi"):
                continue
            t = {
                "name": name,
                "summary": lt(g.get("ShortDescription")),
                "description": join_lt(lt(g.get("Description")), lt(g.get("BackgroundDescription"))),
                "how_to_apply": lt(g.get("UserInstructions")),
                "cost_note": lt(g.get("ChargeTypeAdditionalInfo")),
                "service_classes": sorted({classes[c["Key"]] for c in g.get("ServiceClass") or []
                                           if c.get("Key") in classes}),
                "target_groups": sorted({groups[c["Key"]] for c in g.get("TargetGroup") or []
                                         if c.get("Key") in groups}),
                "life_events": sorted({events[c["Key"]] for c in g.get("LifeEvent") or []
                                       if c.get("Key") in events}),
                "keywords": sorted({c["Value"] for c in g.get("OntologyTerm") or [] if c.get("Value")}),
                "cost": {"Free": "free", "Charged": "paid"}.get(g.get("ChargeType"), None),
            }
            family = "KR1.2" in t["target_groups"] or any(w in name["fi"].lower() for w in FAMILY_WORDS)
            t["family"] = family
            self.templates.append(t)
            self.weights.append(5 if family else 1)
        self.cum_weights = []
        acc = 0
        for w in self.weights:
            acc += w
            self.cum_weights.append(acc)

        org = {}
        with open(os.path.join(SHARED, "geo", "ptv-municipalities.json"), encoding="utf-8") as f:
            for m in json.load(f):
                org[m["municipalityCode"]] = (m.get("organizationName"), m.get("businessId"))
        self.municipalities = []
        with open(os.path.join(CODES, "municipalities.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                oname, bid = org.get(r["kuntakoodi"], (None, None))
                self.municipalities.append({
                    "code": r["kuntakoodi"], "fi": r["name_fi"], "sv": r["name_sv"],
                    "region": r["maakunta_code"], "region_fi": r["maakunta_fi"], "region_sv": r["maakunta_sv"],
                    "bilingual": r["language_ratio_code"] not in ("1", ""),
                    "org": oname or (r["name_fi"] + "n kunta"), "business_id": bid or "",
                    "weight": max(1, int(r["postcode_count"] or 1)),
                    "centre": (float(r["centre_lat"]), float(r["centre_lon"])) if r["centre_lat"] else None,
                    "postcodes": []})
        by_code = {m["code"]: m for m in self.municipalities}
        with open(os.path.join(CODES, "postal-code-centroids.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                m = by_code.get(r["municipal_code"])
                if m is None or not r["latitude"]:
                    continue
                m["postcodes"].append({
                    "postcode": r["postcode"], "fi": r["postcode_name_fi"].title(),
                    "sv": r["postcode_name_sv"].title(),
                    "lat": float(r["latitude"]), "lon": float(r["longitude"])})
        for m in self.municipalities:
            if not m["postcodes"] and m["centre"]:
                m["postcodes"].append({"postcode": "", "fi": m["fi"], "sv": m["sv"],
                                       "lat": m["centre"][0], "lon": m["centre"][1]})
        self.municipalities = [m for m in self.municipalities if m["postcodes"]]
        self.mun_cum = []
        acc = 0
        for m in self.municipalities:
            acc += m["weight"]
            self.mun_cum.append(acc)


def pick_template(world, rng):
    return world.templates[_bisect(world.cum_weights, rng.random() * world.cum_weights[-1])]


def _bisect(cum, x):
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] > x:
            hi = mid
        else:
            lo = mid + 1
    return lo


def slug(s):
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "-", ",": "", ".": "", "–": "-", ":": ""})
    return s.lower().translate(table)


def hours_block(rng):
    days = rng.choice(HOURS_PATTERNS)
    return [{"kind": "regular", "days": [{"weekday": d, "open": o, "close": c} for d, o, c in days]}]


def phone(rng, area="3"):
    return {"number": "+358%s%07d" % (area, rng.randrange(10 ** 7))}


def make_record(world, seed, i):
    rng = random.Random(seed * 1_000_003 + i)
    t = pick_template(world, rng)
    if i < len(world.municipalities):
        mun = world.municipalities[i]
    else:
        mun = world.municipalities[_bisect(world.mun_cum, rng.random() * world.mun_cum[-1])]
    pc = rng.choice(mun["postcodes"])
    district = pc["fi"] if pc["fi"].lower() != mun["fi"].lower() else mun["fi"]

    # Provider of every type; health and social services mostly from the county.
    r = rng.random()
    if r < 0.30:
        ptype = "municipality"
        provider = {"id": "org-mun-" + mun["code"], "business_id": mun["business_id"],
                    "name": {"fi": mun["org"]}, "type": ptype}
    elif r < 0.55:
        ptype = "wellbeing_county"
        provider = {"id": "org-hva-" + mun["region"], "name": {"fi": mun["region_fi"] + "n hyvinvointialue",
                                                               "sv": "Välfärdsområdet " + mun["region_sv"]},
                    "type": ptype}
    elif r < 0.60:
        ptype = "state"
        o = STATE_ORGS[i % len(STATE_ORGS)]
        provider = {"id": "org-state-%d" % (i % len(STATE_ORGS)), "business_id": o[3],
                    "name": {"fi": o[0], "sv": o[1], "en": o[2]}, "type": ptype}
    elif r < 0.78:
        ptype = "ngo"
        o = NGO_ORGS[rng.randrange(len(NGO_ORGS))]
        provider = {"id": "org-ngo-%s-%s" % (slug(o[1]), mun["code"]),
                    "name": {"fi": "%s, %s" % (o[0], mun["fi"]), "sv": "%s, %s" % (o[2], mun["sv"])},
                    "type": ptype}
    elif r < 0.88:
        ptype = "parish"
        provider = {"id": "org-par-" + mun["code"],
                    "name": {"fi": mun["fi"] + " seurakunta", "sv": mun["sv"] + " församling"}, "type": ptype}
    else:
        ptype = "private_company"
        kind = PRIVATE_KINDS[rng.randrange(len(PRIVATE_KINDS))][0]
        provider = {"id": "org-priv-%d" % rng.randrange(50000), "business_id": "%07d-%d" % (rng.randrange(10 ** 7), rng.randrange(10)),
                    "name": {"fi": "%s %s Oy" % (district, kind)}, "type": ptype}

    base = t["name"]["fi"]
    form = rng.randrange(6)
    if ptype == "ngo" and rng.random() < 0.6:
        name_fi = "%s %s %s" % (provider["name"]["fi"].split(",")[0], district, rng.choice(NGO_PREFIX))
    elif form == 0:
        name_fi = "%s %s" % (mun["fi"], base[0].lower() + base[1:])
    elif form == 1:
        name_fi = "%s, %s" % (base, district)
    elif form == 2:
        name_fi = "%s – %s" % (base, mun["fi"])
    elif form == 3:
        name_fi = "%s %s" % (district, base[0].lower() + base[1:])
    else:
        name_fi = base
    name = {"fi": name_fi}
    want_sv = mun["bilingual"] or rng.random() < 0.3
    want_en = rng.random() < 0.2
    for lang, want in (("sv", want_sv), ("en", want_en)):
        if want and lang in t["name"]:
            name[lang] = "%s, %s" % (t["name"][lang], mun["sv"] if lang == "sv" else mun["fi"])

    def sub(field):
        return {k: v for k, v in t[field].items() if k == "fi" or name.get(k)}

    rec = {
        "id": "bench-%07d" % i,
        "source": "json:bench-corpus",
        "source_id": str(i),
        "provider": provider,
        "name": name,
    }
    summary = sub("summary")
    if summary:
        summary["fi"] = summary.get("fi", "") + (" Palvelupiste: %s, %s." % (district, mun["fi"]))
        rec["summary"] = summary
    desc = sub("description")
    if desc:
        rec["description"] = desc
    for f in ("service_classes", "target_groups", "life_events"):
        if t[f]:
            rec[f] = t[f]
    kw = list(t["keywords"])
    if rng.random() < 0.3:
        kw.append(district.lower())
    if kw:
        rec["keywords"] = {"fi": kw}
    if t["family"] or "KR1.2" in t["target_groups"]:
        if rng.random() < 0.8:
            a, b = rng.choice(AGE_RANGES)
            rec["age_min"], rec["age_max"] = a, b
    elif rng.random() < 0.1:
        rec["age_min"] = rng.choice((16, 18, 65))
    langs = ["fi"]
    if mun["bilingual"] or rng.random() < 0.15:
        langs.append("sv")
    if rng.random() < 0.2:
        langs.append(rng.choice(OTHER_LANGS))
    rec["languages"] = sorted(set(langs))
    cost = t["cost"] or rng.choice(["free", "free", "paid", "partly", "unknown"])
    if cost != "unknown":
        rec["cost"] = cost
    if t["cost_note"] and rng.random() < 0.5 and sub("cost_note"):
        rec["cost_note"] = sub("cost_note")
    if t["how_to_apply"] and rng.random() < 0.6:
        rec["how_to_apply"] = sub("how_to_apply")
    if ptype == "state":
        rec["area"] = {"whole_country": True}
    elif ptype == "wellbeing_county":
        rec["area"] = {"regions": [mun["region"]]}
    else:
        rec["area"] = {"municipalities": [mun["code"]]}

    # Channels: locations (most), phones, web pages, e-services.
    nloc = 0 if ptype == "state" and rng.random() < 0.7 else rng.choice((0, 1, 1, 1, 1, 2, 3))
    locs = []
    for k in range(nloc):
        p = pc if k == 0 else rng.choice(mun["postcodes"])
        lat = p["lat"] + rng.gauss(0, 0.008)
        lon = p["lon"] + rng.gauss(0, 0.016)
        dname = p["fi"] if p["fi"].lower() != mun["fi"].lower() else mun["fi"]
        loc = {"id": "loc-%d-%d" % (i, k),
               "name": {"fi": "%s %s" % (dname, rng.choice(("toimipiste", "palvelupiste", "talo", "keskus")))},
               "address": {"street": {"fi": "%s %d" % (rng.choice(STREETS), rng.randrange(1, 80))},
                           "postcode": p["postcode"], "post_office": {"fi": p["fi"].upper(), "sv": p["sv"].upper()},
                           "municipality_code": mun["code"]},
               "coord": {"lat": round(lat, 6), "lon": round(lon, 6)}}
        if p["postcode"] == "":
            del loc["address"]["postcode"]
        if rng.random() < 0.85:
            loc["hours"] = hours_block(rng)
        if rng.random() < 0.5:
            loc["phones"] = [phone(rng)]
        locs.append(loc)
    if locs:
        rec["locations"] = locs
    if rng.random() < 0.6:
        rec["phones"] = [phone(rng, rng.choice(("3", "9", "40", "50")))]
    if rng.random() < 0.7:
        rec["web_pages"] = [{"url": "https://www.%s.fi/palvelut/%s-%d" % (slug(mun["fi"]), slug(base)[:40], i),
                             "name": {"fi": base}}]
    if rng.random() < 0.2:
        rec["eservices"] = [{"url": "https://asiointi.%s.fi/%d" % (slug(mun["fi"]), i),
                             "name": {"fi": "Sähköinen asiointi: " + base}}]
    day = (i * 7919) % 900
    rec["last_modified"] = "20%02d-%02d-%02dT%02d:00:00Z" % (24 + day // 360, 1 + (day // 30) % 12,
                                                              1 + day % 28, day % 24)
    return rec


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True, help="number of services (e.g. 10000, 100000, 1000000)")
    ap.add_argument("--out", default="/tmp/palveluhaku-bench", help="output directory (default %(default)s)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default %(default)s)")
    ap.add_argument("--start", type=int, default=0, help="first record number (default 0)")
    ap.add_argument("--stdout", action="store_true", help="write to stdout instead of a file")
    args = ap.parse_args(argv)
    world = World()
    if args.stdout:
        out = sys.stdout
        path = "-"
    else:
        os.makedirs(args.out, exist_ok=True)
        path = os.path.join(args.out, "corpus-%d.jsonl" % args.count)
        out = open(path + ".tmp", "w", encoding="utf-8")
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for i in range(args.start, args.start + args.count):
        out.write(dumps(make_record(world, args.seed, i)))
        out.write("\n")
    if out is not sys.stdout:
        out.close()
        os.replace(path + ".tmp", path)
        print(path)


if __name__ == "__main__":
    main()
