#!/usr/bin/python3
"""Builds the bundled Pirkanmaa sample data in data/sample/ (deterministically).

    /usr/bin/python3 scripts/make-sample-data.py [--shared /work/shared/data] [--out data/sample]
    /usr/bin/python3 scripts/make-sample-data.py --check   # rebuild in memory, compare with the committed files

Reads the shared reference data only at development time; the product uses the committed outputs:

  data/sample/daycare-units.jsonl      real Tampere-area daycare centres and clubs (trevaka), own JSON Lines
  data/sample/pirkanmaa-services.jsonl PTV general descriptions (real texts and codes) offered by their real
                                       organisers in the 23 Pirkanmaa municipalities, own JSON Lines
  data/sample/ngo-services.csv         composed NGO and small-provider services, CSV template (';', BOM)
  data/sample/parish-services.csv      composed parish services, CSV template (';', BOM)

What is real and what composed is documented in data/README.md. Every record is validated before it is
written (codes exist in data/codes, municipality codes and postcodes are Pirkanmaa's, coordinates lie inside
Pirkanmaa, required fields present, ids unique); a failed check prints the problems and exits 1.
Only the Python standard library is used.
"""

import argparse
import csv
import hashlib
import io
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGION = "06"

# Fixed "last modified" stamps: the outputs must not change from one run to the next.
STAMP_UNITS = "2026-10-01T06:00:00Z"
STAMP_PTV = "2026-10-15T06:00:00Z"


# --------------------------------------------------------------------------------------------------
# Reference data

class Geo:
    """Municipalities and postcode centroids (WGS84) of the shared data."""

    def __init__(self, shared):
        self.muni = {}  # code -> row
        with open(os.path.join(shared, "geo", "municipalities.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.muni[row["kuntakoodi"]] = row
        self.postcodes = {}  # postcode -> row
        with open(os.path.join(shared, "geo", "postal-code-centroids.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.postcodes[row["postcode"]] = row
        self.region_munis = sorted(c for c, r in self.muni.items() if r["maakunta_code"] == REGION)

    def name(self, code, lang="fi"):
        return self.muni[code]["name_fi" if lang == "fi" else "name_sv"]

    def post_office(self, postcode):
        row = self.postcodes[postcode]
        return {"fi": title_case(row["postcode_name_fi"]), "sv": title_case(row["postcode_name_sv"])}

    def point(self, postcode, salt=""):
        """The postcode area's centroid, moved by a small deterministic offset (< ~250 m) when `salt`
        is given so that composed places in one postcode area do not sit on the same spot."""
        row = self.postcodes[postcode]
        lat, lon = float(row["latitude"]), float(row["longitude"])
        if salt:
            h = hashlib.sha1(salt.encode("utf-8")).digest()
            lat += (h[0] - 127.5) / 127.5 * 0.0020
            lon += (h[1] - 127.5) / 127.5 * 0.0040
        return {"lat": round(lat, 5), "lon": round(lon, 5)}


def title_case(s):
    s = s.strip()
    if not s:
        return s
    out = []
    for part in s.split(" "):
        out.append("-".join(p[:1].upper() + p[1:].lower() for p in part.split("-")))
    res = " ".join(out)
    return res.replace(" As", " as")  # "Orivesi as" (asema), as Posti writes it in lower case


class Codes:
    """PTV code lists of data/codes (the repository's copies)."""

    def __init__(self):
        self.by_notation = {}
        self.by_old_uri = {}
        for name in ("ServiceClasses", "TargetGroups", "LifeEvents"):
            with open(os.path.join(REPO, "data", "codes", name + ".json"), encoding="utf-8") as f:
                for c in json.load(f):
                    self.by_notation[c["Notation"]] = c
                    for key in (c.get("OldUri"), c.get("Id")):
                        if key:
                            self.by_old_uri[key] = c["Notation"]

    def exists(self, notation):
        return notation in self.by_notation

    def from_uri(self, uri):
        return self.by_old_uri.get(uri)


# --------------------------------------------------------------------------------------------------
# Small builders

def lt(fi=None, sv=None, en=None):
    out = {}
    for k, v in (("fi", fi), ("sv", sv), ("en", en)):
        if v:
            out[k] = v
    return out


DAYS = ["ma", "ti", "ke", "to", "pe", "la", "su"]


def parse_hours(spec):
    """'ma-pe 08:00-16:00|la 10:00-14:00' -> [{"weekday","open","close"}...] (0 = Monday)."""
    days = []
    for part in spec.split("|"):
        part = part.strip()
        if not part:
            continue
        dpart, tpart = part.split(" ")
        open_, close = tpart.split("-")
        for dd in dpart.split(","):
            if "-" in dd:
                a, b = dd.split("-")
                rng = range(DAYS.index(a), DAYS.index(b) + 1)
            else:
                rng = [DAYS.index(dd)]
            for d in rng:
                days.append({"weekday": d, "open": open_, "close": close})
    days.sort(key=lambda x: (x["weekday"], x["open"]))
    return days


def hours_entry(spec, note=None):
    e = {"kind": "regular", "days": parse_hours(spec)}
    if note:
        e["note"] = note
    return e


def stable_pick(seq, key):
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16)
    return seq[h % len(seq)]


def composed_phone(key):
    """A composed phone number in the Tampere area code whose subscriber part begins with 0, a range
    that is not given to subscribers, so the number reaches nobody: '+358 3 0NNN NNNN'."""
    h = int(hashlib.sha1(("phone:" + key).encode("utf-8")).hexdigest(), 16)
    n = h % 10_000_000
    s = "%07d" % n
    return "+358 3 0%s %s" % (s[:3], s[3:])


def draft_to_text(label):
    """Draft.js JSON string (or plain text) -> plain text, blocks joined with blank lines."""
    if not label:
        return ""
    label = label.strip()
    if label.startswith("{"):
        try:
            doc = json.loads(label)
        except ValueError:
            return label
        blocks = [b.get("text", "").strip() for b in doc.get("blocks", [])]
        return "\n\n".join(b for b in blocks if b)
    return label


# --------------------------------------------------------------------------------------------------
# Organisations

def municipality_provider(geo, code, ptv_munis):
    row = ptv_munis.get(code, {})
    org = row.get("organizationName") or ("%s kunta" % geo.name(code))
    sv = None
    en = None
    fi_name = geo.name(code)
    sv_name = geo.name(code, "sv")
    if org.endswith("kaupunki"):
        sv = "%s stad" % sv_name
        en = "City of %s" % fi_name
    elif org.endswith("kunta"):
        sv = "%s kommun" % sv_name
        en = "Municipality of %s" % fi_name
    return {"id": "", "business_id": row.get("businessId", ""), "name": lt(org, sv, en),
            "type": "municipality"}


PIRHA = {"id": "", "business_id": "",
         "name": lt("Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde",
                    "Pirkanmaa Wellbeing Services County"),
         "type": "wellbeing_county"}
PIRHA_WEB = "https://www.pirha.fi"

# Municipal main web domains (the municipality's own site).
MUNI_WEB = {
    "020": "https://www.akaa.fi", "108": "https://www.hameenkyro.fi", "143": "https://www.ikaalinen.fi",
    "177": "https://www.juupajoki.fi", "211": "https://www.kangasala.fi", "250": "https://www.kihnio.fi",
    "291": "https://www.kuhmoinen.fi", "418": "https://www.lempaala.fi", "508": "https://www.mantta-vilppula.fi",
    "536": "https://www.nokiankaupunki.fi", "562": "https://www.orivesi.fi", "581": "https://www.parkano.fi",
    "604": "https://www.pirkkala.fi", "619": "https://www.punkalaidun.fi", "635": "https://www.palkane.fi",
    "702": "https://www.ruovesi.fi", "790": "https://www.sastamala.fi", "837": "https://www.tampere.fi",
    "887": "https://www.urjala.fi", "908": "https://www.valkeakoski.fi", "922": "https://www.vesilahti.fi",
    "936": "https://www.virrat.fi", "980": "https://www.ylojarvi.fi",
}

# Finnish genitive (for names like "Nokian lastenneuvola"), the municipality's "centre" postcode (where
# the town hall / health centre is; composed choice), and the Swedish inessive form "i <name>".
MUNI_GEN = {
    "020": "Akaan", "108": "Hämeenkyrön", "143": "Ikaalisten", "177": "Juupajoen", "211": "Kangasalan",
    "250": "Kihniön", "291": "Kuhmoisten", "418": "Lempäälän", "508": "Mänttä-Vilppulan", "536": "Nokian",
    "562": "Oriveden", "581": "Parkanon", "604": "Pirkkalan", "619": "Punkalaitumen", "635": "Pälkäneen",
    "702": "Ruoveden", "790": "Sastamalan", "837": "Tampereen", "887": "Urjalan", "908": "Valkeakosken",
    "922": "Vesilahden", "936": "Virtain", "980": "Ylöjärven",
}
MUNI_CENTRE_POSTCODE = {
    "020": "37800", "108": "39100", "143": "39500", "177": "35500", "211": "36200", "250": "39820",
    "291": "17800", "418": "37500", "508": "35800", "536": "37100", "562": "35300", "581": "39700",
    "604": "33960", "619": "31900", "635": "36600", "702": "34600", "790": "38200", "837": "33100",
    "887": "31700", "908": "37600", "922": "37470", "936": "34800", "980": "33470",
}

# Pirha service areas used for the services that are given in fewer places than every municipality
# (perheneuvola, perhetyö, lastenvalvoja...). A composed grouping of neighbouring municipalities; the
# first code is where the office is.
CLUSTERS = [
    ("837", ["837"]),
    ("536", ["536", "604", "922"]),
    ("980", ["980", "108"]),
    ("211", ["211", "635", "562", "291"]),
    ("908", ["908", "418", "020", "887"]),
    ("790", ["790", "619"]),
    ("581", ["581", "143", "250"]),
    ("508", ["508", "702", "936", "177"]),
]

# Tampere neighbourhoods that get their own neuvola (key, genitive, fi/sv/en place name, postcode).
TAMPERE_AREAS = [
    ("keskusta", "Tampereen keskustan", "Tampereen keskusta", "Tammerfors centrum", "Tampere city centre", "33100"),
    ("hervanta", "Hervannan", "Hervanta", "Hervanta", "Hervanta", "33720"),
    ("tesoma", "Tesoman", "Tesoma", "Tesoma", "Tesoma", "33310"),
    ("linnainmaa", "Linnainmaan", "Linnainmaa", "Linnainmaa", "Linnainmaa", "33580"),
    ("kaleva", "Kalevan", "Kaleva", "Kaleva", "Kaleva", "33540"),
    ("lielahti", "Lielahden", "Lielahti", "Lielahti", "Lielahti", "33400"),
]

# Composed street addresses for the wellbeing county's and the municipalities' service points
# (plausible, not verified; postcodes and coordinates are real).
SOTE_STREET = {
    "020": "Kylmäkoskentie 3", "108": "Sasintie 2", "143": "Valtakatu 7", "177": "Kyösti Kallion tie 4",
    "211": "Kuohuntie 5", "250": "Kihniöntie 40", "291": "Kuhmoistentie 14", "418": "Kuokkalantie 8",
    "508": "Koulukatu 12", "536": "Sosiaalikuja 3", "562": "Keskuskatu 30", "581": "Parkanontie 56",
    "604": "Suupanraitti 4", "619": "Vanhatie 24", "635": "Sappeentie 2", "702": "Ruovedentie 9",
    "790": "Asemakatu 14", "837": "Hatanpään valtatie 24", "887": "Kuurnantie 4", "908": "Valtakatu 11",
    "922": "Narvantie 6", "936": "Virtaintie 38", "980": "Mikkolantie 3",
}
TAMPERE_STREET = {
    "keskusta": "Kalevantie 2", "hervanta": "Lindforsinkatu 4", "tesoma": "Tesomankatu 17",
    "linnainmaa": "Korkinmäenkatu 11", "kaleva": "Kalevanpuistotie 12", "lielahti": "Lielahdenkatu 21",
}
LIBRARY = {  # name fi, street (composed except Metso), postcode
    "837": ("Tampereen pääkirjasto Metso", "Pirkankatu 2", "33210"),
}
YOUTH_STREET = {
    "020": "Sontulantie 3", "108": "Kyröskoskentie 20", "143": "Valtakatu 20", "177": "Koulutie 2",
    "211": "Pikkolantie 2", "250": "Kihniöntie 45", "291": "Kirkkotie 3", "418": "Ryynänkatu 2",
    "508": "Tehtaankatu 5", "536": "Välikatu 18", "562": "Urheilutie 4", "581": "Kuntotie 2",
    "604": "Kurkimäentie 3", "619": "Koulutie 5", "635": "Seuratie 2", "702": "Ruovedentie 20",
    "790": "Puistokatu 8", "837": "Sammonkatu 48", "887": "Kokkokankaantie 3", "908": "Sääksmäentie 7",
    "922": "Koulutie 1", "936": "Lavakatu 4", "980": "Ylöjärventie 42",
}


# --------------------------------------------------------------------------------------------------
# 1. Real Tampere-area daycare centres and clubs (trevaka)

PRIVATE_BRANDS = [  # unit-name prefix -> provider (company brand names as the units carry them)
    ("Touhula", "Touhula Varhaiskasvatus Oy"),
    ("Pilke", "Pilke päiväkodit Oy"),
    ("Norlandia", "Norlandia Päiväkodit Oy"),
    ("Oravametsä", "Oravametsä"),
    ("Sunshine", "Sunshine Kids"),
    ("Pikku Tutkijan", "Pikku Tutkija"),
]


def unit_provider(u, geo, ptv_munis):
    pt = u["provider_type"]
    if pt == "MUNICIPAL":
        return municipality_provider(geo, u["municipality_code"], ptv_munis)
    if u["name"].startswith("MLL"):
        return {"id": "", "business_id": "",
                "name": lt("Mannerheimin Lastensuojeluliitto", "Mannerheims Barnskyddsförbund",
                           "Mannerheim League for Child Welfare"), "type": "ngo"}
    for prefix, company in PRIVATE_BRANDS:
        if u["name"].startswith(prefix):
            return {"id": "", "business_id": "", "name": lt(company), "type": "private_company"}
    return {"id": "", "business_id": "", "name": lt(u["name"]), "type": "private_company"}


AREA_FI = {"lansi": ("läntisellä", "västra", "western"), "etela": ("eteläisellä", "södra", "southern"),
           "ita": ("itäisellä", "östra", "eastern")}


def area_phrase(code, care_area):
    if code == "837":
        return "Tampereen %s alueella" % AREA_FI[care_area][0]
    return "%s alueella" % MUNI_GEN[code]


def club_schedule(name):
    """Some trevaka club names carry their schedule: '..., maanantai ja torstai klo 9-11'."""
    low = name.lower()
    days = []
    for word, d in (("maanantai", "ma"), ("tiistai", "ti"), ("keskiviikko", "ke"), ("torstai", "to"),
                    ("perjantai", "pe")):
        if word in low:
            days.append(d)
    if "klo " in low and days:
        t = low.split("klo ")[1].strip()
        a, b = t.split("-")
        return ",".join(days), "%02d:00" % int(a), "%02d:00" % int(b)
    return None


def club_ages(name):
    low = name.lower()
    for a, b in (("2-3", (2, 3)), ("3-6", (3, 6)), ("3-5", (3, 5))):
        if a + "-vuotiai" in low:
            return b
    return (2, 6)


def make_units(shared, geo, ptv_munis):
    path = os.path.join(shared, "units", "tampere-evaka-units.csv")
    with open(path, encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    out = []
    for u in units:
        code = u["municipality_code"]
        club = u["unit_type"] == "CLUB"
        rtc = u["round_the_clock"] == "true"
        lang = u["language"]
        name = u["name"]
        provider = unit_provider(u, geo, ptv_munis)
        ptype = u["provider_type"]
        muni_fi = geo.name(code)
        muni_gen = MUNI_GEN[code]
        rid = "tre-%s-%s" % ("kerho" if club else "pk", u["source_id"])

        if lang == "sv":
            rec_name = lt(name, name)
        else:
            rec_name = lt(name)

        if club:
            amin, amax = club_ages(name)
            sched = club_schedule(name)
            if sched:
                spec = "|".join("%s %s-%s" % (d, sched[1], sched[2]) for d in sched[0].split(","))
            else:
                spec = stable_pick(["ma-to 09:00-11:30", "ma-to 12:30-15:00", "ti-pe 09:00-11:30"], rid)
            hours = [hours_entry(spec, lt("Kerho kokoontuu kausittain elokuusta toukokuuhun.",
                                          "Klubben träffas terminsvis från augusti till maj.",
                                          "The club meets in terms from August to May."))]
        elif rtc:
            e = hours_entry("ma-su 00:00-24:00", lt("Vuorohoito: auki ympäri vuorokauden, myös viikonloppuisin.",
                                                   "Skiftvård: öppet dygnet runt, också veckoslut.",
                                                   "Round-the-clock care, also at weekends."))
            e["always_open"] = True
            hours = [e]
        else:
            spec = stable_pick(["ma-pe 06:30-17:00", "ma-pe 06:00-17:00", "ma-pe 06:30-17:30",
                                "ma-pe 07:00-17:00"], rid)
            hours = [hours_entry(spec)]

        if club:
            summary = lt(
                "%s %s kerho %s–%s-vuotiaille lapsille %s." % (
                    "Tampereen kaupungin" if ptype == "MUNICIPAL" else "Palvelusetelillä käytettävä",
                    "avoimen varhaiskasvatuksen" if ptype == "MUNICIPAL" else "yksityinen",
                    amin, amax, area_phrase(code, u["care_area"])),
                "Klubb inom den öppna småbarnspedagogiken för barn i åldern %s–%s år." % (amin, amax),
                "An early childhood education club for children aged %s–%s." % (amin, amax))
            desc = lt(
                "Kerho on avointa varhaiskasvatusta lapsille, jotka eivät ole kokopäiväisessä "
                "varhaiskasvatuksessa. Kerhossa leikitään, lauletaan, liikutaan ja harjoitellaan "
                "ryhmässä toimimista varhaiskasvatussuunnitelman mukaan. Kerho kokoontuu 2–4 kertaa "
                "viikossa muutaman tunnin kerrallaan.\n\nOsoite: %s, %s %s." % (
                    u["street_address"], u["postal_code"], u["post_office"]),
                "Klubben är öppen småbarnspedagogik för barn som inte deltar i småbarnspedagogik på heltid. "
                "Vi leker, sjunger och rör på oss i grupp.",
                "The club is open early childhood education for children who are not in full-time "
                "early childhood education: play, songs, movement and learning to be part of a group.")
            classes = ["P3.4"]
            keywords = {"fi": ["kerho", "kerhotoiminta", "avoin varhaiskasvatus", "leikkitoiminta"],
                        "sv": ["klubb", "öppen småbarnspedagogik"],
                        "en": ["club", "playgroup", "open early childhood education"]}
            cost_note = lt(
                "Kerhomaksu määräytyy kerhokertojen määrän mukaan; perheen tulot voivat alentaa maksua.",
                "Klubbavgiften beror på hur många gånger i veckan barnet deltar.",
                "The club fee depends on the number of sessions per week.")
            how = lt("Hae kerhopaikkaa sähköisesti Tampereen varhaiskasvatuksen asiointipalvelussa (eVaka).",
                     "Ansök om klubbplats elektroniskt i Tammerfors e-tjänst för småbarnspedagogik (eVaka).",
                     "Apply for a club place online in Tampere's early education e-service (eVaka).")
        else:
            summary = lt(
                "%s päiväkoti %s: varhaiskasvatusta 0–6-vuotiaille%s." % (
                    ("Tampereen kaupungin kunnallinen" if code == "837" else "%s kunnallinen" % muni_gen)
                    if ptype == "MUNICIPAL" else
                    ("Yksityinen, palvelusetelillä käytettävä" if ptype == "PRIVATE_SERVICE_VOUCHER"
                     else ("Ruotsinkielinen, kaupungin ostopalveluna toimiva" if lang == "sv"
                           else "Yksityinen")),
                    area_phrase(code, u["care_area"]),
                    " ja vuorohoitoa ympäri vuorokauden" if rtc else ""),
                ("Svenskspråkigt daghem i Tammerfors: småbarnspedagogik och förskola för barn 0–6 år."
                 if lang == "sv" else
                 "Daghem i %s: småbarnspedagogik för barn 0–6 år%s." % (
                     geo.name(code, "sv"), ", skiftvård dygnet runt" if rtc else "")),
                "%s day care centre in %s: early childhood education for children aged 0–6%s." % (
                    "Municipal" if ptype == "MUNICIPAL" else "Private", muni_fi,
                    ", round-the-clock care" if rtc else ""))
            desc_fi = ("Päiväkodissa lapset leikkivät, liikkuvat, tutkivat ja oppivat yhdessä "
                       "varhaiskasvatussuunnitelman mukaisesti. Jokaiselle lapselle laaditaan oma "
                       "varhaiskasvatussuunnitelma yhdessä huoltajien kanssa. Päiväkodissa on myös "
                       "esiopetusta 6-vuotiaille.")
            if rtc:
                desc_fi += (" Päiväkoti tarjoaa vuorohoitoa lapsille, joiden huoltajat tekevät vuorotyötä "
                            "tai opiskelevat iltaisin ja viikonloppuisin.")
            if ptype == "PRIVATE_SERVICE_VOUCHER":
                desc_fi += (" Päiväkoti on yksityinen palveluntuottaja, jonka paikan voi maksaa "
                            "%s varhaiskasvatuksen palvelusetelillä." % ("Tampereen" if code == "837" else muni_gen))
            desc_fi += "\n\nOsoite: %s, %s %s." % (u["street_address"], u["postal_code"], u["post_office"])
            desc = lt(desc_fi,
                      "Barnen leker, rör på sig, utforskar och lär sig tillsammans enligt planen för "
                      "småbarnspedagogik." + (" Skiftvård dygnet runt." if rtc else ""),
                      "Children play, move, explore and learn together following the early childhood "
                      "education plan." + (" Round-the-clock care for parents working shifts." if rtc else ""))
            classes = ["P3.4"]
            kfi = ["päiväkoti", "varhaiskasvatus", "päivähoito", "esiopetus"]
            if rtc:
                kfi += ["vuorohoito", "ympärivuorokautinen hoito"]
            if ptype == "PRIVATE_SERVICE_VOUCHER":
                kfi += ["palveluseteli", "yksityinen päiväkoti"]
            keywords = {"fi": kfi, "sv": ["daghem", "småbarnspedagogik", "dagvård"] + (["skiftvård"] if rtc else []),
                        "en": ["day care", "daycare centre", "early childhood education", "kindergarten"]
                        + (["round-the-clock care"] if rtc else [])}
            cost_note = lt(
                "Varhaiskasvatusmaksu (asiakasmaksu) määräytyy perheen koon, bruttotulojen ja hoitoajan "
                "mukaan; pienituloisille perheille maksu voi olla 0 €. Esiopetus on maksutonta."
                + (" Palvelusetelin arvo riippuu perheen tuloista; tuottaja voi periä omavastuuosuuden."
                   if ptype == "PRIVATE_SERVICE_VOUCHER" else ""),
                "Avgiften för småbarnspedagogik bestäms enligt familjens storlek, inkomster och vårdtid. "
                "Förskoleundervisningen är avgiftsfri.",
                "The early childhood education fee depends on family size, income and hours of care; "
                "pre-primary education is free of charge.")
            how = lt(
                "Hae varhaiskasvatuspaikkaa sähköisesti (eVaka) viimeistään neljä kuukautta ennen hoidon "
                "alkua, tai kaksi viikkoa ennen, jos tarve johtuu äkillisestä työllistymisestä tai opiskelusta."
                + (" Palveluseteliä haetaan samassa palvelussa." if ptype == "PRIVATE_SERVICE_VOUCHER" else ""),
                "Ansök om en plats elektroniskt (eVaka) senast fyra månader innan vården ska börja.",
                "Apply online (eVaka) at least four months before care is needed, or two weeks before "
                "if the need is due to sudden employment or studies.")

        coord = None
        if u["latitude"] and u["longitude"]:
            coord = {"lat": float(u["latitude"]), "lon": float(u["longitude"])}
        else:  # one unit lacks coordinates in the source: use its postcode area's centroid
            coord = geo.point(u["postal_code"])

        langs = [lang]
        if name.startswith("Enkku - The English School"):
            langs = ["en", "fi"]

        loc = {
            "id": u["source_id"],
            "name": rec_name,
            "address": {"street": lt(u["street_address"]), "postcode": u["postal_code"],
                        "post_office": lt(u["post_office"]), "municipality_code": code},
            "coord": coord,
            "hours": hours,
        }
        web = MUNI_WEB[code]
        rec = {
            "id": rid,
            "source": "json:daycare-units",
            "source_id": u["source_id"],
            "provider": provider,
            "name": rec_name,
            "summary": summary,
            "description": desc,
            "service_classes": classes,
            "target_groups": ["KR1.2"],
            "life_events": [],
            "keywords": keywords,
            "age_min": amin if club else 0,
            "age_max": amax if club else 6,
            "languages": langs,
            "cost": "paid",
            "cost_note": cost_note,
            "how_to_apply": how,
            "referral_required": False,
            "area": {"whole_country": False, "regions": [], "municipalities": [code]},
            "locations": [loc],
            "web_pages": [{"url": web, "name": lt("%s varhaiskasvatus" % MUNI_GEN[code],
                                                   "Småbarnspedagogik", "Early childhood education")}],
            "last_modified": STAMP_UNITS,
        }
        if not rec["life_events"]:
            del rec["life_events"]
        out.append(rec)
    return out


# --------------------------------------------------------------------------------------------------
# 2. PTV general service descriptions offered by their real organisers

def load_general_descriptions(shared):
    """ReferenceCode -> the most complete version (most name languages, then most text). The file has
    no modification time; the most complete version is the newest in every group checked by hand."""
    with open(os.path.join(shared, "ptv", "general-descriptions.json"), encoding="utf-8") as f:
        gds = json.load(f)
    groups = {}
    for g in gds:
        groups.setdefault(g.get("ReferenceCode") or g["Id"], []).append(g)

    def score(g):
        langs = len({n["Lang"] for n in g["Name"] if n.get("Label")})
        text = sum(len(x.get("Label") or "") for k in ("ShortDescription", "Description",
                                                         "BackgroundDescription", "UserInstructions")
                   for x in g[k])
        return (langs, text, g["Id"])

    return {ref: max(vs, key=score) for ref, vs in groups.items()}


def gd_lt(items):
    out = {}
    for it in items:
        txt = draft_to_text(it.get("Label"))
        if txt and it["Lang"] in ("fi", "sv", "en"):
            out[it["Lang"]] = txt
    return out


def gd_content(g, codes):
    desc = {}
    d1, d2 = gd_lt(g["Description"]), gd_lt(g["BackgroundDescription"])
    for lang in ("fi", "sv", "en"):
        parts = [p for p in (d1.get(lang), d2.get(lang)) if p]
        if parts:
            desc[lang] = "\n\n".join(parts)
    classes = [codes.from_uri(c["Key"]) for c in g["ServiceClass"]]
    tgs = [codes.from_uri(c["Key"]) for c in g["TargetGroup"]]
    les = [codes.from_uri(c["Key"]) for c in g["LifeEvent"]]
    return {
        "id": g["Id"],
        "name": gd_lt(g["Name"]),
        "summary": gd_lt(g["ShortDescription"]),
        "description": desc,
        "how": gd_lt(g["UserInstructions"]),
        "classes": [c for c in classes if c],
        "tgs": [c for c in tgs if c],
        "les": [c for c in les if c],
        "terms": [t["Value"] for t in g["OntologyTerm"] if t.get("Value")],
        "charge": g.get("ChargeType"),
    }


def join_fi(names):
    names = list(names)
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " ja " + names[-1]


def join_sv(names):
    names = list(names)
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " och " + names[-1]


def join_en(names):
    names = list(names)
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


ENSI_TURVA = {"id": "", "business_id": "", "name": lt("Pirkanmaan ensi- ja turvakoti ry"), "type": "ngo"}

FREE = "free"
PAID = "paid"
PARTLY = "partly"

# Each definition: which general description, who offers it, where (scope), names, ages, cost...
#   scope: "munis+areas" (one service per municipality, Tampere split by neighbourhood), "munis",
#          "clusters" (CLUSTERS), "region" (one service for all of Pirkanmaa), "tampere"
#   place: location name pattern, or None for services given without a visiting address
PTV_DEFS = [
    dict(key="lastenneuvola", ref="SOTE-0027", org="pirha", scope="munis+areas",
         name=("{gen} lastenneuvola", "Barnrådgivningen i {sv}", "{fi} child health clinic"),
         place=("{gen} neuvola", "Rådgivningen i {sv}", "{fi} clinic"),
         intro="{name} on Pirkanmaan hyvinvointialueen lastenneuvola, joka palvelee {area} alle "
               "kouluikäisiä lapsia ja heidän perheitään. Neuvolan terveydenhoitaja ja lääkäri seuraavat "
               "lapsen kasvua, kehitystä ja hyvinvointia ja tukevat vanhemmuutta.",
         ages=(0, 6), cost=FREE, hours="ma-pe 08:00-15:30", add_tgs=["KR1.2"], add_les=["KE1"],
         kw={"fi": ["neuvola", "lastenneuvola", "terveydenhoitaja", "rokotukset", "perhekeskus"],
             "sv": ["rådgivning", "barnrådgivning"], "en": ["child health clinic", "neuvola", "vaccinations"]},
         how=lt("Varaa aika neuvolan terveydenhoitajalta puhelimitse tai sähköisesti. Perhe siirtyy "
                "lastenneuvolan asiakkaaksi äitiysneuvolasta lapsen synnyttyä.",
                "Boka tid hos hälsovårdaren per telefon eller elektroniskt.",
                "Book an appointment with the public health nurse by phone or online."),
         phone=("Ajanvaraus ma-pe 8-12", "Tidsbokning", "Appointments"), languages=["fi", "sv", "en"]),
    dict(key="aitiysneuvola", ref="SOTE-0026", org="pirha", scope="munis+areas",
         name=("{gen} äitiysneuvola", "Mödrarådgivningen i {sv}", "{fi} maternity clinic"),
         place=("{gen} neuvola", "Rådgivningen i {sv}", "{fi} clinic"),
         intro="{name} on Pirkanmaan hyvinvointialueen äitiysneuvola, joka palvelee {area} raskaana "
               "olevia ja vauvaa odottavia perheitä. Ota yhteyttä neuvolaan heti, kun raskaus on varmistunut.",
         ages=None, cost=FREE, hours="ma-pe 08:00-15:30", add_tgs=["KR1.2"],
         kw={"fi": ["neuvola", "äitiysneuvola", "raskaus", "odotusaika", "synnytys", "perhevalmennus"],
             "sv": ["mödrarådgivning", "graviditet"], "en": ["maternity clinic", "pregnancy", "antenatal care"]},
         how=lt("Varaa ensimmäinen käynti puhelimitse heti, kun raskaus on varmistunut.",
                "Boka det första besöket per telefon när graviditeten har bekräftats.",
                "Call to book your first visit as soon as the pregnancy is confirmed."),
         phone=("Ajanvaraus ma-pe 8-12", "Tidsbokning", "Appointments"), languages=["fi", "sv", "en"]),
    dict(key="kouluterveydenhuolto", ref="SOTE-0094", org="pirha", scope="munis",
         name=("{gen} kouluterveydenhuolto", "Skolhälsovården i {sv}", "School health care in {fi}"),
         place=None,
         intro="Pirkanmaan hyvinvointialueen kouluterveydenhoitajat ja -lääkärit pitävät vastaanottoa "
               "{area} peruskouluissa. Oman koulusi terveydenhoitajan tavoitat koulun kautta.",
         ages=(7, 16), cost=FREE, add_tgs=["KR1.2", "KR1.3"],
         kw={"fi": ["kouluterveydenhoitaja", "terveystarkastus", "koululaiset"],
             "sv": ["skolhälsovård", "skolhälsovårdare"], "en": ["school nurse", "school health care"]},
         languages=["fi"]),
    dict(key="ehkaisyneuvola", ref="SOTE-0028", org="pirha", scope="clusters",
         name=("{gen} ehkäisy- ja perhesuunnitteluneuvola", "Preventivmedels- och familjeplaneringsrådgivningen i {sv}",
               "{fi} contraception and family planning clinic"),
         place=("{gen} neuvola", "Rådgivningen i {sv}", "{fi} clinic"),
         intro="{name} palvelee {area} asukkaita raskauden ehkäisyyn, seksuaaliterveyteen ja lapsen "
               "hankinnan suunnitteluun liittyvissä asioissa. Alle 25-vuotiaille ehkäisyn aloitus on maksutonta.",
         ages=None, cost=FREE, hours="ma-pe 08:00-15:00", add_tgs=["KR1.3"],
         kw={"fi": ["ehkäisy", "ehkäisyneuvola", "perhesuunnittelu", "seksuaaliterveys", "raskaustesti"],
             "sv": ["preventivmedel", "familjeplanering"], "en": ["contraception", "family planning", "sexual health"]},
         phone=("Ajanvaraus", "Tidsbokning", "Appointments"), languages=["fi", "en"]),
    dict(key="perheneuvola", ref="SOTE-0029", org="pirha", scope="clusters",
         name=("{gen} perheneuvola", "Familjerådgivningen i {sv}", "{fi} family counselling clinic"),
         place=("{gen} perheneuvola", "Familjerådgivningen i {sv}", "{fi} family counselling clinic"),
         intro="{name} on Pirkanmaan hyvinvointialueen kasvatus- ja perheneuvola, jonka psykologit ja "
               "sosiaalityöntekijät auttavat {area} lapsiperheitä, kun lapsen kehitys, tunne-elämä tai perheen "
               "tilanne huolestuttaa. Perheneuvolaan ei tarvita lähetettä.",
         ages=(0, 17), cost=FREE, hours="ma-pe 08:00-16:00", referral=False,
         kw={"fi": ["perheneuvola", "kasvatus- ja perheneuvonta", "psykologi", "perheterapia", "ero"],
             "sv": ["familjerådgivning", "uppfostringsrådgivning"], "en": ["family counselling", "child psychologist"]},
         how=lt("Soita perheneuvolan puhelinaikaan; perheneuvolaan voi hakeutua ilman lähetettä.",
                "Ring under telefontiden; ingen remiss behövs.",
                "Call during the phone hours; no referral is needed."),
         phone=("Puhelinaika ma-pe 9-11", "Telefontid", "Phone hours"), languages=["fi", "en"]),
    dict(key="perhetyo", ref="SOTE-0012", org="pirha", scope="clusters",
         name=("{gen} lapsiperheiden perhetyö", "Familjearbete för barnfamiljer i {sv}", "Family work for families with children, {fi}"),
         place=("{gen} perhekeskus", "Familjecentret i {sv}", "{fi} family centre"),
         intro="{name}: Pirkanmaan hyvinvointialueen perhetyöntekijät tukevat {area} lapsiperheitä arjen "
               "sujumisessa ja vanhemmuudessa kotikäynneillä ja perhekeskuksessa. Sosiaalihuoltolain mukainen "
               "perhetyö on perheelle maksutonta.",
         ages=(0, 17), cost=FREE, hours="ma-pe 08:00-16:00", add_tgs=["KR1.2"],
         kw={"fi": ["perhetyö", "perhekeskus", "vanhemmuuden tuki", "kotikäynti", "arjen tuki"],
             "sv": ["familjearbete"], "en": ["family work", "parenting support", "home visits"]},
         how=lt("Ota yhteyttä lapsiperheiden sosiaaliohjaukseen puhelimitse; voit pyytää palvelutarpeen arviointia.",
                "Kontakta socialhandledningen för barnfamiljer per telefon.",
                "Contact the social guidance for families with children by phone."),
         phone=("Lapsiperheiden sosiaaliohjaus", "Socialhandledning för barnfamiljer", "Social guidance for families"),
         languages=["fi"]),
    dict(key="kotipalvelu", ref="SOTE-0090", org="pirha", scope="clusters",
         name=("{gen} lapsiperheiden kotipalvelu", "Hemservice för barnfamiljer i {sv}", "Home help for families with children, {fi}"),
         place=None,
         intro="{name}: lapsiperheiden kotipalvelu auttaa {area} perheitä tilapäisesti esimerkiksi raskauden, "
               "synnytyksen, sairauden tai uupumuksen vuoksi lastenhoidossa ja kodin arjessa. Kotipalvelu "
               "annetaan perheen kotona.",
         ages=(0, 17), cost=PARTLY, add_tgs=["KR1.2"], add_classes=["P3.6"],
         cost_note=lt("Ennaltaehkäisevä kotipalvelu on maksullista perheen tulojen mukaan; lastensuojelun "
                      "asiakkaille kotipalvelu on maksutonta.",
                      "Avgiften beror på familjens inkomster; avgiftsfri för klienter inom barnskyddet.",
                      "The fee depends on the family's income; free for child welfare clients."),
         kw={"fi": ["kotipalvelu", "lapsiperheiden kotipalvelu", "lastenhoitoapu", "uupumus"],
             "sv": ["hemservice", "hemhjälp"], "en": ["home help", "childcare help at home"]},
         how=lt("Hae palvelua soittamalla lapsiperheiden sosiaaliohjaukseen; tarve arvioidaan yhdessä perheen kanssa.",
                "Ring socialhandledningen för barnfamiljer.", "Call the social guidance for families with children."),
         phone=("Lapsiperheiden sosiaaliohjaus", "Socialhandledning", "Social guidance"), languages=["fi"]),
    dict(key="lastensuojelu-avohuolto", ref="SOTE-0083", org="pirha", scope="clusters",
         name=("{gen} lastensuojelun avohuolto", "Barnskyddets öppenvård i {sv}", "Child welfare community care, {fi}"),
         place=("{gen} lastensuojelu", "Barnskyddet i {sv}", "{fi} child welfare"),
         intro="{name}: Pirkanmaan hyvinvointialueen lastensuojelun sosiaalityöntekijät tukevat {area} lapsia, "
               "nuoria ja perheitä, kun lapsen kasvuolot tai oma käytös vaarantavat hänen terveytensä tai "
               "kehityksensä. Huolen lapsesta voi ilmaista tekemällä lastensuojeluilmoituksen.",
         ages=(0, 17), cost=FREE, hours="ma-pe 08:00-16:00", add_tgs=["KR1.2"],
         kw={"fi": ["lastensuojelu", "lastensuojeluilmoitus", "sosiaalityö", "avohuollon tukitoimet"],
             "sv": ["barnskydd", "barnskyddsanmälan"], "en": ["child welfare", "child protection"]},
         how=lt("Lastensuojeluilmoituksen voi tehdä sähköisesti tai puhelimitse. Kiireellisissä tilanteissa "
                "virka-ajan ulkopuolella ota yhteys sosiaali- ja kriisipäivystykseen tai soita 112.",
                "Gör en barnskyddsanmälan elektroniskt eller per telefon. I brådskande fall ring 112.",
                "Make a child welfare notification online or by phone. In an emergency call 112."),
         phone=("Lastensuojelun neuvonta", "Rådgivning", "Advice"), languages=["fi"]),
    dict(key="lastenvalvoja", ref="SOTE-0081", org="pirha", scope="clusters",
         name=("{gen} lastenvalvoja", "Barnatillsyningsmannen i {sv}", "Child welfare supervisor, {fi}"),
         place=("{gen} perheoikeudelliset palvelut", "Familjerättsliga tjänster i {sv}", "{fi} family law services"),
         intro="{name}: lastenvalvoja vahvistaa {area} perheille sopimukset lapsen elatuksesta, huollosta, "
               "asumisesta ja tapaamisoikeudesta sekä isyyden ja äitiyden tunnustamisen. Palvelu on maksutonta.",
         ages=None, cost=FREE, hours="ma-pe 09:00-15:00", add_tgs=["KR1.2"], add_les=["KE7"],
         add_classes=["P3.5"],
         kw={"fi": ["lastenvalvoja", "elatusapu", "elatussopimus", "huoltosopimus", "tapaamisoikeus", "ero"],
             "sv": ["barnatillsyningsman", "underhållsbidrag"], "en": ["child support", "custody agreement"]},
         how=lt("Varaa aika lastenvalvojalle sähköisesti tai puhelimitse. Tapaamiseen tulevat molemmat vanhemmat.",
                "Boka tid elektroniskt eller per telefon.", "Book an appointment online or by phone."),
         phone=("Ajanvaraus", "Tidsbokning", "Appointments"), languages=["fi", "sv", "en"]),
    dict(key="opiskeluterveydenhuolto", ref="SOTE-0095", org="pirha", scope="clusters",
         name=("{gen} opiskeluterveydenhuolto", "Studerandehälsovården i {sv}", "Student health care, {fi}"),
         place=None,
         intro="{name}: opiskeluterveydenhoitajat ja -lääkärit palvelevat {area} lukioiden ja ammatillisten "
               "oppilaitosten opiskelijoita oppilaitoksissa. Korkeakouluopiskelijoiden palveluista vastaa YTHS.",
         ages=(15, None), cost=FREE, add_tgs=["KR1.3"],
         kw={"fi": ["opiskeluterveydenhuolto", "opiskelijat", "terveydenhoitaja", "lukio", "ammattikoulu"],
             "sv": ["studerandehälsovård"], "en": ["student health care"]}, languages=["fi"]),
    dict(key="kuraattori", ref="SOTE-0096", org="pirha", scope="clusters",
         name=("{gen} koulukuraattorit", "Skolkuratorerna i {sv}", "School social workers, {fi}"),
         place=None,
         intro="{name}: Pirkanmaan hyvinvointialueen kuraattorit tukevat {area} esi- ja perusopetuksen sekä "
               "toisen asteen oppilaita kaverisuhteissa, koulunkäynnissä ja elämäntilanteen muutoksissa. "
               "Kuraattorin tavoittaa oman koulun kautta.",
         ages=(6, 19), cost=FREE, add_tgs=["KR1.2", "KR1.3"],
         kw={"fi": ["kuraattori", "koulukuraattori", "opiskeluhuolto", "kiusaaminen"],
             "sv": ["kurator", "skolkurator"], "en": ["school social worker", "school counsellor"]}, languages=["fi"]),
    dict(key="koulupsykologi", ref="SOTE-0065", org="pirha", scope="clusters",
         name=("{gen} koulu- ja opiskeluhuollon psykologit", "Skolpsykologerna i {sv}", "School psychologists, {fi}"),
         place=None,
         intro="{name}: psykologit auttavat {area} oppilaita ja opiskelijoita, kun mieltä painaa, koulunkäynti "
               "ei suju tai elämässä on kriisi. Psykologille voi hakeutua itse tai huoltajan kanssa.",
         ages=(6, 19), cost=FREE, add_tgs=["KR1.2", "KR1.3"],
         kw={"fi": ["koulupsykologi", "psykologi", "opiskeluhuolto", "mielenterveys"],
             "sv": ["skolpsykolog"], "en": ["school psychologist"]}, languages=["fi"]),
    # --- one service for the whole region
    dict(key="lastensuojelun-paivystys", ref="SOTE-0002", org="pirha", scope="region",
         name=("Sosiaali- ja kriisipäivystys: lastensuojelun päivystys", "Social- och krisjouren: barnskyddsjour",
               "Social and crisis emergency services: child welfare emergency"),
         place=("Pirkanmaan sosiaali- ja kriisipäivystys", "Birkalands social- och krisjour", "Pirkanmaa social and crisis emergency service"),
         postcode="33900", street="Hatanpään valtatie 24",
         intro="Pirkanmaan sosiaali- ja kriisipäivystys hoitaa koko maakunnan kiireelliset lastensuojelun "
               "tilanteet ympäri vuorokauden. Hätätilanteessa soita aina 112.",
         ages=(0, 17), cost=FREE, hours="ma-su 00:00-24:00", always_open=True, add_tgs=["KR1.2"],
         kw={"fi": ["sosiaalipäivystys", "kriisipäivystys", "lastensuojelu", "päivystys"],
             "sv": ["socialjour", "barnskydd"], "en": ["social emergency", "child welfare emergency"]},
         phone=("Päivystys 24/7", "Jour 24/7", "Emergency line 24/7"), languages=["fi", "sv", "en"]),
    dict(key="lastensuojelun-sijaishuolto", ref="SOTE-0084", org="pirha", scope="region",
         name=("Lastensuojelun sijaishuolto", "Vård utom hemmet inom barnskyddet", "Substitute care in child welfare"),
         place=None,
         intro="Pirkanmaan hyvinvointialue järjestää sijaishuollon lapsille, jotka on otettu huostaan tai "
               "sijoitettu kiireellisesti: perhehoitoa sijaisperheissä, ammatillista perhehoitoa ja "
               "laitoshoitoa lastenkodeissa.",
         ages=(0, 17), cost=FREE, add_tgs=["KR1.2"],
         kw={"fi": ["sijaishuolto", "huostaanotto", "lastenkoti", "sijaisperhe"],
             "sv": ["vård utom hemmet", "omhändertagande"], "en": ["substitute care", "foster care"]},
         languages=["fi"]),
    dict(key="perhehoito", ref="SOTE-0075", org="pirha", scope="region",
         name=("Lastensuojelun perhehoito ja sijaisperheet", "Familjevård inom barnskyddet", "Family care and foster families"),
         place=("Perhehoitoyksikkö", "Familjevårdsenheten", "Family care unit"), postcode="33100",
         street="Hämeenkatu 25",
         intro="Pirkanmaan hyvinvointialueen perhehoitoyksikkö etsii, valmentaa ja tukee sijais- ja "
               "tukiperheitä. Jos perheenne voisi tarjota kodin lapselle, ota yhteyttä – valmennus on maksuton.",
         ages=(0, 17), cost=FREE, hours="ma-pe 09:00-15:00", add_tgs=["KR1.2"], add_classes=["P4.6"],
         kw={"fi": ["perhehoito", "sijaisperhe", "sijaisvanhemmuus", "PRIDE-valmennus"],
             "sv": ["familjevård", "fosterfamilj"], "en": ["foster family", "foster care"]},
         phone=("Perhehoidon neuvonta", "Rådgivning", "Information"), languages=["fi"]),
    dict(key="lastensuojelun-jalkihuolto", ref="SOTE-0085", org="pirha", scope="region",
         name=("Lastensuojelun jälkihuolto", "Eftervård inom barnskyddet", "Aftercare in child welfare"),
         place=None,
         intro="Jälkihuolto tukee sijaishuollosta itsenäistyviä nuoria Pirkanmaalla asumisessa, opiskelussa, "
               "raha-asioissa ja arjessa 25-vuotiaaksi asti.",
         ages=(18, 24), cost=FREE, add_tgs=["KR1.3"], add_les=["KE4.1"],
         kw={"fi": ["jälkihuolto", "itsenäistyminen", "nuoret"], "sv": ["eftervård"], "en": ["aftercare", "care leavers"]},
         languages=["fi"]),
    dict(key="perhekuntoutus", ref="SOTE-0086", org="pirha", scope="region",
         name=("Perhekuntoutus", "Familjerehabilitering", "Family rehabilitation"),
         place=None,
         intro="Pirkanmaan hyvinvointialueen perhekuntoutus on tiivistä, tavoitteellista tukea perheille, "
               "joiden arjessa on paljon kuormitusta. Kuntoutus toteutetaan perheen kotona ja avokuntoutuksena.",
         ages=(0, 17), cost=FREE, referral=True, add_tgs=["KR1.2"],
         kw={"fi": ["perhekuntoutus", "lastensuojelu", "vanhemmuus"], "sv": ["familjerehabilitering"],
             "en": ["family rehabilitation"]},
         how=lt("Perhekuntoutukseen ohjaa perheen sosiaalityöntekijä.", "Remiss via socialarbetaren.",
                "Referral by the family's social worker."), languages=["fi"]),
    dict(key="lastenpsykiatrian-paivystys", ref="SOTE-0006", org="pirha", scope="region",
         name=("Lastenpsykiatrian päivystys, Tays", "Barnpsykiatrisk jour, Tays", "Child psychiatry emergency, Tays"),
         place=("Tays Keskussairaala", "Tays Centralsjukhuset", "Tays Central Hospital"), postcode="33520",
         street="Elämänaukio 2",
         intro="Tampereen yliopistollisen sairaalan (Tays) lastenpsykiatrian päivystys hoitaa alle "
               "13-vuotiaiden kiireelliset psykiatriset tilanteet koko Pirkanmaalla.",
         ages=(0, 12), cost=FREE, hours="ma-su 00:00-24:00", always_open=True, referral=True, add_tgs=["KR1.2"],
         kw={"fi": ["lastenpsykiatria", "päivystys", "Tays", "mielenterveys"], "sv": ["barnpsykiatri"],
             "en": ["child psychiatry", "emergency"]},
         how=lt("Päivystykseen tullaan lääkärin lähetteellä. Hätätilanteessa soita 112.",
                "Med läkarremiss. I nödfall ring 112.", "With a doctor's referral. In an emergency call 112."),
         phone=("Päivystysapu 116 117", "Jourhjälpen 116 117", "Medical helpline 116 117"), phone_number="116117",
         languages=["fi", "sv", "en"]),
    dict(key="nuorisopsykiatrian-paivystys", ref="SOTE-0007", org="pirha", scope="region",
         name=("Nuorisopsykiatrian päivystys, Tays", "Ungdomspsykiatrisk jour, Tays", "Adolescent psychiatry emergency, Tays"),
         place=("Tays Keskussairaala", "Tays Centralsjukhuset", "Tays Central Hospital"), postcode="33520",
         street="Elämänaukio 2",
         intro="Taysin nuorisopsykiatrian päivystys hoitaa 13–17-vuotiaiden kiireelliset psykiatriset "
               "tilanteet koko Pirkanmaalla.",
         ages=(13, 17), cost=FREE, hours="ma-su 00:00-24:00", always_open=True, referral=True, add_tgs=["KR1.3"],
         kw={"fi": ["nuorisopsykiatria", "päivystys", "Tays", "mielenterveys", "nuoret"],
             "sv": ["ungdomspsykiatri"], "en": ["adolescent psychiatry", "emergency"]},
         how=lt("Päivystykseen tullaan lääkärin lähetteellä. Hätätilanteessa soita 112.",
                "Med läkarremiss. I nödfall ring 112.", "With a doctor's referral. In an emergency call 112."),
         phone=("Päivystysapu 116 117", "Jourhjälpen 116 117", "Medical helpline 116 117"), phone_number="116117",
         languages=["fi", "sv", "en"]),
    dict(key="lasten-palveluohjaus", ref="SOTE-0016", org="pirha", scope="region",
         name=("Lapsiperheiden palveluohjaus ja neuvonta", "Servicehandledning för barnfamiljer",
               "Service guidance for families with children"),
         place=None,
         intro="Pirkanmaan hyvinvointialueen lapsiperheiden neuvontapuhelin neuvoo, mistä perhe saa apua "
               "arjen, kasvatuksen, terveyden tai talouden kysymyksissä.",
         ages=(0, 12), cost=FREE, hours="ma-pe 09:00-15:00",
         kw={"fi": ["palveluohjaus", "neuvonta", "perhekeskus", "lapsiperheet"], "sv": ["servicehandledning"],
             "en": ["service guidance", "family advice line"]},
         phone=("Lapsiperheiden neuvontapuhelin", "Rådgivningstelefon för barnfamiljer", "Advice line for families"),
         languages=["fi", "sv", "en"]),
    dict(key="adoptioneuvonta", ref="SOTE-0079", org="pirha", scope="region",
         name=("Adoptioneuvonta", "Adoptionsrådgivning", "Adoption counselling"),
         place=None,
         intro="Pirkanmaan hyvinvointialueen adoptioneuvonta valmentaa kotimaista tai kansainvälistä "
               "adoptiota harkitsevia ja tukee adoptioperheitä adoption jälkeen.",
         ages=None, cost=FREE, add_tgs=["KR1.2"],
         kw={"fi": ["adoptio", "adoptioneuvonta", "lapsettomuus"], "sv": ["adoption"], "en": ["adoption"]},
         phone=("Adoptioneuvonta", "Adoptionsrådgivning", "Adoption counselling"), languages=["fi"]),
    dict(key="perheasioiden-sovittelu", ref="SOTE-0082", org="pirha", scope="region",
         name=("Perheasioiden sovittelu", "Medling i familjefrågor", "Family mediation"),
         place=("Perheoikeudelliset palvelut, Tampere", "Familjerättsliga tjänster, Tammerfors", "Family law services, Tampere"),
         postcode="33100", street="Hämeenkatu 25",
         intro="Perheasioiden sovittelussa koulutettu sovittelija auttaa eroavia vanhempia sopimaan lasten "
               "asioista ja muista eron käytännön järjestelyistä. Sovittelu on vapaaehtoista ja maksutonta.",
         ages=None, cost=FREE, hours="ma-pe 09:00-15:00", add_tgs=["KR1.2"], add_les=["KE7"],
         kw={"fi": ["sovittelu", "ero", "avioero", "huoltoriita", "perhesovittelu"], "sv": ["familjemedling", "skilsmässa"],
             "en": ["family mediation", "divorce"]},
         phone=("Ajanvaraus", "Tidsbokning", "Appointments"), languages=["fi", "sv", "en"]),
    dict(key="tukihenkilo-tukiperhe", ref="SOTE-0092", org="pirha", scope="region",
         name=("Tukihenkilö- ja tukiperhetoiminta", "Stödperson- och stödfamiljeverksamhet", "Support persons and support families"),
         place=None,
         intro="Pirkanmaan hyvinvointialue järjestää lapselle tai nuorelle tukihenkilön tai tukiperheen, kun "
               "perhe tarvitsee arkeen lisää aikuisia ja lepoa.",
         ages=(0, 17), cost=FREE, add_tgs=["KR1.2"],
         kw={"fi": ["tukiperhe", "tukihenkilö", "vapaaehtoistyö"], "sv": ["stödfamilj", "stödperson"],
             "en": ["support family", "support person"]}, languages=["fi"]),
    dict(key="suun-terveydenhuolto-lapset", ref="SOTE-0067", org="pirha", scope="region",
         name=("Lasten ja nuorten suun terveydenhuolto", "Munhälsovård för barn och unga", "Dental care for children and young people"),
         place=None,
         intro="Pirkanmaan hyvinvointialue kutsuu lapset ja nuoret hammastarkastuksiin ikäkausittain. "
               "Alle 18-vuotiaiden hammashoito on maksutonta.",
         ages=(0, 17), cost=FREE, add_tgs=["KR1.2", "KR1.3"],
         kw={"fi": ["hammashoito", "hammastarkastus", "suun terveys", "hammaslääkäri"],
             "sv": ["tandvård"], "en": ["dental care", "dentist"]}, languages=["fi", "sv", "en"]),
    dict(key="turvakoti", ref="SOTE-0008", org="ensi-turva", scope="region",
         name=("Tampereen turvakoti", "Skyddshemmet i Tammerfors", "Tampere shelter for victims of domestic violence"),
         place=None,
         intro="Tampereen turvakoti tarjoaa kriisiapua ja turvallisen majoituksen lähisuhdeväkivaltaa kokeneille "
               "tai sen uhkaamille aikuisille ja lapsille ympäri vuorokauden. Turvakodin osoite ei ole julkinen; "
               "soita, niin sovitaan tulosta.",
         ages=None, cost=FREE, hours="ma-su 00:00-24:00", always_open=True, add_tgs=["KR1.2"],
         kw={"fi": ["turvakoti", "lähisuhdeväkivalta", "perheväkivalta", "kriisiapu"], "sv": ["skyddshem", "våld i nära relationer"],
             "en": ["shelter", "domestic violence"]},
         phone=("Turvakoti 24/7", "Skyddshemmet 24/7", "Shelter 24/7"), languages=["fi", "sv", "en"],
         web="https://www.ensijaturvakotienliitto.fi"),
    dict(key="ensikoti", ref="SOTE-0077", org="ensi-turva", scope="region",
         name=("Tampereen ensikoti", "Mödrahemmet i Tammerfors", "Tampere mother and baby home"),
         place=("Tampereen ensikoti", "Mödrahemmet i Tammerfors", "Tampere mother and baby home"), postcode="33500",
         street="Tammelan puistokatu 18",
         intro="Tampereen ensikoti tukee vauvaa odottavia ja vauvaperheitä, joiden arjessa on vaikeuksia. "
               "Ensikotiin tullaan lastensuojelun sosiaalityöntekijän ohjaamana.",
         ages=(0, 3), cost=FREE, referral=True, hours="ma-su 00:00-24:00", always_open=True, add_tgs=["KR1.2"],
         add_les=["KE1"],
         kw={"fi": ["ensikoti", "vauvaperhe", "lastensuojelu", "päihteet raskausaikana"], "sv": ["mödrahem"],
             "en": ["mother and baby home"]},
         phone=("Ensikoti", "Mödrahemmet", "Mother and baby home"), languages=["fi"],
         web="https://www.ensijaturvakotienliitto.fi"),
    # --- municipal services in every municipality
    dict(key="paivakotihoito", ref="e4315af5-abcb-45a0-ab00-688e7ecd5313", org="muni", scope="munis",
         name=("{gen} kunnallinen varhaiskasvatus: päiväkotihoito", "Kommunal småbarnspedagogik i daghem i {sv}",
               "Municipal day care in {fi}"),
         place=None,
         intro="{org} järjestää varhaiskasvatusta päiväkodeissa alle kouluikäisille lapsille. Varhaiskasvatuspaikkaa "
               "haetaan neljä kuukautta ennen tarvetta.",
         ages=(0, 6), cost=PAID, add_tgs=["KR1.2"],
         cost_note=lt("Varhaiskasvatusmaksu määräytyy perheen koon, tulojen ja hoitoajan mukaan.",
                      "Avgiften bestäms enligt familjens storlek, inkomster och vårdtid.",
                      "The fee depends on family size, income and hours of care."),
         kw={"fi": ["päiväkoti", "varhaiskasvatus", "päivähoito", "hoitopaikka"], "sv": ["daghem", "småbarnspedagogik"],
             "en": ["day care", "early childhood education"]}, languages=["fi"]),
    dict(key="perhepaivahoito", ref="c52233a0-2089-437d-b841-ae4676399976", org="muni", scope="munis",
         name=("{gen} perhepäivähoito", "Familjedagvård i {sv}", "Family day care in {fi}"),
         place=None,
         intro="{org} järjestää perhepäivähoitoa hoitajan kotona pienessä, enintään neljän lapsen ryhmässä.",
         ages=(0, 6), cost=PAID, add_tgs=["KR1.2"],
         cost_note=lt("Varhaiskasvatusmaksu määräytyy perheen koon, tulojen ja hoitoajan mukaan.",
                      "Avgiften bestäms enligt familjens storlek, inkomster och vårdtid.",
                      "The fee depends on family size, income and hours of care."),
         kw={"fi": ["perhepäivähoito", "perhepäivähoitaja", "varhaiskasvatus", "päivähoito"],
             "sv": ["familjedagvård"], "en": ["family day care", "childminder"]}, languages=["fi"]),
    dict(key="esiopetus", ref="0a178e54-e994-4b7c-beb5-3cf0ca09488a", org="muni", scope="munis",
         name=("{gen} esiopetus", "Förskoleundervisning i {sv}", "Pre-primary education in {fi}"),
         place=None,
         intro="{org} järjestää maksuttoman esiopetuksen kouluun lähtöä edeltävänä vuonna päiväkodeissa ja "
               "kouluilla. Esiopetukseen ilmoittaudutaan tammi–helmikuussa.",
         ages=(5, 6), cost=FREE, add_tgs=["KR1.2"],
         kw={"fi": ["esiopetus", "eskari", "esikoulu"], "sv": ["förskola", "förskoleundervisning"],
             "en": ["pre-primary education", "preschool"]}, languages=["fi"]),
    dict(key="nuorisotyo", ref="3ba7c26b-37b3-41e0-a55a-680a422cbde5", org="muni", scope="munis",
         name=("{gen} nuorisotyö ja nuorisotilat", "Ungdomsarbete i {sv}", "Youth work in {fi}"),
         place=("{gen} nuorisotila", "Ungdomslokalen i {sv}", "{fi} youth centre"),
         intro="{org} tarjoaa nuorille avointa nuorisotilatoimintaa, harrastuksia, leirejä ja tukea arkeen. "
               "Nuorisotilalle voi tulla ilman ilmoittautumista.",
         ages=(10, 28), cost=FREE, hours="ti-to 14:00-21:00|pe 14:00-22:00", add_tgs=["KR1.3"], add_classes=["P28.1"],
         kw={"fi": ["nuorisotila", "nuorisotalo", "nuorisotyö", "nuoret", "harrastukset"],
             "sv": ["ungdomsgård", "ungdomsarbete"], "en": ["youth centre", "youth work"]},
         extra_gd="4f9f203f-dd47-41c5-9955-1535e2583ae7", languages=["fi"]),
    dict(key="etsiva-nuorisotyo", ref="1e74a0bb-b521-4d49-9a9a-e3b7fe3d5a20", org="muni", scope="munis",
         name=("{gen} etsivä nuorisotyö", "Uppsökande ungdomsarbete i {sv}", "Outreach youth work in {fi}"),
         place=None,
         intro="{org_gen} etsivät nuorisotyöntekijät auttavat alle 29-vuotiaita, jotka ovat koulun tai työn "
               "ulkopuolella tai tarvitsevat tukea palveluihin pääsemiseksi.",
         ages=(15, 28), cost=FREE, add_tgs=["KR1.3"], add_classes=["P28.4"],
         kw={"fi": ["etsivä nuorisotyö", "nuoret", "syrjäytyminen", "opiskelupaikka"],
             "sv": ["uppsökande ungdomsarbete"], "en": ["outreach youth work"]}, languages=["fi"]),
    dict(key="kirjasto", ref="GD102", org="muni", scope="munis",
         name=("{library}", "Biblioteket i {sv}", "{fi} public library"),
         place=("{library}", "Biblioteket i {sv}", "{fi} library"),
         intro="{library} on kaikille avoin kirjasto: lainaa kirjoja, lehtiä, äänikirjoja ja pelejä, tule "
               "satutunnille tai lukemaan. Lasten ja nuorten osastolla on oma kokoelma.",
         ages=None, cost=FREE, hours="ma-to 10:00-19:00|pe 10:00-17:00|la 10:00-15:00", add_tgs=["KR1.2"],
         kw={"fi": ["kirjasto", "satutunti", "lastenkirjat", "lainaus"], "sv": ["bibliotek", "sagostund"],
             "en": ["library", "story time"]}, languages=["fi", "sv", "en"]),
    # --- Tampere-only municipal services
    dict(key="avoin-varhaiskasvatus", ref="21bb37e8-0395-4e9d-a82d-67b35ae16b26", org="muni", scope="tampere",
         name=("Tampereen avoin varhaiskasvatus: perhekerhot ja leikkitoiminta", "Öppen småbarnspedagogik i Tammerfors",
               "Open early childhood education in Tampere"),
         place=None,
         intro="Tampereen kaupungin avoin varhaiskasvatus tarjoaa kotona lapsiaan hoitaville perheille "
               "perhekerhoja, leikkitoimintaa ja kerhoja ympäri kaupunkia.",
         ages=(0, 6), cost=FREE, add_tgs=["KR1.2"],
         kw={"fi": ["avoin varhaiskasvatus", "perhekerho", "leikkitoiminta", "kotihoito"], "sv": ["öppen småbarnspedagogik"],
             "en": ["open early childhood education", "playgroup"]}, languages=["fi"]),
    dict(key="leikkipuistot", ref="f56e65c9-d0da-4ba5-962e-f510a91d6688", org="muni", scope="tampere",
         name=("Tampereen leikkipuistot", "Lekparker i Tammerfors", "Playgrounds in Tampere"),
         place=None,
         intro="Tampereella on kymmeniä vapaasti käytettäviä leikkipuistoja; osassa on kesäisin ohjattua toimintaa.",
         ages=(0, 12), cost=FREE, add_tgs=["KR1.2"],
         kw={"fi": ["leikkipuisto", "leikkikenttä", "ulkoilu"], "sv": ["lekpark"], "en": ["playground"]},
         languages=["fi"]),
    dict(key="aamu-ja-iltapaivatoiminta", ref="452bdcf1-4420-4892-a1dc-36830815580e", org="muni", scope="tampere",
         name=("Tampereen koululaisten aamu- ja iltapäivätoiminta", "Morgon- och eftermiddagsverksamhet i Tammerfors",
               "Morning and afternoon activities for schoolchildren in Tampere"),
         place=None,
         intro="Tampereen kaupunki järjestää aamu- ja iltapäivätoimintaa 1.–2.-luokkalaisille ja "
               "erityisen tuen oppilaille ennen koulupäivää ja sen jälkeen.",
         ages=(7, 9), cost=PAID, add_tgs=["KR1.2"],
         cost_note=lt("Kuukausimaksu riippuu osallistumispäivien määrästä; maksusta voi hakea vapautusta.",
                      "Månadsavgiften beror på antalet dagar.", "The monthly fee depends on the number of days."),
         kw={"fi": ["iltapäiväkerho", "aamupäivätoiminta", "koululaiset", "ip-kerho"],
             "sv": ["eftermiddagsverksamhet"], "en": ["after-school club"]}, languages=["fi"]),
    dict(key="vuorohoito", ref="47d0ddd0-728e-47d0-8e3c-58b653df5e95", org="muni", scope="tampere",
         name=("Tampereen varhaiskasvatuksen vuorohoito", "Skiftvård inom småbarnspedagogiken i Tammerfors",
               "Round-the-clock early childhood education in Tampere"),
         place="units:round_the_clock",
         intro="Tampereen kaupungin vuorohoitopäiväkodit ovat auki iltaisin, öisin ja viikonloppuisin lapsille, "
               "joiden huoltajat tekevät vuorotyötä tai opiskelevat.",
         ages=(0, 6), cost=PAID, add_tgs=["KR1.2"], always_open=True,
         cost_note=lt("Varhaiskasvatusmaksu määräytyy perheen koon, tulojen ja hoitoajan mukaan.",
                      "Avgiften bestäms enligt familjens storlek, inkomster och vårdtid.",
                      "The fee depends on family size, income and hours of care."),
         kw={"fi": ["vuorohoito", "iltahoito", "yöhoito", "vuorotyö", "päiväkoti"], "sv": ["skiftvård"],
             "en": ["shift care", "round-the-clock care"]}, languages=["fi"]),
    dict(key="kerhotoiminta", ref="32dbc06d-7559-474f-b116-c306c08ac508", org="muni", scope="tampere",
         name=("Tampereen avoimen varhaiskasvatuksen kerhot", "Klubbar inom den öppna småbarnspedagogiken i Tammerfors",
               "Early childhood education clubs in Tampere"),
         place="units:municipal_clubs",
         intro="Tampereen kaupungin kerhot ovat 2–5-vuotiaille kotona hoidettaville lapsille; kerho kokoontuu "
               "muutamana aamu- tai iltapäivänä viikossa.",
         ages=(2, 5), cost=PAID, add_tgs=["KR1.2"],
         cost_note=lt("Kerhomaksu määräytyy kerhokertojen määrän mukaan.", "Klubbavgiften beror på antalet gånger.",
                      "The club fee depends on the number of sessions."),
         kw={"fi": ["kerho", "kerhotoiminta", "avoin varhaiskasvatus"], "sv": ["klubb"], "en": ["club", "playgroup"]},
         languages=["fi"]),
]


def org_genitive(org_fi):
    if org_fi.endswith("kaupunki"):
        return org_fi[:-len("kaupunki")] + "kaupungin"
    if org_fi.endswith("kunta"):
        return org_fi[:-len("kunta")] + "kunnan"
    return org_fi


def make_ptv_services(shared, geo, codes, ptv_munis, units):
    gds = load_general_descriptions(shared)
    out = []

    def unit_locations(kind):
        locs = []
        for u in units:
            loc = u["locations"][0]
            if kind == "round_the_clock" and any(h.get("always_open") for h in loc["hours"]) \
                    and u["provider"]["type"] == "municipality":
                locs.append(loc)
            if kind == "municipal_clubs" and u["id"].startswith("tre-kerho-") \
                    and u["provider"]["type"] == "municipality":
                locs.append(loc)
        return locs

    for d in PTV_DEFS:
        g = gd_content(gds[d["ref"]], codes)
        extra = gd_content(gds[d["extra_gd"]], codes) if d.get("extra_gd") else None
        instances = []  # (id suffix, municipality codes served, office municipality, area key or None)
        if d["scope"] in ("munis", "munis+areas"):
            for code in geo.region_munis:
                if code == "837" and d["scope"] == "munis+areas":
                    for area in TAMPERE_AREAS:
                        instances.append(("837-" + area[0], ["837"], "837", area))
                else:
                    instances.append((code, [code], code, None))
        elif d["scope"] == "clusters":
            for office, members in CLUSTERS:
                instances.append((office, members, office, None))
        elif d["scope"] == "region":
            instances.append(("", list(geo.region_munis), "837", None))
        elif d["scope"] == "tampere":
            instances.append(("", ["837"], "837", None))

        for suffix, members, office, area in instances:
            org_kind = d["org"]
            if org_kind == "pirha":
                provider, prefix, web = PIRHA, "pirha", PIRHA_WEB
            elif org_kind == "ensi-turva":
                provider, prefix, web = ENSI_TURVA, "etkl", d.get("web")
            else:
                provider, prefix, web = municipality_provider(geo, office, ptv_munis), "kunta", MUNI_WEB[office]
            org_fi = provider["name"]["fi"]
            if area:
                gen, fi_place, sv_place, en_place = area[1], area[2], area[3], area[4]
                area_fi = "%s alueen" % area[1]
            else:
                gen, fi_place, sv_place, en_place = MUNI_GEN[office], geo.name(office), geo.name(office, "sv"), geo.name(office)
                if d["scope"] == "region":
                    area_fi = "koko Pirkanmaan"
                else:
                    area_fi = join_fi(MUNI_GEN[m] for m in members)
            if office == "837" and not area:
                library = LIBRARY["837"][0]
            elif org_fi.endswith("kunta"):
                library = "%s kunnankirjasto" % MUNI_GEN[office]
            else:
                library = "%s kaupunginkirjasto" % MUNI_GEN[office]
            fmt = dict(gen=gen, fi=fi_place, sv=sv_place, en=en_place, library=library, org=org_fi,
                       org_gen=org_genitive(org_fi))
            fmt_en = dict(fmt, fi=en_place)
            name = lt(d["name"][0].format(**fmt), d["name"][1].format(**fmt), d["name"][2].format(**fmt_en))
            fmt["name"] = name["fi"]
            fmt["area"] = area_fi
            intro = d["intro"].format(**fmt)
            rid = "%s-%s" % (prefix, d["key"]) + ("-" + suffix if suffix else "")

            desc = {}
            for lang in ("fi", "sv", "en"):
                parts = []
                if lang == "fi":
                    parts.append(intro)
                if g["description"].get(lang):
                    parts.append(g["description"][lang])
                if parts:
                    desc[lang] = "\n\n".join(parts)

            classes = list(dict.fromkeys(g["classes"] + d.get("add_classes", [])))
            tgs = list(dict.fromkeys(g["tgs"] + d.get("add_tgs", [])))
            les = list(dict.fromkeys(g["les"] + d.get("add_les", [])))
            kw = {lang: list(dict.fromkeys(
                d["kw"].get(lang, []) + (g["terms"] if lang == "fi" else []) +
                ([extra["name"].get(lang)] if extra and extra["name"].get(lang) else []) +
                ([g["name"][lang]] if g["name"].get(lang) else [])))
                for lang in ("fi", "sv", "en")}
            kw = {k: v for k, v in kw.items() if v}

            cost = {"Free": FREE, "Charged": PAID}.get(g["charge"], d["cost"])
            rec = {
                "id": rid,
                "source": "json:pirkanmaa-services",
                "source_id": "%s/%s" % (g["id"], rid),
                "provider": provider,
                "name": name,
                "summary": g["summary"],
                "description": desc,
                "service_classes": classes,
                "target_groups": tgs,
                "life_events": les,
                "keywords": kw,
            }
            if d.get("ages"):
                amin, amax = d["ages"]
                if amin is not None:
                    rec["age_min"] = amin
                if amax is not None:
                    rec["age_max"] = amax
            rec["languages"] = d.get("languages", ["fi"])
            rec["cost"] = cost
            if d.get("cost_note"):
                rec["cost_note"] = d["cost_note"]
            how = g["how"] or d.get("how")
            if d.get("how"):
                how = d["how"]
            if how:
                rec["how_to_apply"] = how
            if d.get("referral") is not None:
                rec["referral_required"] = d["referral"]
            # A region in the area means the whole region: list it only for region-wide services.
            if d["scope"] == "region":
                rec["area"] = {"whole_country": False, "regions": [REGION], "municipalities": []}
            else:
                rec["area"] = {"whole_country": False, "regions": [], "municipalities": list(members)}

            phone = None
            if d.get("phone"):
                phone = {"number": d.get("phone_number") or composed_phone(rid), "description": lt(*d["phone"])}
            place = d.get("place")
            locations = []
            if isinstance(place, str) and place.startswith("units:"):
                locations = unit_locations(place.split(":")[1])
            elif place:
                if d.get("postcode"):
                    pc, street = d["postcode"], d["street"]
                elif area:
                    pc, street = area[5], TAMPERE_STREET[area[0]]
                elif d["key"] == "kirjasto" and office in LIBRARY:
                    pc, street = LIBRARY[office][2], LIBRARY[office][1]
                elif d["key"] == "nuorisotyo":
                    pc, street = MUNI_CENTRE_POSTCODE[office], YOUTH_STREET[office]
                else:
                    pc, street = MUNI_CENTRE_POSTCODE[office], SOTE_STREET[office]
                loc_name = lt(place[0].format(**fmt), place[1].format(**fmt), place[2].format(**fmt_en))
                mcode = geo.postcodes[pc]["municipal_code"]
                loc = {
                    "id": "loc-" + rid,
                    "name": loc_name,
                    "address": {"street": lt(street), "postcode": pc, "post_office": geo.post_office(pc),
                                "municipality_code": mcode},
                    "coord": geo.point(pc, salt=street + pc),
                }
                if d.get("hours"):
                    e = hours_entry(d["hours"])
                    if d.get("always_open"):
                        e["always_open"] = True
                    loc["hours"] = [e]
                if phone:
                    loc["phones"] = [phone]
                locations.append(loc)
            if locations:
                rec["locations"] = locations
            if phone and not locations:
                rec["phones"] = [phone]
            if web:
                rec["web_pages"] = [{"url": web, "name": lt(provider["name"].get("fi"), provider["name"].get("sv"),
                                                             provider["name"].get("en"))}]
            rec["last_modified"] = STAMP_PTV
            if not rec["life_events"]:
                del rec["life_events"]
            out.append(rec)
    return out


# --------------------------------------------------------------------------------------------------
# Validation

PROVIDER_TYPES = {"municipality", "wellbeing_county", "state", "ngo", "parish", "private_company"}
COSTS = {"free", "paid", "partly", "unknown"}
LAT_RANGE = (60.85, 62.45)   # Pirkanmaa's extent, with a small margin
LON_RANGE = (22.55, 25.45)


class Checker:
    def __init__(self, geo, codes):
        self.geo, self.codes = geo, codes
        self.problems = []
        self.ids = {}

    def fail(self, where, msg):
        self.problems.append("%s: %s" % (where, msg))

    def check_time(self, where, t, allow_24=True):
        ok = len(t) == 5 and t[2] == ":" and t[:2].isdigit() and t[3:].isdigit() \
            and (int(t[:2]) < 24 or (allow_24 and t == "24:00")) and int(t[3:]) < 60
        if not ok:
            self.fail(where, "bad time %r" % t)

    def check_place(self, where, postcode, municipality, lat, lon):
        if not (len(postcode) == 5 and postcode.isdigit()):
            self.fail(where, "postcode %r is not 5 digits" % postcode)
        elif postcode not in self.geo.postcodes:
            self.fail(where, "unknown postcode %r" % postcode)
        elif self.geo.postcodes[postcode]["maakunta_code"] != REGION:
            self.fail(where, "postcode %s is outside Pirkanmaa" % postcode)
        if municipality not in self.geo.region_munis:
            self.fail(where, "municipality %r is not a Pirkanmaa municipality code" % municipality)
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            self.fail(where, "coordinate %s,%s is outside Pirkanmaa" % (lat, lon))

    def check_codes(self, where, classes, tgs, les):
        for c in classes:
            if not c.startswith("P") or not self.codes.exists(c):
                self.fail(where, "unknown service class %r" % c)
        for c in tgs:
            if not c.startswith("KR") or not self.codes.exists(c):
                self.fail(where, "unknown target group %r" % c)
        for c in les:
            if not c.startswith("KE") or not self.codes.exists(c):
                self.fail(where, "unknown life event %r" % c)

    def claim_id(self, where, rid):
        if rid in self.ids:
            self.fail(where, "duplicate id %r (also %s)" % (rid, self.ids[rid]))
        else:
            self.ids[rid] = where

    def check_record(self, where, r):
        for key in ("id", "source", "source_id", "provider", "name", "last_modified"):
            if not r.get(key):
                self.fail(where, "missing %s" % key)
        self.claim_id(where, r.get("id", ""))
        p = r.get("provider", {})
        if p.get("type") not in PROVIDER_TYPES:
            self.fail(where, "bad provider type %r" % p.get("type"))
        if not p.get("name", {}).get("fi"):
            self.fail(where, "provider without a Finnish name")
        if not r.get("name", {}).get("fi"):
            self.fail(where, "no Finnish name")
        if not r.get("summary"):
            self.fail(where, "no summary")
        self.check_codes(where, r.get("service_classes", []), r.get("target_groups", []), r.get("life_events", []))
        if not r.get("service_classes"):
            self.fail(where, "no service class")
        if r.get("cost") not in COSTS:
            self.fail(where, "bad cost %r" % r.get("cost"))
        amin, amax = r.get("age_min"), r.get("age_max")
        if amin is not None and amax is not None and amin > amax:
            self.fail(where, "age_min > age_max")
        for lang in r.get("languages", []):
            if len(lang) != 2 or not lang.isalpha() or not lang.islower():
                self.fail(where, "bad language %r" % lang)
        area = r.get("area", {})
        for m in area.get("municipalities", []):
            if m not in self.geo.region_munis:
                self.fail(where, "area municipality %r is not in Pirkanmaa" % m)
        for reg in area.get("regions", []):
            if reg != REGION:
                self.fail(where, "area region %r" % reg)
        if area.get("regions") and area.get("municipalities"):
            self.fail(where, "area names the whole region and some municipalities; a region already "
                             "covers all its municipalities")
        if not area.get("whole_country") and not area.get("regions") and not area.get("municipalities"):
            self.fail(where, "empty service area")
        for i, loc in enumerate(r.get("locations", [])):
            lw = "%s/locations/%d" % (where, i)
            a = loc.get("address", {})
            c = loc.get("coord") or {}
            self.check_place(lw, a.get("postcode", ""), a.get("municipality_code", ""), c.get("lat", 0), c.get("lon", 0))
            if not a.get("street", {}).get("fi"):
                self.fail(lw, "no street")
            for h in loc.get("hours", []):
                for day in h.get("days", []):
                    if not 0 <= day["weekday"] <= 6:
                        self.fail(lw, "bad weekday")
                    self.check_time(lw, day["open"], allow_24=False)
                    self.check_time(lw, day["close"])
                    if day["open"] >= day["close"]:
                        self.fail(lw, "opening %s-%s closes before it opens" % (day["open"], day["close"]))
        lm = r.get("last_modified", "")
        if not (len(lm) == 20 and lm.endswith("Z") and lm[10] == "T"):
            self.fail(where, "last_modified %r is not ISO 8601 UTC" % lm)


def schema_problems(schema, value, path="", root=None):
    """A minimal JSON Schema check (the keywords data/schema/service.schema.json uses: $ref, oneOf,
    type, properties, additionalProperties, required, items, enum, pattern, minimum, maximum)."""
    import re
    root = root or schema
    if "$ref" in schema:
        node = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return schema_problems(node, value, path, root)
    if "oneOf" in schema:
        results = [schema_problems(s, value, path, root) for s in schema["oneOf"]]
        if any(not r for r in results):
            return []
        mismatch = "%s: expected " % (path or "/")
        relevant = [r for r in results if not (len(r) == 1 and r[0].startswith(mismatch))]
        return (relevant or results)[0]
    out = []
    t = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}
    if t and not isinstance(value, types[t]) or (t in ("integer", "number") and isinstance(value, bool)):
        return ["%s: expected %s" % (path or "/", t)]
    if "enum" in schema and value not in schema["enum"]:
        out.append("%s: %r not in %s" % (path, value, schema["enum"]))
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append("%s: %r does not match %s" % (path, value, schema["pattern"]))
    if "minimum" in schema and value < schema["minimum"]:
        out.append("%s: %r < %s" % (path, value, schema["minimum"]))
    if "maximum" in schema and value > schema["maximum"]:
        out.append("%s: %r > %s" % (path, value, schema["maximum"]))
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                out.append("%s: missing %s" % (path, k))
        for k, v in value.items():
            if k in props:
                out += schema_problems(props[k], v, "%s/%s" % (path, k), root)
            elif schema.get("additionalProperties") is False:
                out.append("%s: unknown key %s" % (path, k))
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += schema_problems(schema["items"], v, "%s/%d" % (path, i), root)
    return out


# --------------------------------------------------------------------------------------------------
# Output

def jsonl_text(records):
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def load_ptv_munis(shared):
    with open(os.path.join(shared, "geo", "ptv-municipalities.json"), encoding="utf-8") as f:
        return {m["municipalityCode"]: m for m in json.load(f)}


def build(shared):
    """Returns {file name: text} of every output file, or exits 1 on validation problems."""
    geo = Geo(shared)
    codes = Codes()
    ptv_munis = load_ptv_munis(shared)
    if len(geo.region_munis) != 23:
        sys.exit("expected 23 Pirkanmaa municipalities, found %d" % len(geo.region_munis))

    units = make_units(shared, geo, ptv_munis)
    services = make_ptv_services(shared, geo, codes, ptv_munis, units)
    checker = Checker(geo, codes)
    files = {}
    schema = None
    schema_path = os.path.join(REPO, "data", "schema", "service.schema.json")
    if os.path.exists(schema_path):
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    for fname, recs in (("daycare-units.jsonl", units), ("pirkanmaa-services.jsonl", services)):
        for i, r in enumerate(recs):
            checker.check_record("%s:%d" % (fname, i + 1), r)
            if schema:
                for p in schema_problems(schema, r):
                    checker.fail("%s:%d" % (fname, i + 1), "schema: " + p)
        files[fname] = jsonl_text(recs)
    for fname, services_def in CSV_FILES:
        files[fname] = csv_text(fname, services_def, geo, checker)
    if checker.problems:
        for p in checker.problems:
            print(p, file=sys.stderr)
        sys.exit("%d problems; nothing written" % len(checker.problems))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.environ.get("PALVELUHAKU_SHARED_DATA", "/work/shared/data"),
                    help="the shared reference data directory (default /work/shared/data)")
    ap.add_argument("--out", default=os.path.join(REPO, "data", "sample"), help="output directory")
    ap.add_argument("--check", action="store_true",
                    help="rebuild in memory and compare with the files in --out; exit 1 if they differ")
    args = ap.parse_args()
    files = build(args.shared)
    if args.check:
        differ = []
        for fname, text in sorted(files.items()):
            path = os.path.join(args.out, fname)
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    same = f.read() == text
            except OSError:
                same = False
            if not same:
                differ.append(fname)
        if differ:
            sys.exit("out of date: %s" % ", ".join(differ))
        print("data/sample is up to date (%d files)" % len(files))
        return
    os.makedirs(args.out, exist_ok=True)
    for fname, text in sorted(files.items()):
        with open(os.path.join(args.out, fname), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        lines = text.count("\n")
        print("wrote %s (%d lines)" % (os.path.join(args.out, fname), lines))


# --------------------------------------------------------------------------------------------------
# 3. Composed NGO, parish and small-provider services in the CSV template

CSV_COLUMNS = [
    "id", "name_fi", "name_sv", "name_en", "summary_fi", "summary_sv", "summary_en",
    "description_fi", "description_sv", "description_en", "provider_name", "provider_type",
    "provider_business_id", "service_classes", "target_groups", "life_events", "keywords_fi",
    "keywords_sv", "keywords_en", "age_min", "age_max", "languages", "cost", "cost_note",
    "how_to_apply", "referral_required", "area_municipalities", "area_regions", "whole_country",
    "location_name", "street_address", "postcode", "post_office", "municipality", "latitude",
    "longitude", "accessibility", "opening_hours", "phone", "email", "website", "eservice_url",
    "last_modified",
]


def tri(v):
    """'text' or ('fi', 'sv', 'en') -> (fi, sv, en)."""
    if v is None:
        return ("", "", "")
    if isinstance(v, str):
        return (v, "", "")
    return tuple(list(v) + ["", "", ""])[:3]


def loc(name, street, postcode, hours="", phone="composed", email="", access=""):
    return dict(name=name, street=street, postcode=postcode, hours=hours, phone=phone, email=email,
                access=access)


def svc(id, provider, ptype, name, summary, desc, classes, tgs, les=(), kw=("", "", ""), ages=(None, None),
        langs=("fi",), cost="free", cost_note="", how="", referral=None, munis=(), regions=None,
        whole_country=False, locs=(), web="", eservice="", modified="2026-09-01", repeat=True,
        phone="", email=""):
    if regions is None:
        # A region in the area means the whole region (as in PTV): a service for every Pirkanmaa
        # municipality names the region, the others name their municipalities only.
        if not whole_country and sorted(munis) == ALL_MUNIS:
            regions, munis = ("06",), ()
        else:
            regions = ()
    return dict(id=id, provider=provider, ptype=ptype, name=tri(name), summary=tri(summary), desc=tri(desc),
                classes=list(classes), tgs=list(tgs), les=list(les), kw=tri(kw), ages=ages, langs=list(langs),
                cost=cost, cost_note=cost_note, how=how, referral=referral, munis=list(munis),
                regions=list(regions), whole_country=whole_country, locs=list(locs), web=web, eservice=eservice,
                modified=modified, repeat=repeat, phone=phone, email=email)


# Real organisations' main websites.
W_MLL = "https://www.mll.fi"
W_SETL = "https://setlementtitampere.fi"
W_TRE_SRK = "https://www.tampereenseurakunnat.fi"
W_EVL = "https://evl.fi"
W_ORT = "https://www.ort.fi"
W_SPR = "https://www.punainenristi.fi"
W_PELA = "https://www.pelastakaalapset.fi"
W_MIESSAKIT = "https://www.miessakit.fi"
W_ETKL = "https://www.ensijaturvakotienliitto.fi"
W_MIELI = "https://mieli.fi"
W_FOLK = "https://www.folkhalsan.fi"
W_KUULO = "https://www.kuuloliitto.fi"
W_NY = "https://www.nuortenystavat.fi"
W_ASEMA = "https://www.asemanlapset.fi"

ALL_MUNIS = ["020", "108", "143", "177", "211", "250", "291", "418", "508", "536", "562", "581", "604",
             "619", "635", "702", "790", "837", "887", "908", "922", "936", "980"]
TRE_REGION = ["837", "536", "604", "211", "418", "980", "922", "562"]  # Tampere and its neighbours

PERHEKAHVILA_KW = ("perhekahvila|vertaistuki|kohtaamispaikka|vauvaperheet|kotivanhemmat",
                   "familjecafé|kamratstöd", "family café|parent and toddler group|peer support")

# Small local family cafés of MLL's local associations: (municipality, postcode, venue, street, hours, variant)
MLL_LOCAL = [
    ("536", "37100", "Nokian perhekeskuksen kokoustila", "Härkitie 6", "ke 09:30-11:30", 0),
    ("980", "33470", "Ylöjärven kirjaston satuhuone", "Kuruntie 14", "ma 10:00-12:00", 1),
    ("908", "37600", "Valkeakosken perhetalo", "Valtakatu 20", "ke 09:30-11:30", 0),
    ("790", "38200", "Vammalan asukastupa", "Puistokatu 3", "to 10:00-12:00", 2),
    ("562", "35300", "Oriveden seurakuntakeskuksen kerhohuone", "Keskuskatu 23", "ti 10:00-12:00", 0),
    ("581", "39700", "Parkanon kulttuuritalo", "Parkanontie 37", "pe 10:00-12:00", 1),
    ("508", "35800", "Mäntän perhetupa", "Tehtaankatu 9", "ke 10:00-12:00", 2),
    ("291", "17800", "Kuhmoisten kunnantalon kerhotila", "Kuhmoistentie 14", "ti 09:30-11:30", 1),
    ("177", "35500", "Korkeakosken seuraintalo", "Koskitie 8", "to 09:30-11:30", 0),
    ("619", "31900", "Punkalaitumen kirjaston monitoimitila", "Vanhatie 20", "ke 10:00-12:00", 2),
    ("887", "31700", "Urjalan perhekeskus", "Kuurnantie 4", "ti 09:30-11:30", 1),
    ("922", "37470", "Vesilahden koulukeskuksen kerhotila", "Koulutie 1", "to 10:00-12:00", 0),
    ("143", "39500", "Ikaalisten perhepuisto", "Valtakatu 14", "ma 10:00-12:00", 2),
    ("936", "34800", "Virtain kaupungintalon aula", "Virtaintie 38", "pe 09:30-11:30", 1),
    ("020", "37800", "Toijalan perhetalo", "Asemakatu 5", "ke 09:30-11:30", 0),
    ("108", "39100", "Hämeenkyrön nuorisotilan alakerta", "Kyröskoskentie 20", "ti 10:00-12:00", 2),
    ("635", "36600", "Pälkäneen kunnantalon kerhohuone", "Sappeentie 2", "to 09:30-11:30", 1),
    ("604", "33960", "Pirkkalan perhekeskus", "Suupanraitti 4", "ma 09:30-11:30", 0),
]

MLL_LOCAL_TEXTS = [
    ("Perhekahvila on avoin kohtaamispaikka vauvoille, taaperoille ja heidän aikuisilleen. Tule juomaan kahvit, "
     "vaihtamaan kuulumisia ja antamaan lapsille uusia leikkikavereita! Vapaaehtoiset vanhemmat vetävät "
     "kahvilaa, ja kerran kuussa vieraana on esimerkiksi neuvolan terveydenhoitaja tai perhetyöntekijä.",
     "Ilmoittautumista ei tarvita, tule silloin kun sinulle sopii. Kahvilassa on vaunuparkki ja "
     "lastenhoitopöytä."),
    ("Vauva- ja perhekahvilassa vanhemmat saavat vertaistukea ja lapset leikkiseuraa. Kahvilassa on "
     "pieni kahvitarjoilu ja lapsille leikkinurkkaus. Toimintaa pyörittävät MLL:n paikallisyhdistyksen "
     "vapaaehtoiset.",
     "Tervetuloa yksin tai koko perheen kanssa. Kahvila on tauolla koulujen loma-aikoina."),
    ("MLL:n perhekahvila kokoaa alueen lapsiperheet yhteen kerran viikossa. Ohjelmassa on vapaata "
     "leikkiä, loruja ja lauluja sekä aikaa aikuisten jutustelulle. Kahvilassa voit myös kysyä "
     "paikallisyhdistyksen muusta toiminnasta, kuten lastenhoitoavusta ja perhetapahtumista.",
     "Kahvila on maksuton ja avoin kaikille, myös isovanhemmille ja muille lapsen läheisille."),
]

# Local parish family clubs: (parish, municipality, postcode, venue, street, hours)
PARISH_LOCAL = [
    ("Nokian seurakunta", "536", "37200", "Siuron seurakuntakoti", "Siurontie 20", "ti 09:30-11:30"),
    ("Ylöjärven seurakunta", "980", "33470", "Ylöjärven seurakuntakeskus", "Kuruntie 4", "ke 09:30-11:30"),
    ("Kangasalan seurakunta", "211", "36200", "Kangasalan seurakuntakeskus", "Pikkolantie 1", "to 09:30-11:30"),
    ("Lempäälän seurakunta", "418", "37500", "Lempäälän seurakuntakeskus", "Kirkkotie 2", "ti 09:30-11:30"),
    ("Pirkkalan seurakunta", "604", "33960", "Pirkkalan seurakuntakeskus", "Kirkkotie 1", "ke 09:30-11:30"),
    ("Valkeakosken seurakunta", "908", "37600", "Valkeakosken seurakuntakeskus", "Kirkkokatu 1", "to 09:30-11:30"),
    ("Sastamalan seurakunta", "790", "38200", "Vammalan seurakuntakeskus", "Asemakatu 5", "ma 09:30-11:30"),
    ("Oriveden seurakunta", "562", "35300", "Oriveden seurakuntakeskus", "Keskuskatu 23", "ke 09:30-11:30"),
    ("Mänttä-Vilppulan seurakunta", "508", "35700", "Vilppulan seurakuntakoti", "Kirkkotie 4", "to 09:30-11:30"),
    ("Ikaalisten seurakunta", "143", "39500", "Ikaalisten seurakuntatalo", "Vanhatie 2", "ti 09:30-11:30"),
    ("Virtain seurakunta", "936", "34800", "Virtain seurakuntatalo", "Kirkkokatu 3", "ke 09:30-11:30"),
    ("Parkanon seurakunta", "581", "39700", "Parkanon seurakuntakeskus", "Kirkkotie 2", "to 09:30-11:30"),
    ("Akaan seurakunta", "020", "37800", "Toijalan seurakuntakoti", "Keskuskatu 14", "pe 09:30-11:30"),
    ("Pälkäneen seurakunta", "635", "36600", "Pälkäneen seurakuntakeskus", "Kirkkotie 6", "ti 09:30-11:30"),
    ("Kihniön seurakunta", "250", "39820", "Kihniön seurakuntatalo", "Kirkkotie 3", "ke 10:00-12:00"),
    ("Hämeenkyrön seurakunta", "108", "39100", "Hämeenkyrön seurakuntakoti", "Kirkkotie 1", "to 09:30-11:30"),
    ("Ruoveden seurakunta", "702", "34600", "Ruoveden seurakuntatalo", "Kirkkotie 5", "ti 10:00-12:00"),
]


def ngo_services():
    S = []
    # ---------------- MLL
    S.append(svc(
        "mll-tre-perhekahvilat", "Mannerheimin Lastensuojeluliiton Tampereen yhdistys ry", "ngo",
        ("MLL:n perhekahvilat Tampereella", "MLL:s familjecaféer i Tammerfors", "MLL family cafés in Tampere"),
        ("Maksuttomat perhekahvilat vauva- ja taaperoperheille neljässä kaupunginosassa.",
         "Avgiftsfria familjecaféer för familjer med bebisar och småbarn i fyra stadsdelar.",
         "Free drop-in family cafés for families with babies and toddlers in four districts of Tampere."),
        ("MLL:n perhekahviloissa tapaat muita vanhempia ja lapset saavat leikkiseuraa. Kahviloita vetävät "
         "koulutetut vapaaehtoiset, ja mukana on välillä myös vierailijoita, kuten neuvolan terveydenhoitaja, "
         "kirjaston satutuntilainen tai vauvahierontaohjaaja.\n\n"
         "Kahvilat ovat maksuttomia eikä niihin tarvitse ilmoittautua. Kahvi ja pieni välipala on tarjolla "
         "vapaaehtoista maksua vastaan.",
         "På MLL:s familjecaféer träffar du andra föräldrar och barnen får lekkamrater. Caféerna leds av "
         "utbildade frivilliga. Ingen anmälan behövs.",
         "At MLL's family cafés you meet other parents while the children play. The cafés are run by trained "
         "volunteers; there is no need to register and everyone is welcome."),
        ["P4.12", "P3.6"], ["KR1.2"], ["KE1"], PERHEKAHVILA_KW, (0, 6), ("fi", "en"),
        how="Tule paikalle kahvilan aukioloaikana, ilmoittautumista ei tarvita.", munis=["837"],
        locs=[loc("Hervannan perhekahvila, Hervannan vapaa-aikakeskus", "Insinöörinkatu 38", "33720", "ti 09:30-12:00",
                  access="Esteetön sisäänkäynti, hissi, vaunuparkki sisällä."),
              loc("Tesoman perhekahvila, Tesoman kohtaamispaikka", "Tesomankatu 4", "33310", "to 09:30-12:00"),
              loc("Kalevan perhekahvila, Kalevan asukastupa", "Sammonkatu 30", "33540", "ke 09:30-12:00",
                  access="Esteetön."),
              loc("Linnainmaan perhekahvila, Linnainmaan asukastupa", "Korkinmäenkatu 20", "33580", "pe 09:30-12:00")],
        web=W_MLL, modified="2026-09-12", email="perhekahvilat.tampere@example.org"))
    S.append(svc(
        "mll-kangasala-perhekahvilat", "Mannerheimin Lastensuojeluliiton Kangasalan yhdistys ry", "ngo",
        "MLL:n perhekahvilat Kangasalla",
        "Viikoittaiset perhekahvilat Kangasalan keskustassa ja Ruutanassa.",
        "Perhekahvila on kaikille avoin kohtaamispaikka lapsiperheille. Keskustan kahvilassa on kerran kuussa "
        "teemaviikko (esim. vauvaruokailu, uni, sisarukset), Ruutanan kahvila kokoontuu pienemmällä porukalla.",
        ["P4.12"], ["KR1.2"], ["KE1"], PERHEKAHVILA_KW, (0, 6), munis=["211"],
        locs=[loc("Kangasalan perhekahvila, Kangasalan kirjaston lastenosasto", "Kuohuntie 9", "36200", "ti 09:30-11:30"),
              loc("Ruutanan perhekahvila, Ruutanan koulun kerhotila", "Ruutanantie 2", "36110", "to 09:30-11:30")],
        web=W_MLL, modified="2026-08-28", repeat=False))
    S.append(svc(
        "mll-lempaala-isa-lapsi", "Mannerheimin Lastensuojeluliiton Lempäälän yhdistys ry", "ngo",
        ("Isä–lapsi-lauantait Lempäälässä", "", "Dad and child Saturdays in Lempäälä"),
        "Isille ja lapsille yhteistä tekemistä kerran kuussa lauantaiaamupäivisin.",
        "Isä–lapsi-lauantaina isät, isoisät ja muut miehet tulevat lasten kanssa leikkimään, liikkumaan ja "
        "tutustumaan toisiinsa. Ohjelmassa on temppurata, pientä purtavaa ja aikaa jutella. Kokoonnumme kuun "
        "ensimmäisenä lauantaina syys–toukokuussa.",
        ["P4.12", "P3.6"], ["KR1.2"], [], ("isä-lapsi|isät|isyys|vertaistuki|temppukerho", "", "fathers|dads and kids"),
        (1, 8), munis=["418"],
        locs=[loc("Lempäälän liikuntahalli", "Ryynäsentie 1", "37500", "la 10:00-12:00",
                  access="Esteetön; pukuhuoneet ja hoitopöytä.")],
        web=W_MLL, modified="2026-09-03"))
    S.append(svc(
        "mll-lasten-ja-nuorten-puhelin", "Mannerheimin Lastensuojeluliitto ry", "ngo",
        ("MLL:n Lasten ja nuorten puhelin ja chat", "MLL:s telefon och chatt för barn och unga",
         "MLL Children and Youth Phone and Chat"),
        ("Maksuton ja nimetön puhelin- ja chattipalvelu lapsille ja nuorille, numero 116 111.",
         "Avgiftsfri och anonym telefon- och chattjänst för barn och unga.",
         "A free, anonymous phone and chat service for children and young people: 116 111."),
        ("Lasten ja nuorten puhelimeen ja chattiin voi soittaa tai kirjoittaa mistä tahansa mieltä painavasta "
         "asiasta: kaverisuhteista, kiusaamisesta, kotiasioista, seurustelusta tai yksinäisyydestä. Vastaajina "
         "ovat koulutetut vapaaehtoiset aikuiset. Puhelu on maksuton eikä näy puhelinlaskussa.\n\n"
         "Ajantasaiset päivystysajat ja chatin löydät Nuortennetistä.",
         "", "Children and young people can call or chat about anything on their mind. The volunteers are "
         "trained adults. The call is free and does not show on the phone bill."),
        ["P4.12", "P3.7"], ["KR1.2", "KR1.3"], [], ("lasten ja nuorten puhelin|chat|kiusaaminen|yksinäisyys|nuortennetti",
                                                    "barn- och ungdomstelefon", "helpline|chat|bullying"),
        (7, 20), ("fi",), whole_country=True, regions=(), web="https://www.nuortennetti.fi",
        how="Soita numeroon 116 111 tai avaa chat Nuortennetissä. Nimeä ei tarvitse kertoa.",
        phone="116 111", modified="2026-10-01"))
    S.append(svc(
        "mll-vanhempainpuhelin", "Mannerheimin Lastensuojeluliitto ry", "ngo",
        ("MLL:n Vanhempainpuhelin", "MLL:s föräldratelefon", "MLL Parents' Helpline"),
        "Maksuton ja nimetön keskusteluapu vanhemmille ja muille kasvattajille.",
        "Vanhempainpuhelimessa voit puhua luottamuksellisesti lapsen kasvatuksesta, vanhemmuuden iloista ja "
        "huolista, perheen riidoista tai erosta. Päivystäjinä ovat koulutetut vapaaehtoiset. Saat myös "
        "kirjoittaa Vanhempainnetin kirjepalveluun.",
        ["P3.7", "P4.12"], ["KR1.2"], [], ("vanhempainpuhelin|kasvatus|vanhemmuus|keskusteluapu", "", "parenting helpline"),
        langs=("fi",), whole_country=True, regions=(), web=W_MLL, phone="0800 92277",
        how="Soita maksuttomaan numeroon 0800 92277 päivystysaikana (katso ajat verkkosivuilta).",
        modified="2026-10-01"))
    S.append(svc(
        "mll-lastenhoitoapu", "Mannerheimin Lastensuojeluliiton Hämeen piiri ry", "ngo",
        ("MLL:n lastenhoitoapu Tampereen seudulla", "", "MLL childminding service in the Tampere area"),
        "Tilapäistä lastenhoitoapua perheen kotiin MLL:n kouluttamilta hoitajilta.",
        "MLL:n lastenhoitoavun hoitajat ovat vähintään 18-vuotiaita, MLL:n kouluttamia ja haastattelemia. "
        "Hoitajan voi tilata esimerkiksi vanhempien työvuoron, opiskelun, asioinnin tai levon ajaksi. Hoito "
        "tapahtuu perheen kotona.",
        ["P3.6"], ["KR1.2"], [], ("lastenhoitoapu|lastenhoitaja|tilapäinen lastenhoito|lastenvahti",
                                  "barnvakt", "childminder|babysitter"),
        (0, 12), cost="paid", cost_note="Perhe maksaa hoitajalle tuntipalkkion MLL:n suositushinnan mukaan; "
        "lisäksi tilausmaksu. Ajantasainen hinta verkkosivuilla.",
        how="Tilaa hoitaja puhelimitse välityspalvelusta arkisin klo 9–15.", munis=TRE_REGION,
        locs=[loc("MLL:n Hämeen piirin toimisto", "Hämeenkatu 25 B", "33200", "ma-pe 09:00-15:00")],
        web=W_MLL, modified="2026-08-15", email="lastenhoito.hame@example.org"))
    S.append(svc(
        "mll-perhekummit", "Mannerheimin Lastensuojeluliiton Hämeen piiri ry", "ngo",
        "MLL:n perhekummitoiminta",
        "Vapaaehtoinen perhekummi tukee lapsiperhettä arjessa muutaman tunnin viikossa.",
        "Perhekummi on koulutettu vapaaehtoinen, joka tulee perheen tueksi esimerkiksi vauvan syntymän, "
        "muuton, sairauden tai yksinhuoltajuuden vuoksi. Kummi voi leikkiä lasten kanssa, lähteä mukaan "
        "ulkoilemaan tai asioimaan ja kuunnella vanhempaa. Kummi ei ole lastenhoitaja eikä ammattilainen, "
        "vaan luotettava aikuinen perheen rinnalla.",
        ["P4.12", "P3.6"], ["KR1.2"], ["KE1"], ("perhekummi|vapaaehtoinen|tukihenkilö|yksinhuoltaja", "", "family mentor|volunteer"),
        (0, 12), how="Ota yhteyttä perhekummitoiminnan koordinaattoriin puhelimitse tai sähköpostilla.",
        munis=TRE_REGION, locs=[loc("MLL:n Hämeen piirin toimisto", "Hämeenkatu 25 B", "33200", "ma-to 09:00-15:00")],
        web=W_MLL, modified="2026-07-30", email="perhekummit.hame@example.org"))
    S.append(svc(
        "mll-kansainvalinen-perhekahvila", "Mannerheimin Lastensuojeluliiton Tampereen yhdistys ry", "ngo",
        ("Kansainvälinen perhekahvila Hervannassa", "Internationellt familjecafé i Hervanta", "International family café in Hervanta"),
        ("Monikielinen perhekahvila kaikille lapsiperheille – tervetuloa puhumaan omaa kieltäsi ja harjoittelemaan suomea.",
         "", "A multilingual family café for all families with children – speak your own language and practise Finnish."),
        ("Kansainvälisessä perhekahvilassa tapaavat eri maista tulleet ja suomalaiset perheet. Kahvilassa "
         "leikitään, lauletaan eri kielillä ja jutellaan arjesta Suomessa. Vapaaehtoiset auttavat tarvittaessa "
         "suomeksi, englanniksi, arabiaksi ja somaliksi.",
         "", "Families from many countries and Finnish families meet at the international family café. We play, "
         "sing in different languages and talk about everyday life in Finland. Volunteers help in Finnish, "
         "English, Arabic and Somali."),
        ["P4.12", "P4.11"], ["KR1.2"], ["KE5"], ("monikulttuurinen|maahanmuuttajat|perhekahvila|suomen kieli",
                                                 "mångkulturell", "multicultural|immigrant families|family café"),
        (0, 6), ("fi", "en", "ar", "so"), munis=["837"],
        locs=[loc("Hervannan vapaa-aikakeskus", "Insinöörinkatu 38", "33720", "pe 10:00-12:00", access="Esteetön.")],
        web=W_MLL, modified="2026-09-20"))
    for i, (code, pc, venue, street, hours, variant) in enumerate(MLL_LOCAL):
        gen = MUNI_GEN[code]
        first, second = MLL_LOCAL_TEXTS[variant]
        S.append(svc(
            "mll-perhekahvila-%s" % code, "Mannerheimin Lastensuojeluliiton %s yhdistys ry" % gen, "ngo",
            "%s MLL:n perhekahvila" % gen,
            "Maksuton perhekahvila alle kouluikäisille lapsille ja heidän vanhemmilleen kerran viikossa.",
            first + "\n\n" + second,
            ["P4.12"], ["KR1.2"], ["KE1"], PERHEKAHVILA_KW, (0, 6), munis=[code],
            locs=[loc(venue, street, pc, hours)], web=W_MLL,
            modified="2026-%02d-%02dT08:00:00Z" % (8 + i % 3, 1 + (i * 7) % 27)))

    # ---------------- Setlementti Tampere
    S.append(svc(
        "setlementti-tyttojen-talo", "Setlementti Tampere ry", "ngo",
        ("Tyttöjen Talo Tampere", "Flickornas hus Tammerfors", "Girls' House Tampere"),
        ("Matalan kynnyksen kohtaamispaikka 10–28-vuotiaille tytöille ja nuorille naisille.",
         "", "A low-threshold meeting place for girls and young women aged 10–28."),
        ("Tyttöjen Talolle voit tulla hengailemaan, tekemään ryhmissä tai juttelemaan työntekijän kanssa "
         "kahden kesken. Ryhmiä on mm. kokkailusta, taiteesta ja liikunnasta, ja tuemme myös mielen "
         "hyvinvoinnissa, seksuaalisuudessa ja kaverisuhteissa. Talo on avoin myös muunsukupuolisille nuorille.\n\n"
         "Kaikki toiminta on maksutonta.",
         "", "Drop in to hang out, join a group or talk one-to-one with a youth worker. All activities are free."),
        ["P28.1", "P28.2"], ["KR1.3"], [], ("tyttötyö|nuoret|kohtaamispaikka|mielen hyvinvointi|seksuaalisuus",
                                            "flickor|ungdomar", "girls|youth work|drop-in"),
        (10, 28), ("fi", "en"), munis=TRE_REGION,
        locs=[loc("Tyttöjen Talo", "Hämeenpuisto 44", "33200", "ti-to 13:00-20:00|pe 13:00-17:00",
                  access="Sisäänkäynti pihan puolelta, hissi.")],
        web=W_SETL, modified="2026-09-08", email="tyttojentalo.tampere@example.org"))
    S.append(svc(
        "setlementti-poikien-talo", "Setlementti Tampere ry", "ngo",
        ("Poikien Talo Tampere", "Pojkarnas hus Tammerfors", "Boys' House Tampere"),
        "Kohtaamispaikka ja ryhmätoimintaa 10–28-vuotiaille pojille ja nuorille miehille.",
        "Poikien Talolla voit pelata, kokata, liikkua tai vain olla. Työntekijöiden kanssa voi jutella "
        "luottamuksellisesti mistä tahansa: koulusta, kavereista, kotiasioista, seksuaalisuudesta tai "
        "tulevaisuudesta. Toiminta on maksutonta eikä vaadi ilmoittautumista.",
        ["P28.1", "P28.2"], ["KR1.3"], [], ("poikatyö|nuoret|kohtaamispaikka|harrastukset", "", "boys|youth work"),
        (10, 28), munis=TRE_REGION,
        locs=[loc("Poikien Talo", "Hämeenpuisto 44", "33200", "ti-to 13:00-20:00|pe 13:00-18:00")],
        web=W_SETL, modified="2026-09-08"))
    S.append(svc(
        "setlementti-perheolohuone", "Setlementti Tampere ry", "ngo",
        "Naapuruuden perheolohuone Nekalassa",
        "Kaupunginosan lapsiperheiden olohuone: kahvia, leikkiä, kierrätysvaatteita ja neuvontaa.",
        "Setlementti Naapurin perinteitä jatkava perheolohuone on avoin kaikille alueen perheille. Olohuoneessa "
        "voi tavata naapureita, vaihtaa lastenvaatteita kierrätyspisteessä ja kysyä neuvoa esimerkiksi "
        "Kelan lomakkeiden täyttämiseen. Kerran kuussa järjestetään yhteinen perheruokailu.",
        ["P4.12", "P3.6"], ["KR1.2"], [], ("perheolohuone|naapuruus|kierrätys|asukastupa|perheruokailu",
                                           "", "family living room|neighbourhood"),
        munis=["837"], locs=[loc("Perheolohuone Nekala", "Nekalantie 17", "33100", "ma,ke 10:00-14:00")],
        web=W_SETL, modified="2026-08-22"))
    S.append(svc(
        "setlementti-laksykerho", "Setlementti Tampere ry", "ngo",
        ("Monikielinen läksykerho", "Flerspråkig läxklubb", "Multilingual homework club"),
        ("Läksyapua ja suomen kielen tukea koululaisille, joiden kotikieli on muu kuin suomi.",
         "", "Homework help and Finnish language support for schoolchildren whose home language is not Finnish."),
        ("Läksykerhossa vapaaehtoiset ja työntekijät auttavat läksyissä ja koulun kielessä. Kerhossa on myös "
         "välipala ja aikaa pelata. Vanhemmat ovat tervetulleita kysymään koulunkäynnistä – apua saa suomeksi, "
         "arabiaksi, somaliksi, dariksi ja venäjäksi.",
         "", "Volunteers help with homework and school Finnish. Parents can ask about school in Finnish, Arabic, "
         "Somali, Dari and Russian."),
        ["P4.11", "P6.2"], ["KR1.2", "KR1.3"], ["KE5"], ("läksykerho|läksyapu|maahanmuuttajat|suomi toisena kielenä",
                                                         "läxhjälp", "homework club|immigrant children"),
        (7, 15), ("fi", "ar", "so", "fa", "ru"), munis=["837"],
        locs=[loc("Hervannan läksykerho, Hervannan kirjasto", "Insinöörinkatu 38", "33720", "ma 14:00-16:30|ke 14:00-16:30"),
              loc("Tesoman läksykerho, Tesoman koulun kirjasto", "Tesomankatu 21", "33310", "ti 14:00-16:30")],
        web=W_SETL, modified="2026-09-15", repeat=False))

    # ---------------- Red Cross
    S.append(svc(
        "spr-nuorten-turvatalo", "Suomen Punainen Risti, Hämeen piiri", "ngo",
        ("SPR Nuorten turvatalo Tampere", "Röda Korsets Ungdomens skyddshus Tammerfors", "Red Cross Youth Shelter Tampere"),
        ("Apua ja tilapäinen yösija 12–19-vuotiaille nuorille ja tukea heidän perheilleen ympäri vuorokauden.",
         "Hjälp och tillfällig övernattning för unga 12–19 år dygnet runt.",
         "Help and emergency accommodation for young people aged 12–19 and support for their families, 24/7."),
        ("Nuorten turvataloon voi tulla, soittaa tai laittaa viestiä, kun kotona on riitaa, olo on turvaton tai "
         "tarvitsee jonkun, jonka kanssa puhua. Tarvittaessa nuori voi yöpyä turvatalolla muutaman yön, ja "
         "työntekijät selvittävät tilannetta yhdessä nuoren ja perheen kanssa.\n\n"
         "Myös vanhemmat voivat ottaa yhteyttä, jos huoli nuoresta herää. Palvelu on maksuton ja luottamuksellinen.",
         "Unga kan komma, ringa eller skicka meddelande när det är bråk hemma eller de känner sig otrygga. "
         "Också föräldrar kan kontakta oss.",
         "Young people can come, call or send a message when there is trouble at home or they feel unsafe. "
         "Parents can also contact us. The service is free and confidential."),
        ["P3.8", "P4.13"], ["KR1.3", "KR1.2"], [], ("turvatalo|nuorten kriisiapu|kotiriidat|karkaaminen|yöpaikka",
                                                    "skyddshus|ungdomar", "youth shelter|crisis help"),
        (12, 19), ("fi", "sv", "en"), munis=ALL_MUNIS,
        locs=[loc("Nuorten turvatalo Tampere", "Hämeenkatu 20", "33200", "ma-su 00:00-24:00",
                  access="Ovikello kadun puolella; pyörätuoliluiska pihalla.")],
        web=W_SPR, modified="2026-10-05", email="turvatalo.tampere@example.org"))
    S.append(svc(
        "spr-laksyparkki-nokia", "Suomen Punaisen Ristin Nokian osasto", "ngo",
        "SPR:n läksyparkki Nokialla",
        "Vapaaehtoisten läksyapu alakoululaisille kerran viikossa.",
        "Läksyparkissa Punaisen Ristin vapaaehtoiset auttavat läksyissä, lukemisessa ja matematiikassa. "
        "Kaikki alakoululaiset ovat tervetulleita; erityisesti tuemme lapsia, joiden kotona ei puhuta suomea.",
        ["P6.2", "P4.12"], ["KR1.2"], [], ("läksyapu|läksykerho|vapaaehtoiset|koululaiset", "", "homework help"),
        (7, 12), ("fi", "ar"), munis=["536"],
        locs=[loc("Nokian pääkirjasto, ryhmätila", "Härkitie 6", "37100", "ke 14:00-16:00")],
        web=W_SPR, modified="2026-09-02"))
    S.append(svc(
        "spr-ukrainalaisperheet", "Suomen Punainen Risti, Hämeen piiri", "ngo",
        ("Ukrainalaisperheiden kohtaamispaikka", "", "Meeting place for Ukrainian families"),
        ("Vertaistukea, neuvontaa ja lasten toimintaa Ukrainasta tulleille perheille.",
         "", "Peer support, advice and children's activities for families from Ukraine."),
        ("Kohtaamispaikassa ukrainalaiset perheet voivat tavata toisiaan, saada neuvoja asumiseen, kouluun ja "
         "palveluihin liittyvissä asioissa sekä osallistua suomen kielen keskusteluryhmään. Lapsille on omaa "
         "ohjattua toimintaa sillä aikaa.",
         "", "Ukrainian families can meet, get advice on housing, school and services and join a Finnish "
         "conversation group while the children have their own activities."),
        ["P4.11", "P4.12"], ["KR1.2"], ["KE5"], ("ukrainalaiset|pakolaiset|tilapäinen suojelu|kotoutuminen",
                                                  "", "Ukraine|refugees|temporary protection"),
        langs=("uk", "ru", "fi", "en"), munis=["837"],
        locs=[loc("SPR:n Tampereen toimitila", "Puutarhakatu 5", "33210", "ti 12:00-16:00|to 12:00-16:00")],
        web=W_SPR, modified="2026-09-25"))

    # ---------------- Save the Children
    S.append(svc(
        "pela-tukiperhetoiminta", "Pelastakaa Lapset ry, Länsi-Suomen aluetoimisto", "ngo",
        ("Pelastakaa Lapset: tukiperhe- ja tukihenkilötoiminta", "Rädda Barnen: stödfamiljer och stödpersoner",
         "Save the Children: support families and support persons"),
        "Koulutettu tukiperhe tai tukihenkilö lapselle tai nuorelle Pirkanmaalla.",
        "Pelastakaa Lapset etsii, kouluttaa ja tukee vapaaehtoisia tukiperheitä ja tukihenkilöitä. Tukiperhe "
        "tarjoaa lapselle tavallista arkea ja lepoa esimerkiksi yhtenä viikonloppuna kuukaudessa; tukihenkilö "
        "tapaa lasta tai nuorta säännöllisesti harrastusten ja yhteisen tekemisen merkeissä.\n\n"
        "Tuki järjestetään yhteistyössä hyvinvointialueen sosiaalityön kanssa. Tervetuloa myös "
        "tukiperheeksi – valmennus on maksuton.",
        ["P4.12", "P3.6"], ["KR1.2"], [], ("tukiperhe|tukihenkilö|vapaaehtoistyö|lastensuojelu",
                                           "stödfamilj", "support family|volunteer"),
        (0, 17), ("fi",), referral=True, how="Tukiperheen tai -henkilön lapselle hakee sosiaalityöntekijä. "
        "Vapaaehtoiseksi voi ilmoittautua suoraan meille.", munis=ALL_MUNIS,
        locs=[loc("Pelastakaa Lasten Tampereen toimisto", "Pyynikintie 5", "33230", "ma-pe 09:00-15:00")],
        web=W_PELA, modified="2026-08-18"))
    S.append(svc(
        "pela-nuorten-vertaisryhma", "Pelastakaa Lapset ry, Länsi-Suomen aluetoimisto", "ngo",
        "Sijoitettujen nuorten vertaisryhmä",
        "Vertaisryhmä 13–17-vuotiaille, jotka asuvat sijaisperheessä tai lastenkodissa.",
        "Ryhmässä tapaat muita samassa tilanteessa olevia nuoria, teette yhdessä kivoja asioita ja voitte "
        "puhua sijoituksesta omalla tavallanne. Ryhmää ohjaavat työntekijä ja kokemusasiantuntija.",
        ["P3.8", "P4.12"], ["KR1.3"], [], ("sijoitetut nuoret|sijaisperhe|lastenkoti|vertaisryhmä", "", "young people in care|peer group"),
        (13, 17), munis=ALL_MUNIS,
        locs=[loc("Pelastakaa Lasten Tampereen toimisto", "Pyynikintie 5", "33230", "ke 16:00-18:00")],
        web=W_PELA, modified="2026-08-18"))
    S.append(svc(
        "pela-harrastustuki", "Pelastakaa Lapset ry", "ngo",
        ("Pelastakaa Lapset: harrastustuki vähävaraisten perheiden lapsille", "", "Save the Children: hobby grants for children"),
        "Taloudellista tukea lapsen harrastukseen, kun perheen rahat eivät riitä.",
        "Harrastustukea voi hakea 7–17-vuotiaalle lapselle harrastusmaksuihin ja -välineisiin. Haku on "
        "avoinna kaksi kertaa vuodessa. Tukea myönnetään perheen taloudellisen tilanteen perusteella.",
        ["P15.1", "P28.2"], ["KR1.2", "KR1.3"], [], ("harrastustuki|harrastusavustus|vähävaraiset perheet",
                                                     "", "hobby grant|low-income families"),
        (7, 17), whole_country=True, regions=(), web=W_PELA,
        eservice="https://www.pelastakaalapset.fi", how="Hae sähköisellä lomakkeella hakuaikana.",
        modified="2026-07-01"))

    # ---------------- Miessakit
    S.append(svc(
        "miessakit-eroryhma", "Miessakit ry", "ngo",
        ("Miesten eroryhmä Tampereella", "", "Divorce support group for men, Tampere"),
        "Vertaisryhmä eroa läpikäyville miehille; ohjaajina koulutetut vapaaehtoiset.",
        "Ero on yksi elämän suurimmista kriiseistä. Eroryhmässä miehet jakavat kokemuksiaan luottamuksellisesti "
        "ja saavat tukea isyyteen, lasten asioista sopimiseen ja uuden arjen rakentamiseen. Ryhmä kokoontuu "
        "kymmenen kertaa.",
        ["P3.1", "P4.12"], ["KR1"], ["KE7"], ("ero|avioero|eroryhmä|miehet|isyys", "skilsmässa", "divorce|men|peer support"),
        how="Ilmoittaudu ryhmään puhelimitse tai sähköpostilla.", munis=TRE_REGION,
        locs=[loc("Miessakkien Tampereen ryhmätila", "Kuninkaankatu 14", "33210", "ti 17:30-19:30")],
        web=W_MIESSAKIT, modified="2026-09-10", email="tampere@example.org"))
    S.append(svc(
        "miessakit-isa-lapsi", "Miessakit ry", "ngo",
        "Isä–lapsi-toiminta Pirkanmaalla",
        "Isien ja lasten yhteisiä retkiä, liikuntaa ja vertaistukea.",
        "Isä–lapsi-toiminnassa isät ja lapset liikkuvat, retkeilevät ja tekevät yhdessä. Samalla isät saavat "
        "vertaistukea isyyteen. Mukaan ovat tervetulleita myös erilliset ja etä-isät.",
        ["P4.12", "P3.6"], ["KR1.2"], [], ("isä-lapsi|isyys|etävanhemmuus|retket", "", "fathers and children"),
        (3, 12), munis=["837", "536"],
        locs=[loc("Hervannan liikuntahalli", "Lindforsinkatu 9", "33720", "su 10:00-12:00"),
              loc("Nokian liikuntahalli", "Eteläinen Kuoppamäentie 1", "37120", "su 10:00-12:00")],
        web=W_MIESSAKIT, modified="2026-09-10", repeat=False))
    S.append(svc(
        "miessakit-monikulttuuriset-isat", "Miessakit ry", "ngo",
        ("Monikulttuuristen isien ryhmä", "", "Group for fathers from different cultures"),
        ("Keskusteluryhmä maahan muuttaneille isille isyydestä ja perheen arjesta Suomessa.",
         "", "A discussion group for immigrant fathers about fatherhood and family life in Finland."),
        ("Ryhmässä puhutaan isänä olemisesta uudessa maassa, lasten kasvatuksesta, koulusta ja suomalaisesta "
         "palvelujärjestelmästä. Keskustelu käydään selkosuomeksi, ja tulkit auttavat arabiaksi ja somaliksi.",
         "", "We talk about being a father in a new country, raising children, school and Finnish services. "
         "Interpreters help in Arabic and Somali."),
        ["P4.11", "P4.12"], ["KR1.2"], ["KE5"], ("maahanmuuttajat|isät|monikulttuurinen|vertaisryhmä",
                                                 "", "immigrant fathers|multicultural"),
        langs=("fi", "ar", "so", "en"), munis=["837"],
        locs=[loc("Miessakkien Tampereen ryhmätila", "Kuninkaankatu 14", "33210", "to 17:00-19:00")],
        web=W_MIESSAKIT, modified="2026-09-10"))

    # ---------------- Kölvi ry
    S.append(svc(
        "kolvi-sijais-ja-adoptioperheet", "Kölvi ry", "ngo",
        "Sijais- ja adoptioperheiden vertaistapaamiset",
        "Vertaistukea ja yhteistä toimintaa sijais- ja adoptioperheille Tampereen seudulla.",
        "Kölvi ry kokoaa yhteen perheitä, joissa kasvaa sijoitettu tai adoptoitu lapsi. Kuukausittaisissa "
        "tapaamisissa aikuiset keskustelevat ja lapset leikkivät omassa ryhmässään. Lisäksi järjestämme "
        "perheleirejä ja teemailtoja esimerkiksi kiintymyssuhteesta ja lapsen taustan käsittelystä.",
        ["P4.12", "P4.6"], ["KR1.2"], ["KE1.1"], ("sijaisperhe|adoptioperhe|vertaistuki|perhehoito|kiintymyssuhde",
                                                  "fosterfamilj|adoptivfamilj", "foster families|adoptive families"),
        munis=TRE_REGION, locs=[loc("Kölvin kerhotila", "Satakunnankatu 18", "33210", "ke 17:30-19:30")],
        modified="2026-08-30", email="kolvi@example.org"))

    # ---------------- Ensi- ja turvakodit
    S.append(svc(
        "etkl-jussi-tyo", "Pirkanmaan ensi- ja turvakoti ry", "ngo",
        ("Jussi-työ: apua väkivaltaa käyttäneille miehille", "", "Jussi work: help for men who have used violence"),
        "Keskusteluapua miehille, jotka ovat käyttäneet tai pelkäävät käyttävänsä väkivaltaa lähisuhteessa.",
        "Jussi-työssä autamme miehiä lopettamaan väkivallan. Työskentely on luottamuksellista ja alkaa "
        "yksilötapaamisilla; myöhemmin voi osallistua ryhmään. Väkivallan lopettaminen suojelee myös "
        "perheen lapsia.",
        ["P5.7", "P3.7"], ["KR1"], [], ("lähisuhdeväkivalta|väkivalta|miehet|perheväkivalta", "", "domestic violence|men"),
        how="Soita ja varaa aika; lähetettä ei tarvita.", referral=False, munis=ALL_MUNIS,
        locs=[loc("Jussi-työ Tampere", "Kyllikinkatu 2", "33100", "ma-pe 09:00-16:00")],
        web=W_ETKL, modified="2026-09-01"))
    S.append(svc(
        "etkl-vauvaperheiden-avopalvelu", "Pirkanmaan ensi- ja turvakoti ry", "ngo",
        "Vauvaperheiden avopalvelu",
        "Tukea raskausaikana ja vauvan ensimmäisinä vuosina, kun arki tuntuu raskaalta.",
        "Avopalvelussa perheen oma työntekijä tapaa vanhempia kotona tai toimipisteessä. Tuemme "
        "vanhemman ja vauvan vuorovaikutusta, jaksamista ja arjen sujumista. Myös päihteitä käyttäneet tai "
        "väkivaltaa kokeneet perheet ovat tervetulleita.",
        ["P3.6", "P3.8"], ["KR1.2"], ["KE1"], ("vauvaperhetyö|raskaus|vuorovaikutus|ensikoti|avopalvelu",
                                               "", "babies|parenting support"),
        (0, 3), munis=ALL_MUNIS, locs=[loc("Ensikodin avopalvelut", "Tammelan puistokatu 18", "33500", "ma-pe 08:00-16:00")],
        web=W_ETKL, modified="2026-09-01"))
    S.append(svc(
        "etkl-nettiturvakoti", "Ensi- ja turvakotien liitto ry", "ngo",
        ("Nettiturvakoti", "Nätskyddshemmet", "Online shelter (Nettiturvakoti)"),
        ("Verkkopalvelu, josta saa tietoa ja tukea lähisuhdeväkivaltaan anonyymisti.",
         "Nättjänst med information och stöd om våld i nära relationer.",
         "An online service with information and anonymous support on domestic violence."),
        "Nettiturvakodissa voi testata, onko oma suhde väkivaltainen, lukea muiden kokemuksia ja kysyä "
        "nimettömänä ammattilaisilta. Palvelu on avoinna ympäri vuorokauden.",
        ["P3.8", "P4.13"], ["KR1"], [], ("lähisuhdeväkivalta|turvakoti|verkkopalvelu|chat", "våld i nära relationer",
                                         "domestic violence|online help"),
        langs=("fi", "sv", "en"), whole_country=True, regions=(), web="https://www.nettiturvakoti.fi",
        modified="2026-06-01"))

    # ---------------- Mieli
    S.append(svc(
        "mieli-kriisipuhelin", "MIELI Suomen Mielenterveys ry", "ngo",
        ("MIELI ry:n Kriisipuhelin", "MIELI rf:s Kristelefon", "MIELI Crisis Helpline"),
        ("Keskusteluapua kriisissä oleville ja heidän läheisilleen ympäri vuorokauden.",
         "Samtalsstöd för personer i kris och deras närstående.",
         "Crisis support by phone for people in crisis and their loved ones, around the clock."),
        "Kriisipuhelimeen voi soittaa nimettömänä, kun oma tai läheisen elämäntilanne tuntuu ylivoimaiselta: "
        "ero, menetys, väkivalta, itsetuhoiset ajatukset tai muu kriisi. Päivystäjinä ovat koulutetut "
        "vapaaehtoiset ja ammattilaiset.",
        ["P5.7"], ["KR1"], [], ("kriisipuhelin|kriisiapu|itsetuhoisuus|keskusteluapu", "kristelefon", "crisis helpline"),
        langs=("fi",), whole_country=True, regions=(), web=W_MIELI, phone="09 2525 0111",
        how="Soita 09 2525 0111. Hätätilanteessa soita 112.", modified="2026-06-15"))
    S.append(svc(
        "mieli-sekasin-chat", "MIELI Suomen Mielenterveys ry", "ngo",
        ("Sekasin-chat", "", "Sekasin chat"),
        "Valtakunnallinen chat 12–29-vuotiaille: puhu mistä vain nimettömästi.",
        "Sekasin-chatissa nuoret voivat keskustella nimettömästi koulutetun vapaaehtoisen tai ammattilaisen "
        "kanssa mistä tahansa mieltä painavasta. Chat on auki joka päivä, myös iltaisin ja viikonloppuisin.",
        ["P5.7", "P28.5"], ["KR1.3"], [], ("sekasin|chat|nuoret|mielenterveys|yksinäisyys", "", "youth chat|mental health"),
        (12, 29), whole_country=True, regions=(), web=W_MIELI, modified="2026-06-15"))
    S.append(svc(
        "mieli-kriisikeskus-tampere", "Tampereen Mielenterveysseura ry", "ngo",
        "Kriisikeskus Tampere: lyhytkestoinen kriisiapu",
        "Maksutonta kriisiapua äkillisessä elämänkriisissä, ilman lähetettä.",
        "Kriisikeskuksessa voit käydä 1–5 kertaa keskustelemassa kriisityöntekijän kanssa esimerkiksi eron, "
        "läheisen kuoleman, väkivallan tai muun järkyttävän tapahtuman jälkeen. Myös perheet ja nuoret "
        "(yli 15-vuotiaat) voivat hakeutua yhdessä.",
        ["P5.7"], ["KR1"], ["KE7", "KE14"], ("kriisikeskus|kriisiapu|ero|suru|trauma", "", "crisis centre|crisis help"),
        (15, None), ("fi", "en"), how="Soita ja varaa aika; ei lähetettä.", referral=False, munis=TRE_REGION,
        locs=[loc("Kriisikeskus Tampere", "Rautatienkatu 10", "33100", "ma-pe 09:00-16:00")],
        web=W_MIELI, modified="2026-09-05"))

    # ---------------- perinatal, breastfeeding, families
    S.append(svc(
        "aima-vertaistuki-tampere", "Äimä ry", "ngo",
        "Äimä ry:n vertaistukiryhmä Tampere",
        "Vertaisryhmä äideille, joilla on synnytyksen jälkeistä masennusta tai ahdistusta.",
        "Ryhmässä tapaat muita äitejä, jotka tietävät, miltä synnytyksen jälkeinen masennus tuntuu. Ryhmää "
        "vetää koulutettu vertaisohjaaja. Vauvan voi ottaa mukaan.",
        ["P5.16", "P5.7"], ["KR1.2"], ["KE1"], ("synnytyksen jälkeinen masennus|vertaistuki|äidit|vauva",
                                                "", "postnatal depression|peer support"),
        munis=TRE_REGION, locs=[loc("Äimän ryhmätila, Tampereen perhekeskus", "Hatanpään valtatie 24", "33900", "ke 10:00-11:30")],
        web="https://www.aima.fi", modified="2026-08-20"))
    S.append(svc(
        "imetystuki-tampere", "Imetyksen tuki ry", "ngo",
        "Imetystukiryhmä Tampere",
        "Vertaistukea imetykseen raskausaikana ja vauva-arjessa.",
        "Koulutettu imetystukija neuvoo imetyksen aloittamisessa, imetysasennoissa ja pulmissa. Tervetuloa "
        "jo raskausaikana, myös kumppanin kanssa.",
        ["P5.16", "P3.2"], ["KR1.2"], ["KE1"], ("imetys|imetystuki|vauva|raskaus", "amning", "breastfeeding"),
        (0, 2), munis=["837"], locs=[loc("Kalevan kirkon kerhohuone", "Liisanpuisto 1", "33540", "to 10:00-11:30")],
        web="https://imetys.fi", modified="2026-08-20"))
    S.append(svc(
        "yvpl-vertaistapaamiset", "Yhden Vanhemman Perheiden Liitto ry", "ngo",
        "Yhden vanhemman perheiden tapaamiset Tampereella",
        "Vertaistukea ja yhteistä toimintaa yksinhuoltajille ja heidän lapsilleen.",
        "Tapaamisissa yhden vanhemman perheet tutustuvat toisiinsa, vanhemmat saavat vertaistukea ja lapset "
        "leikkiseuraa. Lisäksi järjestämme retkiä, tukea eron jälkeiseen vanhemmuuteen ja neuvontaa "
        "etuuksista.",
        ["P4.12", "P3.1"], ["KR1.2"], ["KE7"], ("yksinhuoltaja|yhden vanhemman perhe|ero|vertaistuki",
                                                "ensamförälder", "single parents"),
        munis=["837"], locs=[loc("Tampereen perhetalo", "Hallituskatu 19", "33200", "la 10:00-13:00")],
        web="https://www.yvpl.fi", modified="2026-09-12"))
    S.append(svc(
        "sateenkaariperheet-tampere", "Sateenkaariperheet ry", "ngo",
        ("Sateenkaariperheiden tapaamiset Tampereella", "Regnbågsfamiljernas träffar i Tammerfors", "Rainbow family meetups in Tampere"),
        "Vertaistapaamisia sateenkaariperheille ja perhettä suunnitteleville.",
        "Tapaamiset ovat avoimia kaikille sateenkaariperheille: naisparien, miesparien, translasten ja "
        "-vanhempien perheille sekä lasta toivoville. Lapsille on leikkiä ja aikuisille vertaiskeskustelua.",
        ["P4.12", "P3.2"], ["KR1.2"], [], ("sateenkaariperheet|hlbtiq|vertaistuki|perheen perustaminen",
                                           "regnbågsfamiljer", "rainbow families|LGBTQ"),
        langs=("fi", "en"), munis=["837"],
        locs=[loc("Setlementin kerhotila", "Hämeenpuisto 44", "33200", "su 11:00-13:00")],
        web="https://sateenkaariperheet.fi", modified="2026-08-12"))
    S.append(svc(
        "monikkoperheet-pirkanmaa", "Suomen Monikkoperheet ry", "ngo",
        "Monikkoperheiden perhekerho Pirkanmaa",
        "Kaksos- ja kolmosperheiden vertaistapaamiset ja odotusajan tuki.",
        "Monikkoperheiden kerhossa tapaat muita kaksos- ja kolmosperheitä. Odotusaikana voit kysyä kokeneilta "
        "vanhemmilta vinkkejä imetykseen, nukkumiseen ja arjen järjestelyihin.",
        ["P4.12"], ["KR1.2"], ["KE1"], ("kaksoset|kolmoset|monikkoperhe|vertaistuki", "tvillingar", "twins|multiples"),
        (0, 6), munis=["837", "211", "418"],
        locs=[loc("Vuoreksen monitoimitalo", "Mäyrämäenkatu 5", "33870", "ma 17:30-19:00")],
        web="https://www.monikkoperheet.fi", modified="2026-07-22"))
    S.append(svc(
        "adoptioperheet-pirkanmaa", "Adoptioperheet ry", "ngo",
        ("Adoptioperheiden paikallisryhmä Pirkanmaa", "Adoptivfamiljernas lokalgrupp i Birkaland", "Adoptive families' local group, Pirkanmaa"),
        "Vertaistukea adoptioperheille, adoptoiduille ja adoptiota harkitseville.",
        "Paikallisryhmä järjestää perhetapaamisia, retkiä ja keskusteluiltoja. Mukaan voi tulla jo "
        "adoptioneuvonnan aikana tai odotusvaiheessa.",
        ["P4.12", "P3.2"], ["KR1.2"], ["KE1.1"], ("adoptio|adoptioperhe|vertaistuki", "adoption", "adoption|peer support"),
        langs=("fi", "sv", "en"), munis=ALL_MUNIS,
        locs=[loc("Tampereen perhetalo", "Hallituskatu 19", "33200", "la 13:00-15:00")],
        web="https://www.adoptioperheet.fi", modified="2026-08-04"))

    # ---------------- multicultural family centre
    MK = "Monikulttuurinen perhekeskus ry"
    S.append(svc(
        "monikulttuurinen-perhekeskus", MK, "ngo",
        ("Monikulttuurinen perhekeskus", "Mångkulturellt familjecenter", "Multicultural Family Centre"),
        ("Neuvontaa, vertaisryhmiä ja lasten toimintaa maahan muuttaneille perheille omalla kielellä.",
         "Rådgivning, kamratgrupper och aktiviteter för invandrarfamiljer på eget språk.",
         "Advice, peer groups and children's activities for immigrant families in their own languages."),
        ("Perhekeskuksessa saat neuvoa esimerkiksi neuvolaan, varhaiskasvatukseen, kouluun ja Kelan "
         "etuuksiin liittyvissä asioissa. Työntekijämme puhuvat suomea, arabiaa, somalia, kurdia, daria ja "
         "englantia.\n\nViikoittain kokoontuvat äitien ja isien ryhmät sekä lasten leikkiryhmä.",
         "", "We advise on child health clinics, early childhood education, school and Kela benefits. Our staff "
         "speak Finnish, Arabic, Somali, Kurdish, Dari and English. Weekly groups for mothers, fathers and children."),
        ["P4.11", "P4.13", "P3.6"], ["KR1.2"], ["KE5"], ("monikulttuurinen|maahanmuuttajaperheet|kotoutuminen|neuvonta|oma kieli",
                                                         "invandrare|integration", "immigrant families|integration|multilingual"),
        langs=("fi", "ar", "so", "ku", "fa", "en"), munis=TRE_REGION,
        locs=[loc("Monikulttuurinen perhekeskus, Hervanta", "Pietilänkatu 2", "33720", "ma-to 09:00-16:00",
                  access="Esteetön, lastenvaunuille tilaa.")],
        modified="2026-09-28", email="info@example.org"))
    S.append(svc(
        "monikulttuurinen-somali-aitiryhma", MK, "ngo",
        ("Somalinkielinen äitiryhmä", "", "Somali-speaking mothers' group"),
        ("Vertaisryhmä somalinkielisille äideille; lapset mukaan.", "", "A peer group for Somali-speaking mothers; children welcome."),
        "Ryhmässä keskustellaan vanhemmuudesta, lasten terveydestä ja arjesta Suomessa somalin kielellä. "
        "Välillä vieraana on neuvolan terveydenhoitaja tai varhaiskasvatuksen työntekijä.",
        ["P4.11", "P4.12"], ["KR1.2"], ["KE5"], ("somali|äitiryhmä|maahanmuuttajat|vertaistuki", "", "Somali|mothers' group"),
        langs=("so", "fi"), munis=["837"],
        locs=[loc("Monikulttuurinen perhekeskus, Hervanta", "Pietilänkatu 2", "33720", "ti 10:00-12:00")],
        modified="2026-09-28"))
    S.append(svc(
        "monikulttuurinen-arabia-vanhempainryhma", MK, "ngo",
        ("Arabiankielinen vanhempainryhmä Nokialla", "", "Arabic-speaking parents' group in Nokia"),
        "Keskusteluryhmä arabiankielisille vanhemmille lasten kasvatuksesta ja koulusta.",
        "Ryhmä kokoontuu kerran viikossa Nokian perhekeskuksessa. Aiheina ovat muun muassa koulun ja kodin "
        "yhteistyö, lasten harrastukset ja kahden kulttuurin keskellä kasvaminen.",
        ["P4.11", "P3.7"], ["KR1.2"], ["KE5"], ("arabia|vanhempainryhmä|maahanmuuttajat|kasvatus", "", "Arabic|parents' group"),
        langs=("ar", "fi"), munis=["536"],
        locs=[loc("Nokian perhekeskus", "Härkitie 6", "37100", "to 17:00-19:00")], modified="2026-09-28"))
    S.append(svc(
        "monikulttuurinen-kielikerho-valkeakoski", MK, "ngo",
        ("Suomen kielen kerho äideille – lastenhoito järjestetty", "", "Finnish club for mothers – childcare provided"),
        "Arkisuomen harjoittelua maahan muuttaneille äideille; lapsille hoito samassa talossa.",
        "Kerhossa harjoitellaan arjessa tarvittavaa suomea: asiointia, neuvola- ja koulusanastoa. Pienet "
        "lapset ovat sillä aikaa vapaaehtoisten hoidossa viereisessä huoneessa.",
        ["P22.3", "P4.11"], ["KR1.2"], ["KE5"], ("suomen kieli|kielikerho|maahanmuuttajanaiset|lastenhoito",
                                                 "", "Finnish language|mothers"),
        langs=("fi", "ar", "ti", "so", "fa"), munis=["908"],
        locs=[loc("Valkeakosken perhetalo", "Valtakatu 20", "37600", "ke 09:30-11:30")], modified="2026-09-28"))

    # ---------------- Swedish-language
    S.append(svc(
        "folkhalsan-familjecafe", "Folkhälsan i Tammerfors rf", "ngo",
        ("Folkhälsanin perhekahvila Tampereella", "Folkhälsans familjecafé i Tammerfors", "Folkhälsan family café in Tampere"),
        ("Ruotsinkielinen perhekahvila alle kouluikäisille ja heidän vanhemmilleen.",
         "Svenskspråkigt familjecafé för barn under skolåldern och deras föräldrar.",
         "A Swedish-language family café for young children and their parents."),
        ("Perhekahvilassa puhutaan ruotsia, mutta kaksikieliset perheet ovat erityisen tervetulleita. "
         "Lauletaan, leikitään ja juodaan kahvit yhdessä.",
         "På familjecaféet talar vi svenska, men tvåspråkiga familjer är speciellt välkomna. Vi sjunger, leker "
         "och dricker kaffe tillsammans. Ingen anmälan behövs.",
         "We speak Swedish at the café, but bilingual families are especially welcome. We sing, play and have "
         "coffee together."),
        ["P4.12"], ["KR1.2"], ["KE1"], ("ruotsinkielinen|perhekahvila|kaksikielinen perhe", "familjecafé|svenska|tvåspråkig",
                                        "Swedish-speaking|family café"),
        (0, 6), ("sv", "fi"), munis=["837"],
        locs=[loc("Svenska gården", "Itsenäisyydenkatu 7", "33500", "ti 09:30-11:30")],
        web=W_FOLK, modified="2026-09-09"))
    S.append(svc(
        "folkhalsan-simskola", "Folkhälsan i Tammerfors rf", "ngo",
        ("Ruotsinkielinen uimakoulu lapsille", "Simskola för barn på svenska", "Swimming school for children in Swedish"),
        ("Uimakoulu 5–10-vuotiaille ruotsin kielellä.", "Simskola på svenska för barn 5–10 år.", "Swimming lessons in Swedish for children aged 5–10."),
        ("Folkhälsanin uimakoulussa lapset oppivat uimaan pienissä ryhmissä. Kurssi kestää kahdeksan kertaa.",
         "I Folkhälsans simskola lär sig barnen simma i små grupper. Kursen omfattar åtta gånger.",
         "Children learn to swim in small groups. The course has eight lessons."),
        ["P27.1"], ["KR1.2"], [], ("uimakoulu|uinti|ruotsinkielinen", "simskola|simning", "swimming school"),
        (5, 10), ("sv",), cost="paid", cost_note="Kurssimaksu 75 €, sisarusalennus.",
        how="Anmälan via webben. Ilmoittautuminen verkossa.", munis=["837"],
        locs=[loc("Kaupin uimahalli", "Kaupinpuistonkatu 1", "33500", "la 09:00-12:00")],
        web=W_FOLK, eservice="https://www.folkhalsan.fi", modified="2026-08-01"))
    S.append(svc(
        "folkhalsan-lekis", "Folkhälsan i Tammerfors rf", "ngo",
        ("Lekis – ruotsinkielinen leikkikerho", "Lekis – lekgrupp på svenska", "Lekis – Swedish playgroup"),
        ("Leikkikerho 2–5-vuotiaille ruotsiksi.", "Lekgrupp för barn 2–5 år på svenska.", "A playgroup in Swedish for children aged 2–5."),
        ("Lekis kokoontuu kaksi kertaa viikossa. Ohjelmassa on leikkiä, laulua ja ulkoilua.",
         "Lekis träffas två gånger i veckan med lek, sång och utevistelse.", "Lekis meets twice a week."),
        ["P3.4", "P4.12"], ["KR1.2"], [], ("leikkikerho|ruotsinkielinen|kerho", "lekis|lekgrupp", "playgroup|Swedish"),
        (2, 5), ("sv",), cost="partly", cost_note="Terminsavgift 60 € / lukukausimaksu 60 €.",
        munis=["837"], locs=[loc("Svenska gården", "Itsenäisyydenkatu 7", "33500", "ma 09:00-11:30|to 09:00-11:30")],
        web=W_FOLK, modified="2026-08-01"))

    # ---------------- disability, youth, others
    S.append(svc(
        "kuuloliitto-perheet", "Kuuloliitto ry", "ngo",
        ("Kuulovammaisten lasten perheiden vertaistuki", "Kamratstöd för familjer med hörselskadade barn",
         "Peer support for families of children with hearing loss"),
        "Perhekursseja, vertaistapaamisia ja neuvontaa perheille, joiden lapsella on kuulovamma.",
        "Kuuloliitto järjestää perheille kursseja ja leirejä sekä Tampereen seudulla kuukausittaisia "
        "vertaistapaamisia. Kuulon kuntoutuksen neuvojamme auttaa sisäkorvaistutteisiin, kuulokojeisiin ja "
        "koulunkäyntiin liittyvissä kysymyksissä. Tapaamisissa on tarvittaessa viittomakielen tulkkaus.",
        ["P4.12", "P5.13"], ["KR1.2", "KR1.6"], [], ("kuulovamma|sisäkorvaistute|kuulokoje|vertaistuki|viittomakieli",
                                                     "hörselskada", "hearing loss|cochlear implant"),
        (0, 17), ("fi", "sv"), munis=ALL_MUNIS,
        locs=[loc("Tampereen kuulokeskus, kokoustila", "Pellavatehtaankatu 19", "33210", "ke 17:30-19:00",
                  access="Induktiosilmukka, esteetön.")],
        web=W_KUULO, modified="2026-07-15"))
    S.append(svc(
        "nuortenystavat-tukihenkilo", "Nuorten Ystävät ry", "ngo",
        "Lasten ja nuorten ammatillinen tukihenkilötoiminta",
        "Ammatillinen tukihenkilö 7–17-vuotiaalle lapselle tai nuorelle sosiaalityön päätöksellä.",
        "Tukihenkilö tapaa lasta tai nuorta säännöllisesti ja tukee koulunkäynnissä, harrastuksissa ja "
        "arjen taidoissa. Tavoitteet sovitaan yhdessä nuoren, perheen ja sosiaalityöntekijän kanssa.",
        ["P3.8", "P3.6"], ["KR1.2", "KR1.3"], [], ("tukihenkilö|ammatillinen tukihenkilö|lastensuojelu|nuoret",
                                                   "", "support person|child welfare"),
        (7, 17), referral=True, how="Palveluun ohjaa hyvinvointialueen sosiaalityöntekijä.",
        cost="free", cost_note="Maksuton perheelle; hyvinvointialue maksaa palvelun.", munis=ALL_MUNIS,
        locs=[loc("Nuorten Ystävien Tampereen toimipiste", "Hatanpään valtatie 26", "33100", "ma-pe 08:00-16:00")],
        web=W_NY, modified="2026-09-17"))
    S.append(svc(
        "aseman-lapset-walkers", "Aseman Lapset ry", "ngo",
        ("Walkers-nuorisokahvila Tampere", "", "Walkers youth café Tampere"),
        ("Päihteetön kohtaamispaikka 13–25-vuotiaille keskustassa viikonloppuiltaisin.",
         "", "A substance-free meeting place for 13–25-year-olds in the city centre on weekend evenings."),
        "Walkersissa voi hengailla, pelata ja jutella turvallisten aikuisten kanssa. Vapaaehtoiset ja "
        "nuorisotyöntekijät ovat paikalla, ja tarvittaessa ohjaamme eteenpäin. Kahvi, tee ja pientä purtavaa "
        "ovat ilmaisia.",
        ["P28.1"], ["KR1.3"], [], ("walkers|nuorisokahvila|päihteetön|nuoret|viikonloppu", "", "youth café|walkers"),
        (13, 25), ("fi", "en"), munis=TRE_REGION,
        locs=[loc("Walkers Tampere", "Hämeenkatu 9", "33100", "pe 18:00-23:00|la 18:00-23:00")],
        web=W_ASEMA, modified="2026-09-26"))
    S.append(svc(
        "mll-hameen-piiri-vertaisryhmat", "Mannerheimin Lastensuojeluliiton Hämeen piiri ry", "ngo",
        "Vanhempien vertaisryhmät: vauvaperheet ja murrosikäisten vanhemmat",
        "Ohjattuja vertaisryhmiä vanhemmille eri elämänvaiheisiin.",
        "Vertaisryhmiä kokoontuu Tampereella ja Valkeakoskella. Vauvaperheiden ryhmässä puhutaan "
        "uudesta arjesta ja parisuhteesta, murrosikäisten vanhempien ryhmässä rajoista, ruutuajasta ja "
        "yhteydenpidosta nuoreen. Ryhmät ovat maksuttomia.",
        ["P4.12", "P3.7"], ["KR1.2"], ["KE1"], ("vertaisryhmä|vanhemmuus|murrosikä|vauvaperhe", "", "parent groups|teenagers"),
        munis=["837", "908"],
        locs=[loc("MLL:n Hämeen piirin toimisto", "Hämeenkatu 25 B", "33200", "ti 17:30-19:00"),
              loc("Valkeakosken perhetalo", "Valtakatu 20", "37600", "ke 17:30-19:00")],
        web=W_MLL, modified="2026-09-14", repeat=False))

    # ---------------- clubs and hobbies
    S.append(svc(
        "martat-kokkikerho", "Pirkanmaan Martat ry", "ngo",
        "Lasten kokkikerho Ylöjärvellä",
        "Kokkikerho 7–12-vuotiaille: helppoja ruokia ja leivonnaisia yhdessä.",
        "Kokkikerhossa opitaan keittiön perustaidot, hygienia ja terveellinen välipala. Jokainen pääsee "
        "maistamaan oman tuotoksensa. Kerho kokoontuu kymmenen kertaa lukukaudessa.",
        ["P25.7", "P5.20"], ["KR1.2"], [], ("kokkikerho|ruoanlaitto|leivonta|martat", "", "cooking club"),
        (7, 12), cost="partly", cost_note="Tarvikemaksu 25 € / lukukausi; maksusta voi pyytää vapautusta.",
        how="Ilmoittaudu verkossa.", munis=["980"],
        locs=[loc("Ylöjärven yhtenäiskoulun kotitalousluokka", "Mikkolantie 5", "33470", "ti 14:30-16:00")],
        web="https://www.martat.fi", modified="2026-08-10"))
    S.append(svc(
        "4h-kerhot-lansi-pirkanmaa", "Länsi-Pirkanmaan 4H-yhdistys ry", "ngo",
        "4H-kerhot Länsi-Pirkanmaalla",
        "Kädentaito-, luonto- ja kokkikerhoja 7–12-vuotiaille Sastamalassa, Ikaalisissa ja Hämeenkyrössä.",
        "4H-kerhoissa opitaan tekemällä: askarrellaan, retkeillään, kokataan ja hoidetaan eläimiä. Kerhoja "
        "ohjaavat koulutetut nuoret kerhonohjaajat.",
        ["P28.2", "P25.7"], ["KR1.2", "KR1.3"], [], ("4h|kerho|kädentaidot|luontokerho", "", "4H club|hobby club"),
        (7, 12), cost="partly", cost_note="Jäsenmaksu 20 € / vuosi.", munis=["790", "143", "108"],
        locs=[loc("Vammalan koulun kerhotila", "Puistokatu 12", "38200", "ma 14:00-15:30"),
              loc("Ikaalisten kirjaston kerhohuone", "Valtakatu 7", "39500", "ti 14:00-15:30"),
              loc("Hämeenkyrön koulukeskus", "Sasintie 6", "39100", "to 14:00-15:30")],
        web="https://4h.fi", modified="2026-08-25"))
    S.append(svc(
        "partio-hameen-partiopiiri", "Hämeen Partiopiiri ry", "ngo",
        "Partio lapsille ja nuorille Lempäälässä ja Kangasalla",
        "Viikoittaiset partiokokoukset, retket ja leirit 7–17-vuotiaille.",
        "Partiossa opitaan retkeilyä, ensiapua ja ryhmässä toimimista. Ryhmät kokoontuvat viikoittain "
        "kololla ja lähtevät retkille luontoon. Uudet partiolaiset aloittavat syksyllä.",
        ["P28.2", "P27.2"], ["KR1.2", "KR1.3"], [], ("partio|retkeily|leiri|harrastus", "scouting", "scouts|scouting"),
        (7, 17), cost="partly", cost_note="Jäsenmaksu noin 60 € / vuosi; tukea saa hakemalla.",
        munis=["418", "211"],
        locs=[loc("Lempäälän partiokolo", "Kuokkalantie 12", "37500", "ke 17:30-19:00"),
              loc("Kangasalan partiokolo", "Pikkolantie 6", "36200", "to 17:30-19:00")],
        web="https://www.partio.fi", modified="2026-08-25"))

    # ---------------- private small providers (composed company names)
    S.append(svc(
        "perhepuu-perheterapia", "Perhepuu Terapiapalvelut Oy", "private_company",
        "Perheterapia ja pariterapia Perhepuu",
        "Perhe- ja pariterapiaa Tampereen keskustassa, myös iltaisin.",
        "Kokeneet perhe- ja pariterapeuttimme auttavat perheen ristiriidoissa, erotilanteissa ja "
        "uusperheen arjessa. Tarjoamme myös Kelan korvaamaa kuntoutuspsykoterapiaa nuorille.",
        ["P3.7", "P3.1"], ["KR1.2"], ["KE7"], ("perheterapia|pariterapia|uusperhe|psykoterapia", "familjeterapi", "family therapy|couples therapy"),
        cost="paid", cost_note="Käynti 110–140 €; Kela-korvaus mahdollinen kuntoutuspsykoterapiassa.",
        how="Varaa aika verkossa tai puhelimitse.", munis=["837"],
        locs=[loc("Perhepuu", "Kauppakatu 4", "33210", "ma-to 08:00-20:00|pe 08:00-16:00")],
        eservice="https://perhepuu.example.org/ajanvaraus", modified="2026-09-30"))
    S.append(svc(
        "puhekello-puheterapia", "Puhekello Puheterapia Oy", "private_company",
        "Lasten puheterapia Puhekello, Nokia",
        "Puheterapiaa 1–12-vuotiaille; myös Pirhan maksusitoumuksella.",
        "Puheterapeuttimme tutkivat ja kuntouttavat puheen, kielen ja vuorovaikutuksen vaikeuksia. "
        "Terapia voidaan toteuttaa vastaanotolla, päiväkodissa tai kotona.",
        ["P5.13"], ["KR1.2"], [], ("puheterapia|puhe|kielellinen erityisvaikeus|kuntoutus", "logopedi", "speech therapy"),
        (1, 12), cost="paid", cost_note="Käynti 90 €; maksusitoumuksella maksuton perheelle.",
        munis=["536", "837", "604"], locs=[loc("Puhekello", "Välikatu 5", "37100", "ma-pe 08:00-16:00")],
        modified="2026-08-11"))
    S.append(svc(
        "vesipeto-vauvauinti", "Uimakoulu Vesipeto Oy", "private_company",
        "Vauvauinti Kangasalla",
        "Vauva- ja taaperouintikurssit lämpimässä terapia-altaassa.",
        "Vauvauinnissa vanhempi ja vauva tutustuvat veteen leikin ja laulujen avulla. Kurssi sopii noin "
        "3 kuukauden ikäisistä alkaen. Ohjaajat ovat koulutettuja vauvauinnin ohjaajia.",
        ["P27.1"], ["KR1.2"], ["KE1"], ("vauvauinti|uinti|taaperouinti", "babysim", "baby swimming"),
        (0, 3), cost="paid", cost_note="8 kerran kurssi 120 €.", munis=["211"],
        locs=[loc("Kangasalan uimahalli", "Kuohuntie 3", "36200", "la 09:00-13:00|su 09:00-13:00")],
        modified="2026-08-05"))
    S.append(svc(
        "lempea-alku-doula", "Doulapalvelu Lempeä Alku", "private_company",
        "Doula- ja synnytystukipalvelut",
        "Doula tukee raskausaikana, synnytyksessä ja vauva-arjen alussa.",
        "Doula on synnyttäjän ja perheen tukena raskauden viimeisistä viikoista synnytykseen ja "
        "ensimmäisiin viikkoihin vauvan kanssa. Tapaamme ennen synnytystä kaksi kertaa.",
        ["P3.2"], ["KR1.2"], ["KE1"], ("doula|synnytys|synnytystuki|raskaus", "doula", "doula|birth support"),
        langs=("fi", "en"), cost="paid", cost_note="Paketti 650 €.", munis=TRE_REGION,
        locs=[loc("Lempeä Alku", "Aleksis Kiven katu 12", "33210", "ma-pe 09:00-17:00")], modified="2026-07-19"))
    S.append(svc(
        "tenavatalli-lastenhoito", "Lastenhoitopalvelu Tenavatalli Oy", "private_company",
        "Tilapäinen lastenhoito kotiin, Pirkkala",
        "Lastenhoitaja kotiin sairaan lapsen hoitoon tai vanhempien menojen ajaksi.",
        "Hoitajamme ovat lähihoitajia tai varhaiskasvatuksen ammattilaisia. Sairaan lapsen hoitoon voi "
        "tilata hoitajan samalle päivälle, jos tilaus tehdään aamulla klo 7 mennessä.",
        ["P3.6"], ["KR1.2"], [], ("lastenhoito|sairaan lapsen hoito|lastenhoitaja", "barnvakt", "childcare|sick child care"),
        (0, 10), cost="paid", cost_note="Tuntihinta 32 €; kotitalousvähennyskelpoinen.", munis=["604", "837", "418"],
        locs=[loc("Tenavatalli", "Naistenmatkantie 12", "33950", "ma-pe 07:00-18:00")], modified="2026-09-03"))
    return S


def parish_services():
    S = []
    TRE = "Tampereen ev.lut. seurakunnat"
    S.append(svc(
        "tre-srk-perhekerhot", TRE, "parish",
        ("Seurakunnan perhekerhot Tampereella", "Familjeklubbar i Tammerfors församlingar", "Parish family clubs in Tampere"),
        ("Perhekerhot vauvoille, taaperoille ja heidän aikuisilleen viidessä kirkossa.",
         "Familjeklubbar för bebisar, småbarn och deras vuxna i fem kyrkor.",
         "Family clubs for babies, toddlers and their adults in five churches."),
        ("Perhekerhossa leikitään, lauletaan ja askarrellaan yhdessä. Lopuksi on pieni hartaushetki ja "
         "kahvit. Kerhot ovat avoimia kaikille perheille vakaumuksesta riippumatta.\n\n"
         "Kerhot kokoontuvat syys- ja kevätkaudella, eivät koulujen loma-aikoina.",
         "Vi leker, sjunger och pysslar tillsammans. Öppet för alla familjer.",
         "We play, sing and do crafts together. Open to all families regardless of belief."),
        ["P4.12", "P25.6"], ["KR1.2"], ["KE1"], ("perhekerho|seurakunta|vauvaperheet|kerho|pyhäkoulu",
                                                 "familjeklubb|församling", "family club|parish"),
        (0, 6), ("fi",), munis=["837"],
        locs=[loc("Hervannan kirkko", "Lindforsinkatu 2", "33720", "ti 09:30-11:30"),
              loc("Kalevan kirkko", "Liisanpuisto 1", "33540", "ke 09:30-11:30", access="Esteetön sisäänkäynti pääovesta."),
              loc("Tesoman kirkko", "Tesomankatu 15", "33310", "to 09:30-11:30"),
              loc("Lielahden kirkko", "Ristimäenkatu 5", "33400", "ti 09:30-11:30"),
              loc("Messukylän kirkko", "Messukylänkatu 54", "33700", "pe 09:30-11:30")],
        web=W_TRE_SRK, modified="2026-08-29", repeat=False))
    S.append(svc(
        "tre-srk-paivakerhot", TRE, "parish",
        "Seurakunnan päiväkerhot 3–5-vuotiaille",
        "Päiväkerho kaksi kertaa viikossa kotona hoidettaville lapsille.",
        "Päiväkerhossa lapsi harjoittelee ryhmässä toimimista, leikkii ja laulaa koulutettujen "
        "lastenohjaajien kanssa. Kerhoon kuuluu kristillisen kasvatuksen hetki ja eväshetki.",
        ["P3.4", "P25.6"], ["KR1.2"], [], ("päiväkerho|kerho|seurakunta|kotihoito", "dagklubb", "day club|playgroup"),
        (3, 5), cost="partly", cost_note="Kerhomaksu 30 € / lukukausi; maksusta voi pyytää vapautusta.",
        how="Ilmoittautuminen verkossa toukokuussa ja elokuussa; vapaita paikkoja voi kysyä koko kauden.",
        munis=["837"],
        locs=[loc("Hervannan kirkko", "Lindforsinkatu 2", "33720", "ma 09:00-12:00|ke 09:00-12:00"),
              loc("Kalevan kirkko", "Liisanpuisto 1", "33540", "ti 09:00-12:00|to 09:00-12:00"),
              loc("Tesoman kirkko", "Tesomankatu 15", "33310", "ma 12:30-15:00|ke 12:30-15:00")],
        web=W_TRE_SRK, eservice="https://www.tampereenseurakunnat.fi", modified="2026-08-29"))
    S.append(svc(
        "tre-srk-muskarit", TRE, "parish",
        "Perhemuskarit",
        "Musiikkileikkikoulu vauvoille ja taaperoille yhdessä aikuisen kanssa.",
        "Muskarissa lauletaan, loruillaan, soitetaan ja liikutaan musiikin mukaan. Ryhmät on jaettu iän "
        "mukaan: vauvat, 1–2-vuotiaat ja 3–5-vuotiaat.",
        ["P25.7", "P4.12"], ["KR1.2"], [], ("muskari|musiikkileikkikoulu|vauvamuskari|laulu", "musiklekskola", "music class for toddlers"),
        (0, 5), cost="partly", cost_note="10 € / lukukausi.", munis=["837"],
        locs=[loc("Tuomiokirkon seurakuntatalo", "Tuomiokirkonkatu 3", "33100", "to 10:00-12:00")],
        web=W_TRE_SRK, modified="2026-08-29"))
    S.append(svc(
        "tre-srk-perheasiain-neuvottelukeskus", TRE, "parish",
        ("Perheasiain neuvottelukeskus", "Familjerådgivningscentralen", "Family Counselling Centre"),
        ("Maksutonta keskusteluapua parisuhteen ja perheen kriiseihin sekä eroon.",
         "Avgiftsfri samtalshjälp vid kriser i parförhållandet och familjen.",
         "Free counselling for relationship and family crises and separation."),
        ("Perheasiain neuvottelukeskuksen perheneuvojat ovat koulutettuja pari- ja perheterapeutteja. Voit "
         "tulla yksin, puolison kanssa tai koko perheen kanssa. Neuvottelukeskus järjestää myös eroryhmiä ja "
         "parisuhdekursseja.\n\nPalvelu on maksuton ja luottamuksellinen eikä edellytä kirkon jäsenyyttä.",
         "Familjerådgivarna är utbildade par- och familjeterapeuter. Tjänsten är avgiftsfri och konfidentiell.",
         "The counsellors are trained couple and family therapists. The service is free and confidential and "
         "does not require church membership."),
        ["P3.1", "P3.7"], ["KR1.2"], ["KE7"], ("perheneuvonta|parisuhde|pariterapia|eroauttaminen|kriisi",
                                               "familjerådgivning|parförhållande", "couples counselling|separation"),
        langs=("fi", "sv", "en"), referral=False, how="Varaa aika puhelimitse ajanvarausaikana.",
        munis=["837", "536", "604", "980", "211", "418", "922"],
        locs=[loc("Perheasiain neuvottelukeskus", "Näsilinnankatu 26", "33200", "ma-to 09:00-19:00|pe 09:00-15:00")],
        web=W_TRE_SRK, modified="2026-09-04", email="perheasiat@example.org"))
    S.append(svc(
        "tre-srk-eroryhmat", TRE, "parish",
        "Eroryhmät aikuisille ja lapsille",
        "Ohjattuja vertaisryhmiä eron jälkeen: aikuisten eroryhmä ja 7–12-vuotiaiden lasten ryhmä.",
        "Aikuisten eroryhmässä käsitellään eron herättämiä tunteita ja vanhemmuutta eron jälkeen. Lasten "
        "ryhmässä lapset saavat leikin ja tarinoiden avulla sanoja omille tunteilleen. Ryhmät kokoontuvat "
        "samaan aikaan, joten vanhempi ja lapsi voivat tulla yhdessä.",
        ["P3.1", "P4.12"], ["KR1.2"], ["KE7"], ("eroryhmä|ero|eroauttaminen|lapset ja ero", "skilsmässa", "divorce group|children and divorce"),
        (7, 12), how="Ilmoittaudu perheasiain neuvottelukeskukseen.", munis=["837"],
        locs=[loc("Perheasiain neuvottelukeskus", "Näsilinnankatu 26", "33200", "ti 17:30-19:30")],
        web=W_TRE_SRK, modified="2026-09-04"))
    S.append(svc(
        "tre-srk-lapsiperheiden-diakonia", TRE, "parish",
        "Lapsiperheiden diakonia",
        "Keskusteluapua ja tilapäistä taloudellista tukea lapsiperheille.",
        "Diakoniatyöntekijä kuuntelee ja auttaa, kun perheen arki on kuormittunut tai raha ei riitä. "
        "Tarvittaessa voimme myöntää ruoka-apua tai kauppakortin ja ohjata Kelan ja hyvinvointialueen "
        "palveluihin. Myös lomatoimintaa vähävaraisille perheille.",
        ["P4.13", "P15.1"], ["KR1.2"], [], ("diakonia|taloudellinen tuki|ruoka-apu|perheleiri", "diakoni", "diaconia|financial help"),
        how="Soita diakoniatyön ajanvaraukseen.", munis=["837"],
        locs=[loc("Diakoniakeskus", "Puutarhakatu 20", "33210", "ma-to 09:00-11:00")],
        web=W_TRE_SRK, modified="2026-09-04"))
    S.append(svc(
        "tre-srk-nuortenillat", TRE, "parish",
        "Nuorten illat ja nuortenkahvila",
        "Rento ilta 13–17-vuotiaille: pelejä, musiikkia ja juttuseuraa.",
        "Nuortenilloissa hengaillaan, pelataan ja syödään iltapalaa. Nuorisotyönohjaajat ovat paikalla, ja "
        "heidän kanssaan voi puhua luottamuksellisesti.",
        ["P28.1", "P25.6"], ["KR1.3"], [], ("nuortenilta|nuortenkahvila|isoset|seurakuntanuoret", "", "youth evening"),
        (13, 17), munis=["837"],
        locs=[loc("Hervannan kirkko", "Lindforsinkatu 2", "33720", "pe 18:00-21:00"),
              loc("Messukylän kirkko", "Messukylänkatu 54", "33700", "to 18:00-21:00")],
        web=W_TRE_SRK, modified="2026-09-04"))
    SV = "Svenska församlingen i Tammerfors"
    S.append(svc(
        "svenska-forsamlingen-familjeklubb", SV, "parish",
        ("Ruotsinkielinen perhekerho", "Familjeklubben", "Swedish-language family club"),
        ("Ruotsinkielinen perhekerho vauvoille ja leikki-ikäisille.",
         "Familjeklubb på svenska för bebisar och barn i lekåldern med sina vuxna.",
         "A Swedish-language family club for babies and small children."),
        ("Kerhossa leikitään, lauletaan ruotsiksi ja juodaan kahvit. Kaksikieliset perheet tervetulleita.",
         "Vi leker, sjunger på svenska och dricker kaffe tillsammans. Tvåspråkiga familjer är hjärtligt välkomna!",
         "We play, sing in Swedish and have coffee. Bilingual families welcome."),
        ["P4.12", "P25.6"], ["KR1.2"], ["KE1"], ("perhekerho|ruotsinkielinen|seurakunta", "familjeklubb|svenska|församling",
                                                 "family club|Swedish"),
        (0, 6), ("sv",), munis=["837"],
        locs=[loc("Svenska församlingshemmet", "Hämeenpuisto 37", "33200", "ke 09:30-11:30")],
        web=W_TRE_SRK, modified="2026-09-01"))
    S.append(svc(
        "svenska-forsamlingen-dagklubb", SV, "parish",
        ("Ruotsinkielinen päiväkerho", "Dagklubben", "Swedish-language day club"),
        ("Päiväkerho 3–5-vuotiaille ruotsiksi.", "Dagklubb på svenska för barn 3–5 år.", "A day club in Swedish for children aged 3–5."),
        ("", "Dagklubben träffas två förmiddagar i veckan. Vi leker, pysslar och är ute.", ""),
        ["P3.4", "P25.6"], ["KR1.2"], [], ("päiväkerho|ruotsinkielinen", "dagklubb|svenska", "day club|Swedish"),
        (3, 5), ("sv",), cost="partly", cost_note="Terminsavgift 30 €.", munis=["837"],
        locs=[loc("Svenska församlingshemmet", "Hämeenpuisto 37", "33200", "ti 09:00-11:30|to 09:00-11:30")],
        web=W_TRE_SRK, modified="2026-09-01"))
    ORT = "Tampereen ortodoksinen seurakunta"
    S.append(svc(
        "ort-perhekerho", ORT, "parish",
        ("Ortodoksinen perhekerho", "", "Orthodox family club"),
        "Perhekerho ortodoksisille ja muille perheille suomeksi ja venäjäksi.",
        "Perhekerhossa lauletaan, askarrellaan kirkkovuoden aiheista ja tutustutaan kirkkoon. Kerhoa "
        "ohjataan suomeksi ja venäjäksi; kaikki perheet ovat tervetulleita.",
        ["P4.12", "P25.6"], ["KR1.2"], [], ("ortodoksinen|perhekerho|kirkkokerho", "ortodox", "Orthodox|family club"),
        (0, 7), ("fi", "ru"), munis=["837"],
        locs=[loc("Ortodoksinen seurakuntasali", "Suvantokatu 10", "33100", "la 10:00-12:00")],
        web=W_ORT, modified="2026-08-21"))
    S.append(svc(
        "ort-lasten-kirkkokerho", ORT, "parish",
        "Lasten kirkkokerho",
        "Kerho 7–12-vuotiaille: ikonimaalausta, laulua ja kirkkoon tutustumista.",
        "Kirkkokerhossa tehdään käsitöitä ja ikoneita, opitaan kirkkolauluja ja valmistaudutaan yhdessä "
        "juhliin. Kerho päättyy yhteiseen välipalaan.",
        ["P25.6", "P25.7"], ["KR1.2"], [], ("kirkkokerho|ortodoksinen|ikonimaalaus", "", "Orthodox|church club"),
        (7, 12), ("fi", "ru"), munis=["837"],
        locs=[loc("Ortodoksinen seurakuntasali", "Suvantokatu 10", "33100", "ke 15:00-16:30")],
        web=W_ORT, modified="2026-08-21"))
    S.append(svc(
        "nokia-srk-perhekerhot", "Nokian seurakunta", "parish",
        "Nokian seurakunnan perhekerhot",
        "Perhekerhot Nokian keskustassa ja Siurossa.",
        "Perhekerhoissa on leikkiä, laulua ja hartaushetki. Kerhot ovat maksuttomia ja avoimia kaikille.",
        ["P4.12", "P25.6"], ["KR1.2"], ["KE1"], ("perhekerho|seurakunta|Nokia", "familjeklubb", "family club"),
        (0, 6), munis=["536"],
        locs=[loc("Nokian seurakuntakeskus", "Nokianvaltatie 27", "37100", "ke 09:30-11:30"),
              loc("Siuron seurakuntakoti", "Siurontie 20", "37200", "to 09:30-11:30")],
        web="https://www.nokianseurakunta.fi", modified="2026-08-26", repeat=False))
    for i, (parish, code, pc, venue, street, hours) in enumerate(PARISH_LOCAL):
        if code == "536":
            continue  # Nokia has its own multi-location entry above
        kind = ["perhekerho", "perhekahvila", "perhekerho", "päiväkerho"][i % 4]
        if kind == "päiväkerho":
            name = "%s päiväkerho" % parish.replace("seurakunta", "seurakunnan")
            summary = "Päiväkerho 3–5-vuotiaille kahtena aamupäivänä viikossa."
            desc = ("Päiväkerhossa leikitään, lauletaan, askarrellaan ja ulkoillaan pienessä ryhmässä "
                    "lastenohjaajan kanssa. Kerhopäivään kuuluu eväshetki ja lyhyt kristillisen kasvatuksen hetki.")
            ages, cost, note, cls = (3, 5), "partly", "Kerhomaksu 25–35 € / lukukausi.", ["P3.4", "P25.6"]
            kw = ("päiväkerho|kerho|seurakunta", "dagklubb", "day club")
        else:
            name = "%s %s" % (parish.replace("seurakunta", "seurakunnan"), kind)
            summary = "Maksuton %s vauvoille, leikki-ikäisille ja heidän aikuisilleen." % kind
            desc = ("Tervetuloa %siin! Aamupäivä alkaa vapaalla leikillä, jonka jälkeen on laulu- ja "
                    "hartaushetki sekä kahvit. Mukaan voi tulla äiti, isä, isovanhempi tai hoitaja, eikä "
                    "kerho edellytä seurakunnan jäsenyyttä." % kind)
            ages, cost, note, cls = (0, 6), "free", "", ["P4.12", "P25.6"]
            kw = ("%s|seurakunta|vertaistuki|vauvaperheet" % kind, "familjeklubb", "family club")
        S.append(svc(
            "srk-%s-%s" % (code, kind.replace("ä", "a")), parish, "parish", name, summary, desc, cls, ["KR1.2"],
            ["KE1"] if kind != "päiväkerho" else [], kw, ages, cost=cost, cost_note=note, munis=[code],
            locs=[loc(venue, street, pc, hours)], web=W_EVL,
            modified="2026-%02d-%02dT07:30:00Z" % (8 + i % 2, 3 + (i * 5) % 25)))
    return S


CSV_FILES = [("ngo-services.csv", ngo_services), ("parish-services.csv", parish_services)]


def csv_record(s, geo):
    """The record a CSV importer should make of one composed service (for validation)."""
    langs = ("fi", "sv", "en")
    r = {
        "id": s["id"], "source": "csv", "source_id": s["id"],
        "provider": {"name": {"fi": s["provider"]}, "type": s["ptype"]},
        "name": dict(zip(langs, s["name"])), "summary": dict(zip(langs, s["summary"])),
        "service_classes": s["classes"], "target_groups": s["tgs"], "life_events": s["les"],
        "languages": s["langs"], "cost": s["cost"],
        "area": {"whole_country": s["whole_country"], "regions": s["regions"], "municipalities": s["munis"]},
        "last_modified": stamp(s["modified"]),
    }
    r["name"] = {k: v for k, v in r["name"].items() if v}
    r["summary"] = {k: v for k, v in r["summary"].items() if v}
    if s["ages"][0] is not None:
        r["age_min"] = s["ages"][0]
    if s["ages"][1] is not None:
        r["age_max"] = s["ages"][1]
    locs = []
    for l in s["locs"]:
        pt = geo.point(l["postcode"], salt=s["id"] + l["street"])
        locs.append({"address": {"street": {"fi": l["street"]}, "postcode": l["postcode"],
                                 "municipality_code": geo.postcodes[l["postcode"]]["municipal_code"]},
                     "coord": pt, "hours": [hours_entry(l["hours"])] if l["hours"] else []})
    r["locations"] = locs
    return r


def template_hours(spec):
    """The template writes one day or one day range per '|'-separated part: 'ma,ke 10:00-14:00' is
    written as 'ma 10:00-14:00|ke 10:00-14:00'."""
    parts = []
    for part in spec.split("|"):
        if not part.strip():
            continue
        days, times = part.strip().split(" ")
        for d in days.split(","):
            parts.append("%s %s" % (d, times))
    return "|".join(parts)


def stamp(d):
    return d if "T" in d else d + "T09:00:00Z"


def csv_text(fname, services_def, geo, checker):
    services = services_def()
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for s in services:
        checker.check_record("%s:%s" % (fname, s["id"]), csv_record(s, geo))
        # Service-level cells, written on the first row of the service (and repeated on the later rows
        # when s["repeat"]): both forms are allowed by the template.
        base = {
            "id": s["id"],
            "name_fi": s["name"][0], "name_sv": s["name"][1], "name_en": s["name"][2],
            "summary_fi": s["summary"][0], "summary_sv": s["summary"][1], "summary_en": s["summary"][2],
            "description_fi": s["desc"][0], "description_sv": s["desc"][1], "description_en": s["desc"][2],
            "provider_name": s["provider"], "provider_type": s["ptype"], "provider_business_id": "",
            "service_classes": "|".join(s["classes"]), "target_groups": "|".join(s["tgs"]),
            "life_events": "|".join(s["les"]),
            "keywords_fi": s["kw"][0], "keywords_sv": s["kw"][1], "keywords_en": s["kw"][2],
            "age_min": "" if s["ages"][0] is None else str(s["ages"][0]),
            "age_max": "" if s["ages"][1] is None else str(s["ages"][1]),
            "languages": "|".join(s["langs"]), "cost": s["cost"], "cost_note": s["cost_note"],
            "how_to_apply": s["how"],
            "referral_required": "" if s["referral"] is None else ("yes" if s["referral"] else "no"),
            "area_municipalities": "|".join(s["munis"]), "area_regions": "|".join(s["regions"]),
            "whole_country": "yes" if s["whole_country"] else "no",
            "website": s["web"], "eservice_url": s["eservice"], "last_modified": stamp(s["modified"]),
        }
        rows = s["locs"] or [None]
        for i, l in enumerate(rows):
            row = dict(base) if (i == 0 or s["repeat"]) else {"id": s["id"]}
            if l:
                pt = geo.point(l["postcode"], salt=s["id"] + l["street"])
                phone = composed_phone(s["id"] + l["postcode"] + l["street"]) if l["phone"] == "composed" else (l["phone"] or "")
                row.update({
                    "location_name": l["name"], "street_address": l["street"], "postcode": l["postcode"],
                    "post_office": geo.post_office(l["postcode"])["fi"],
                    "municipality": geo.postcodes[l["postcode"]]["municipal_code"],
                    "latitude": "%.5f" % pt["lat"], "longitude": "%.5f" % pt["lon"],
                    "accessibility": l["access"], "opening_hours": template_hours(l["hours"]), "phone": phone,
                    "email": l["email"] or (s["email"] if i == 0 else ""),
                })
            else:
                row.update({"phone": s["phone"], "email": s["email"]})
            w.writerow([row.get(c, "") for c in CSV_COLUMNS])
    return "\ufeff" + buf.getvalue()


if __name__ == "__main__":
    main()
