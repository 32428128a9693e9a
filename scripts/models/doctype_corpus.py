"""Dossier's labelled document set for the document-type model: invented documents of every
type, in Dutch (most), English and French, with their label.

Every document is built from the templates below with random people, numbers, dates and
wording, so no two are the same; the same seed gives the same set. The persons, numbers and
institutions are invented. `documents(seed, per_type)` returns a list of dicts
{id, type, language, lines}, where lines are (style, text) as scripts/simplepdf.py lays out.
"""
import random

TYPES = [
    "passport", "id-card", "birth-certificate", "marriage-certificate", "civil-status-declaration",
    "employment-contract", "payslip", "bank-statement", "decision", "notice-of-default",
    "court-ruling", "hearing-report", "other",
]

GIVEN = ["Anna", "Mohammed", "Mohamed", "Fatima", "Yusuf", "Sara", "Daniel", "Amina", "Pieter", "Eva",
         "Ahmad", "Olena", "Tesfay", "Mariam", "Karim", "Lucia", "Jan", "Noor", "Ali", "Sofia",
         "Hassan", "Lina", "Omar", "Fleur", "Dawit", "Zainab", "Ivan", "Claire", "Samir", "Hanna"]
FAMILY = ["Jansen", "de Vries", "Haddad", "Bakker", "Yilmaz", "Tesfamariam", "Kowalski", "Visser",
          "El Amrani", "Smit", "Rahimi", "Dubois", "Meijer", "Okafor", "Petrenko", "Mulder", "Hosseini",
          "de Boer", "Nguyen", "Bos", "Abdi", "Vermeulen", "Osman", "Peters", "Hendriks", "Al-Sayed"]
PLACES_NL = ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Zwolle",
             "Tilburg", "Almere", "Breda", "Nijmegen", "Arnhem", "Haarlem", "Leiden", "Maastricht"]
PLACES_ABROAD = ["Asmara", "Damascus", "Aleppo", "Kabul", "Istanbul", "Casablanca", "Lagos", "Kyiv",
                 "Lyon", "Addis Abeba", "Tehran", "Mogadishu", "Warsaw", "Baghdad", "Khartoum"]
COUNTRIES = ["Eritrea", "Syrië", "Afghanistan", "Turkije", "Marokko", "Nigeria", "Oekraïne", "Frankrijk",
             "Ethiopië", "Iran", "Somalië", "Polen", "Irak", "Soedan", "India"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]
COMPANIES = ["Bakkerij Van Dijk B.V.", "Schoonmaakbedrijf Glans B.V.", "TechPoint Solutions B.V.",
             "Zorggroep De Linde", "Logistiek Centrum Noord B.V.", "Restaurant De Gouden Leeuw",
             "Bouwbedrijf Hendriks & Zn.", "Kinderopvang Het Zonnetje", "Transportbedrijf Snel B.V.",
             "Installatietechniek Oost B.V.", "Supermarkt Dagvers", "Softwarehuis Delta B.V."]
BANKS = ["ING Bank", "Rabobank", "ABN AMRO", "SNS", "ASN Bank", "Triodos Bank", "bunq"]
COURTS = ["Rechtbank Den Haag", "Rechtbank Amsterdam", "Rechtbank Noord-Nederland", "Rechtbank Gelderland",
          "Rechtbank Oost-Brabant", "Rechtbank Zeeland-West-Brabant", "Rechtbank Limburg"]
COURT_CODES = {"Rechtbank Den Haag": "RBDHA", "Rechtbank Amsterdam": "RBAMS", "Rechtbank Noord-Nederland": "RBNNE",
               "Rechtbank Gelderland": "RBGEL", "Rechtbank Oost-Brabant": "RBOBR",
               "Rechtbank Zeeland-West-Brabant": "RBZWB", "Rechtbank Limburg": "RBLIM"}
LAWYERS = ["mr. E. de Vries", "mr. S. Rahimi", "mr. J.P. Bakker", "mr. L. Okafor", "mr. drs. A. Smit",
           "mr. K. El Amrani"]


class Maker:
    def __init__(self, rng):
        self.r = rng

    def pick(self, items):
        return self.r.choice(items)

    def maybe(self, p=0.5):
        return self.r.random() < p

    def name(self):
        return f"{self.pick(GIVEN)} {self.pick(FAMILY)}"

    def initial_name(self):
        return f"{self.pick(GIVEN)[0]}. {self.pick(FAMILY)}"

    def date(self, year_from=2020, year_to=2026):
        y = self.r.randint(year_from, year_to)
        return y, self.r.randint(1, 12), self.r.randint(1, 28)

    def nl_date(self, d=None):
        y, m, day = d or self.date()
        return self.pick([f"{day} {MONTHS_NL[m - 1]} {y}", f"{day:02d}-{m:02d}-{y}"])

    def en_date(self, d=None):
        y, m, day = d or self.date()
        return self.pick([f"{day} {MONTHS_EN[m - 1]} {y}", f"{MONTHS_EN[m - 1]} {day}, {y}", f"{day:02d}/{m:02d}/{y}"])

    def fr_date(self, d=None):
        y, m, day = d or self.date()
        return f"{'1er' if day == 1 else day} {MONTHS_FR[m - 1]} {y}"

    def birth(self):
        return self.date(1950, 2008)

    def bsn(self):
        while True:
            digits = [self.r.randint(0, 9) for _ in range(8)]
            total = sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2]))
            last = total % 11
            if last <= 9 and digits[0] != 0:
                return "".join(map(str, digits)) + str(last)

    def vnumber(self):
        return "".join(str(self.r.randint(0, 9)) for _ in range(10))

    def money(self, low, high):
        cents = self.r.randint(low * 100, high * 100)
        whole, fraction = divmod(cents, 100)
        return f"{whole:,}".replace(",", ".") + f",{fraction:02d}"

    def iban(self):
        bank = self.pick(["ABNA", "INGB", "RABO", "SNSB", "ASNB", "TRIO", "BUNQ"])
        account = "".join(str(self.r.randint(0, 9)) for _ in range(10))
        numeric = "".join(str(ord(c) - 55) if c.isalpha() else c for c in bank + account + "NL00")
        check = 98 - int(numeric) % 97
        raw = f"NL{check:02d}{bank}{account}"
        return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))

    def postcode(self):
        return f"{self.r.randint(1000, 9999)} {self.pick(['AB', 'BS', 'CK', 'DL', 'EN', 'GH', 'KL', 'MN', 'PR', 'TV'])}"

    def street(self):
        return f"{self.pick(['Dorpsstraat', 'Kerkweg', 'Stationsplein', 'Lindelaan', 'Molenstraat', 'Havenkade', 'Parkweg'])} {self.r.randint(1, 240)}"

    def para(self, *options):
        """One paragraph made of the given sentence options: each item is a list of variants."""
        return " ".join(self.pick(variants) for variants in options if variants)


def mrz_digit(text):
    values = [int(c) if c.isdigit() else (0 if c == "<" else ord(c) - 55) for c in text]
    return str(sum(v * w for v, w in zip(values, [7, 3, 1] * 20)) % 10)


def passport(m, lang):
    given, family = m.pick(GIVEN), m.pick(FAMILY)
    by, bm, bd = m.birth()
    ey, em, ed = m.date(2024, 2034)
    iy = ey - 10
    number = "".join(m.pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + "".join(str(m.r.randint(0, 9)) for _ in range(7))
    state = m.pick(["NLD", "ERI", "SYR", "AFG", "TUR", "MAR", "UKR", "FRA", "ETH", "IRN"])
    birth = f"{by % 100:02d}{bm:02d}{bd:02d}"
    expiry = f"{ey % 100:02d}{em:02d}{ed:02d}"
    sex = m.pick("MF")
    line1 = f"P<{state}{family.upper().replace(' ', '<').replace('-', '<')}<<{given.upper()}"
    line1 = (line1 + "<" * 44)[:44]
    line2 = number + mrz_digit(number) + state + birth + mrz_digit(birth) + sex + expiry + mrz_digit(expiry) + "<" * 14 + "<0"
    line2 = line2[:43]
    line2 += mrz_digit(line2[0:10] + line2[13:20] + line2[21:43])
    labels = {
        "nld": ("PASPOORT", "Naam", "Voornamen", "Nationaliteit", "Geboortedatum", "Geboorteplaats", "Geslacht",
                "Datum van afgifte", "Geldig tot", "Documentnummer", "Autoriteit"),
        "eng": ("PASSPORT", "Surname", "Given names", "Nationality", "Date of birth", "Place of birth", "Sex",
                "Date of issue", "Date of expiry", "Passport No.", "Authority"),
        "fra": ("PASSEPORT", "Nom", "Prénoms", "Nationalité", "Date de naissance", "Lieu de naissance", "Sexe",
                "Date de délivrance", "Date d'expiration", "N° du passeport", "Autorité"),
    }[lang]
    fmt = {"nld": m.nl_date, "eng": m.en_date, "fra": m.fr_date}[lang]
    lines = [("title", labels[0] + ("" if lang == "eng" else " / PASSPORT"))]
    if m.maybe():
        lines.append(("body", m.pick(["Koninkrijk der Nederlanden", "Kingdom of the Netherlands", "Republic", "République"])))
    fields = [
        (labels[1], family.upper()), (labels[2], given.upper()), (labels[3], m.pick(COUNTRIES)),
        (labels[4], fmt((by, bm, bd))), (labels[5], m.pick(PLACES_ABROAD + PLACES_NL)), (labels[6], sex),
        (labels[7], fmt((iy, em, ed))), (labels[8], fmt((ey, em, ed))), (labels[9], number),
        (labels[10], m.pick(["Burgemeester van " + m.pick(PLACES_NL), "Ministry of Foreign Affairs", "Ministry of Interior"])),
    ]
    if m.maybe(0.3):
        m.r.shuffle(fields)
    lines += [("body", f"{k}: {v}") for k, v in fields]
    lines += [("body", ""), ("mono", line1), ("mono", line2)]
    return lines


def id_card(m, lang):
    given, family = m.pick(GIVEN), m.pick(FAMILY)
    by, bm, bd = m.birth()
    ey, em, ed = m.date(2025, 2035)
    number = "".join(m.pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + "".join(str(m.r.randint(0, 9)) for _ in range(7))
    state = m.pick(["NLD", "BEL", "FRA", "DEU", "POL", "ITA", "ESP"])
    birth = f"{by % 100:02d}{bm:02d}{bd:02d}"
    expiry = f"{ey % 100:02d}{em:02d}{ed:02d}"
    line1 = (f"I<{state}{number}{mrz_digit(number)}" + "<" * 30)[:30]
    line2 = (birth + mrz_digit(birth) + m.pick("MF") + expiry + mrz_digit(expiry) + state + "<" * 30)[:29]
    line2 += mrz_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line3 = (f"{family.upper().replace(' ', '<')}<<{given.upper()}" + "<" * 30)[:30]
    title = {"nld": m.pick(["IDENTITEITSKAART", "Nederlandse identiteitskaart"]), "eng": "IDENTITY CARD",
             "fra": "CARTE NATIONALE D'IDENTITÉ"}[lang]
    fmt = {"nld": m.nl_date, "eng": m.en_date, "fra": m.fr_date}[lang]
    labels = {"nld": ("Naam", "Voornamen", "Geboortedatum", "Geldig tot", "Persoonsnummer", "Documentnummer"),
              "eng": ("Surname", "Given names", "Date of birth", "Date of expiry", "Personal number", "Document number"),
              "fra": ("Nom", "Prénoms", "Né(e) le", "Valable jusqu'au", "Numéro personnel", "N° de carte")}[lang]
    lines = [("title", title), ("body", f"{labels[0]}: {family}"), ("body", f"{labels[1]}: {given}"),
             ("body", f"{labels[2]}: {fmt((by, bm, bd))}"), ("body", f"{labels[3]}: {fmt((ey, em, ed))}")]
    if lang == "nld" or m.maybe(0.3):
        lines.append(("body", f"{labels[4]}: {m.bsn()}"))
    lines.append(("body", f"{labels[5]}: {number}"))
    if m.maybe():
        lines.append(("body", m.pick(["Deze kaart is eigendom van de Staat der Nederlanden.",
                                      "This card remains the property of the issuing state.",
                                      "Identiteitskaart voor gebruik binnen de Europese Unie."])))
    lines += [("body", ""), ("mono", line1), ("mono", line2), ("mono", line3)]
    return lines


def birth_certificate(m, lang):
    child = m.name()
    d = m.birth()
    place = m.pick(PLACES_ABROAD + PLACES_NL)
    father, mother = m.name(), m.name()
    if lang == "nld":
        title = m.pick(["AKTE VAN GEBOORTE", "Geboorteakte", "Uittreksel uit het geboorteregister"])
        body = [
            m.para(["Op", "Heden,"], [f"{m.nl_date()} verscheen voor mij, ambtenaar van de burgerlijke stand van de gemeente {m.pick(PLACES_NL)},"],
                   ["de vader van het kind, die aangifte deed van de geboorte van:", "de aangever, die verklaarde dat geboren is:"]),
            f"Naam van het kind: {child}",
            f"Geslacht: {m.pick(['mannelijk', 'vrouwelijk'])}",
            f"Geboren op: {m.nl_date(d)} te {place}",
            f"Vader: {father}, geboren te {m.pick(PLACES_ABROAD)}",
            f"Moeder: {mother}, geboren te {m.pick(PLACES_ABROAD)}",
            m.para(["Waarvan akte, opgemaakt en na voorlezing ondertekend.", "Voor eensluidend afschrift van de akte van geboorte."],
                   ["", "Deze akte is ingeschreven in het register van geboorten onder nummer " + str(m.r.randint(10, 999)) + "."]),
            f"De ambtenaar van de burgerlijke stand, {m.initial_name()}",
        ]
    elif lang == "eng":
        title = m.pick(["BIRTH CERTIFICATE", "Certificate of Birth", "Certified copy of an entry of birth"])
        body = [
            f"Name of child: {child}", f"Date of birth: {m.en_date(d)}", f"Place of birth: {place}",
            f"Sex: {m.pick(['male', 'female'])}", f"Father: {father}", f"Mother: {mother}",
            m.para(["Registered by the registrar of births on", "Entry made in the register of births on"], [m.en_date() + "."]),
            m.pick(["I certify that this is a true copy of an entry in the register of births.",
                    "This certificate is issued under the Births and Deaths Registration Act."]),
            f"Registrar: {m.initial_name()}",
        ]
    else:
        title = m.pick(["ACTE DE NAISSANCE", "Extrait d'acte de naissance"])
        body = [
            f"Le {m.fr_date(d)} est né(e) à {place} : {child}",
            f"Fils ou fille de {father} et de {mother}.",
            m.pick(["Dressé par nous, officier de l'état civil, sur la déclaration du père.",
                    "Acte dressé sur la déclaration de la mère, qui a signé avec nous."]),
            f"Pour extrait conforme, le {m.fr_date()}. L'officier de l'état civil, {m.initial_name()}",
        ]
    return [("title", title)] + [("body", b) for b in body]


def marriage_certificate(m, lang):
    a, b = m.name(), m.name()
    d = m.date(1995, 2026)
    place = m.pick(PLACES_NL + PLACES_ABROAD)
    if lang == "nld":
        title = m.pick(["AKTE VAN HUWELIJK", "Huwelijksakte", "Uittreksel uit het huwelijksregister"])
        body = [
            m.para([f"Op {m.nl_date(d)} zijn in de gemeente {place} in het huwelijk getreden:",
                    f"Op {m.nl_date(d)} is voor mij, ambtenaar van de burgerlijke stand van {place}, het huwelijk voltrokken tussen:"]),
            f"{a}, geboren op {m.nl_date(m.birth())} te {m.pick(PLACES_ABROAD)}, en",
            f"{b}, geboren op {m.nl_date(m.birth())} te {m.pick(PLACES_ABROAD)}.",
            m.para(["De echtgenoten hebben verklaard elkaar te aanvaarden als echtgenoten.",
                    "Na de verklaring van de aanstaande echtgenoten heb ik hen in de echt verbonden."],
                   ["Getuigen: " + m.name() + " en " + m.name() + "."]),
            m.pick(["Huwelijkse voorwaarden: geen.", "Er zijn huwelijkse voorwaarden gemaakt.", ""]),
            f"De ambtenaar van de burgerlijke stand, {m.initial_name()}",
        ]
    elif lang == "eng":
        title = m.pick(["MARRIAGE CERTIFICATE", "Certificate of Marriage"])
        body = [
            f"Marriage solemnized at {place} on {m.en_date(d)}",
            f"Husband/partner: {a}", f"Wife/partner: {b}",
            f"Witnesses: {m.name()} and {m.name()}",
            m.pick(["This marriage was solemnized between us in the presence of the registrar.",
                    "Certified to be a true copy of an entry in the register of marriages."]),
            f"Registrar: {m.initial_name()}",
        ]
    else:
        title = m.pick(["ACTE DE MARIAGE", "Extrait d'acte de mariage"])
        body = [
            f"Le {m.fr_date(d)}, à {place}, ont contracté mariage :", f"{a} et {b}.",
            m.pick(["Les époux ont déclaré ne pas avoir fait de contrat de mariage.", "Contrat de mariage reçu par notaire."]),
            f"En présence des témoins {m.name()} et {m.name()}. L'officier de l'état civil, {m.initial_name()}",
        ]
    return [("title", title)] + [("body", x) for x in body if x]


def civil_status(m, lang):
    who = m.name()
    status = {"nld": m.pick(["ongehuwd", "gehuwd", "gescheiden", "weduwe", "weduwnaar"]),
              "eng": m.pick(["unmarried", "single", "married", "divorced", "widowed"]),
              "fra": m.pick(["célibataire", "marié(e)", "divorcé(e)", "veuf"])}[lang]
    if lang == "nld":
        title = m.pick(["Verklaring burgerlijke staat", "VERKLARING OMTRENT DE BURGERLIJKE STAAT", "Verklaring van ongehuwd zijn"])
        body = [
            m.para(["Ondergetekende,", "Hierbij verklaart de ambtenaar van de burgerlijke stand dat"], [f"{who},"],
                   [f"geboren op {m.nl_date(m.birth())} te {m.pick(PLACES_ABROAD)},"]),
            m.para([f"blijkens de gegevens in de basisregistratie personen {status} is.",
                    f"verklaart naar waarheid dat hij of zij {status} is en niet eerder gehuwd is geweest." if status == "ongehuwd"
                    else f"verklaart naar waarheid dat de burgerlijke staat {status} is."]),
            m.pick(["Deze verklaring is afgegeven ten behoeve van een aanvraag bij de Immigratie- en Naturalisatiedienst.",
                    "Deze verklaring is bestemd voor het huwelijk in het buitenland.",
                    "Afgegeven op verzoek van de betrokkene."]),
            f"{m.pick(PLACES_NL)}, {m.nl_date()}",
            f"Namens de burgemeester, {m.initial_name()}",
        ]
    elif lang == "eng":
        title = m.pick(["Certificate of civil status", "CERTIFICATE OF NO IMPEDIMENT", "Declaration of marital status"])
        body = [
            f"This is to certify that {who}, born on {m.en_date(m.birth())} in {m.pick(PLACES_ABROAD)},",
            f"is {status} according to the civil registry of {m.pick(PLACES_ABROAD)}.",
            m.pick(["No impediment to marriage has been found.", "This certificate is valid for six months from the date of issue."]),
            f"Issued on {m.en_date()}. Civil registrar: {m.initial_name()}",
        ]
    else:
        title = m.pick(["Certificat de célibat", "Attestation d'état civil", "Certificat de coutume"])
        body = [
            f"Nous, officier de l'état civil, certifions que {who}, né(e) le {m.fr_date(m.birth())} à {m.pick(PLACES_ABROAD)},",
            f"est {status} selon les registres de l'état civil.",
            f"Délivré le {m.fr_date()} pour servir et valoir ce que de droit.",
        ]
    return [("title", title)] + [("body", x) for x in body]


def employment_contract(m, lang):
    company, worker = m.pick(COMPANIES), m.name()
    start = m.date(2022, 2026)
    hours = m.pick([16, 24, 32, 36, 38, 40])
    salary = m.money(2100, 5200)
    if lang == "nld":
        title = m.pick(["ARBEIDSOVEREENKOMST", "Arbeidsovereenkomst voor bepaalde tijd", "Arbeidsovereenkomst voor onbepaalde tijd"])
        body = [
            "De ondergetekenden:",
            f"1. {company}, gevestigd te {m.pick(PLACES_NL)}, KvK-nummer {m.r.randint(10000000, 99999999)}, hierna te noemen: de werkgever, en",
            f"2. {worker}, wonende te {m.pick(PLACES_NL)}, hierna te noemen: de werknemer,",
            "komen het volgende overeen:",
            f"Artikel 1 Functie. De werknemer treedt met ingang van {m.nl_date(start)} in dienst in de functie van "
            f"{m.pick(['productiemedewerker', 'schoonmaker', 'softwareontwikkelaar', 'verzorgende', 'chauffeur', 'kok', 'pedagogisch medewerker'])}.",
            m.para([f"Artikel 2 Duur. De overeenkomst wordt aangegaan voor onbepaalde tijd.",
                    f"Artikel 2 Duur. De overeenkomst wordt aangegaan voor de duur van {m.pick([6, 12, 24])} maanden."],
                   ["Er geldt een proeftijd van een maand.", "Er geldt een proeftijd van twee maanden.", ""]),
            f"Artikel 3 Arbeidsduur. De arbeidsduur bedraagt {hours} uur per week.",
            f"Artikel 4 Salaris. Het bruto maandsalaris bedraagt € {salary}, exclusief 8% vakantietoeslag.",
            m.pick(["Artikel 5 Vakantie. De werknemer heeft recht op 25 vakantiedagen per jaar bij een volledig dienstverband.",
                    "Artikel 5 Cao. Op deze overeenkomst is de cao van de sector van toepassing."]),
            m.pick(["Artikel 6 Opzegging. Voor opzegging gelden de wettelijke termijnen.",
                    "Artikel 6 Pensioen. De werknemer neemt deel aan de pensioenregeling van het bedrijfstakpensioenfonds."]),
            f"Aldus overeengekomen en in tweevoud ondertekend te {m.pick(PLACES_NL)} op {m.nl_date()}.",
            "De werkgever                                De werknemer",
        ]
    elif lang == "eng":
        title = m.pick(["EMPLOYMENT CONTRACT", "Contract of Employment", "Employment Agreement"])
        body = [
            f"This agreement is made between {company} (the employer) and {worker} (the employee).",
            f"1. Commencement. The employment commences on {m.en_date(start)}.",
            f"2. Position. The employee is employed as {m.pick(['warehouse operative', 'software engineer', 'care assistant', 'driver', 'cook'])}.",
            f"3. Working hours. The normal working hours are {hours} hours per week.",
            f"4. Salary. The gross monthly salary is EUR {salary}, payable monthly in arrears.",
            m.pick(["5. Probation. The first two months are a probationary period.", "5. Holidays. The employee is entitled to 25 days of paid holiday."]),
            "6. Termination. Either party may terminate this contract by giving written notice as required by law.",
            f"Signed on {m.en_date()} by the employer and the employee.",
        ]
    else:
        title = m.pick(["CONTRAT DE TRAVAIL", "Contrat de travail à durée indéterminée"])
        body = [
            f"Entre la société {company}, ci-après l'employeur, et {worker}, ci-après le salarié, il a été convenu ce qui suit.",
            f"Article 1. Le salarié est engagé à compter du {m.fr_date(start)}.",
            f"Article 2. La durée du travail est de {hours} heures par semaine.",
            f"Article 3. La rémunération brute mensuelle est fixée à {salary} euros.",
            "Article 4. La période d'essai est de deux mois.",
            f"Fait en deux exemplaires, le {m.fr_date()}.",
        ]
    return [("title", title)] + [("body", x) for x in body if x]


def payslip(m, lang):
    company, worker = m.pick(COMPANIES), m.name()
    y, mo, _ = m.date(2023, 2026)
    gross = m.r.randint(1900, 5200)
    tax = int(gross * m.r.uniform(0.08, 0.25))
    if lang == "nld":
        title = m.pick([f"Loonstrook {MONTHS_NL[mo - 1]} {y}", "SALARISSTROOK", f"Salarisspecificatie periode {mo}"])
        body = [
            f"Werkgever: {company}", f"Werknemer: {worker}", f"Personeelsnummer: {m.r.randint(100, 9999)}",
            f"BSN: {m.bsn()}" if m.maybe(0.6) else "",
            f"Periode: 1 {MONTHS_NL[mo - 1]} {y} tot en met {28} {MONTHS_NL[mo - 1]} {y}",
            f"Brutoloon                      € {gross:,}".replace(",", ".") + ",00",
            f"Loonheffing                    € -{tax:,}".replace(",", ".") + ",00",
            m.pick(["Pensioenpremie                 € -" + m.money(40, 250), "Reiskostenvergoeding           € " + m.money(20, 150)]),
            f"Nettoloon                      € {gross - tax:,}".replace(",", ".") + ",00",
            f"Uitbetaald op rekening {m.iban()}",
            m.pick(["Vakantiegeld reservering 8%", "Opgebouwde vakantie-uren: " + str(m.r.randint(10, 200)), "Loonheffingskorting: ja"]),
        ]
    elif lang == "eng":
        title = m.pick([f"Payslip {MONTHS_EN[mo - 1]} {y}", "PAYSLIP", "Salary statement"])
        body = [
            f"Employer: {company}", f"Employee: {worker}", f"Pay period: {MONTHS_EN[mo - 1]} {y}",
            f"Gross pay: EUR {gross:,}.00", f"Wage tax: EUR -{tax:,}.00", f"Net pay: EUR {gross - tax:,}.00",
            f"Paid into account {m.iban()}", m.pick(["Holiday allowance accrued: 8%", "Hours worked: " + str(m.r.randint(60, 180))]),
        ]
    else:
        title = m.pick([f"Bulletin de paie {MONTHS_FR[mo - 1]} {y}", "BULLETIN DE SALAIRE"])
        body = [
            f"Employeur : {company}", f"Salarié : {worker}", f"Période : {MONTHS_FR[mo - 1]} {y}",
            f"Salaire brut : {gross} euros", f"Cotisations salariales : -{tax} euros", f"Net à payer : {gross - tax} euros",
            f"Virement sur le compte {m.iban()}",
        ]
    return [("title", title)] + [("body", x) for x in body if x]


def bank_statement(m, lang):
    holder = m.name()
    bank = m.pick(BANKS)
    y, mo, _ = m.date(2023, 2026)
    balance = m.r.randint(100, 9000)
    lines = []
    if lang == "nld":
        title = m.pick(["Rekeningafschrift", "Bankafschrift", f"Afschrift {MONTHS_NL[mo - 1]} {y}"])
        lines += [f"{bank}", f"Rekeninghouder: {holder}", f"Rekeningnummer: {m.iban()}",
                  f"Periode: 1 {MONTHS_NL[mo - 1]} {y} t/m 28 {MONTHS_NL[mo - 1]} {y}",
                  f"Beginsaldo: € {balance:,}".replace(",", ".") + ",00", "Datum      Omschrijving                       Bij/Af   Bedrag"]
        for _ in range(m.r.randint(4, 9)):
            what = m.pick(["Salaris " + m.pick(COMPANIES), "Huur woning", "Albert Heijn", "Zorgverzekering", "Energie",
                           "Overboeking spaarrekening", "Gemeente belastingen", "Kinderbijslag SVB", "Pinautomaat"])
            lines.append(f"{m.r.randint(1, 28):02d}-{mo:02d}   {what:<34} {m.pick(['Bij', 'Af'])}   € {m.money(5, 2500)}")
        lines.append(f"Eindsaldo: € {m.money(50, 9000)}")
    elif lang == "eng":
        title = m.pick(["Bank statement", "Account statement"])
        lines += [f"{bank}", f"Account holder: {holder}", f"IBAN: {m.iban()}", f"Statement period: {MONTHS_EN[mo - 1]} {y}",
                  f"Opening balance: EUR {balance:,}.00", "Date   Description                      Debit/Credit   Amount"]
        for _ in range(m.r.randint(4, 9)):
            what = m.pick(["Salary", "Rent", "Groceries", "Health insurance", "Electricity", "Transfer to savings", "Card payment"])
            lines.append(f"{m.r.randint(1, 28):02d}/{mo:02d}  {what:<32} {m.pick(['Credit', 'Debit'])}   EUR {m.money(5, 2500)}")
        lines.append(f"Closing balance: EUR {m.money(50, 9000)}")
    else:
        title = m.pick(["Relevé de compte", "RELEVÉ BANCAIRE"])
        lines += [f"Titulaire du compte : {holder}", f"IBAN : {m.iban()}", f"Période : {MONTHS_FR[mo - 1]} {y}",
                  f"Solde initial : {balance} euros"]
        for _ in range(m.r.randint(4, 8)):
            what = m.pick(["Virement salaire", "Loyer", "Carte bancaire", "Assurance", "Électricité", "Retrait"])
            lines.append(f"{m.r.randint(1, 28):02d}/{mo:02d}  {what:<28} {m.money(5, 2500)} euros")
        lines.append(f"Nouveau solde : {m.money(50, 9000)} euros")
    return [("title", title)] + [("body", x) for x in lines]


def decision(m, lang):
    who = m.name()
    if lang == "nld":
        outcome = m.pick(["ingewilligd", "afgewezen", "niet-ontvankelijk verklaard"])
        title = m.pick(["Besluit", "Beschikking", "Besluit op uw aanvraag"])
        body = [
            "Immigratie- en Naturalisatiedienst", f"Postbus {m.r.randint(10, 9999)}", f"{m.postcode()} {m.pick(PLACES_NL)}",
            f"Datum: {m.nl_date()}", f"V-nummer: {m.vnumber()}", f"Onderwerp: besluit op uw aanvraag",
            f"Geachte heer, mevrouw {who.split()[-1]},",
            m.para([f"U hebt op {m.nl_date()} een aanvraag ingediend voor een verblijfsvergunning "
                    f"{m.pick(['regulier voor verblijf bij partner', 'voor arbeid in loondienst', 'voor studie', 'asiel voor bepaalde tijd'])}."],
                   ["In deze brief leest u ons besluit.", "Wij hebben uw aanvraag beoordeeld."]),
            f"Wij hebben besloten uw aanvraag {'in te willigen' if outcome == 'ingewilligd' else 'af te wijzen'}.",
            m.para(["Hieronder leest u waarom.", "De motivering van dit besluit vindt u in de bijlage."],
                   ["U voldoet aan de voorwaarden." if outcome == "ingewilligd" else "U voldoet niet aan het middelenvereiste.",
                    "De referent beschikt over voldoende inkomen." if outcome == "ingewilligd" else "Uw identiteit is niet aangetoond."]),
            m.pick(["Bent u het niet eens met dit besluit? Dan kunt u binnen vier weken bezwaar maken.",
                    "Tegen dit besluit kunt u binnen vier weken na de datum van verzending bezwaar maken."]),
            "Met vriendelijke groet,", "de Staatssecretaris van Justitie en Veiligheid,", "namens deze, " + m.initial_name(),
        ]
    elif lang == "eng":
        title = m.pick(["Decision on your application", "DECISION"])
        body = [
            "Immigration and Naturalisation Service", f"Date: {m.en_date()}", f"V-number: {m.vnumber()}",
            f"Dear {who},",
            f"On {m.en_date()} you applied for a residence permit. We have assessed your application.",
            m.pick(["We have decided to grant your application.", "We have decided to reject your application."]),
            "The reasons for this decision are set out below.",
            "If you do not agree with this decision, you may lodge an objection within four weeks.",
            "Kind regards, on behalf of the State Secretary, " + m.initial_name(),
        ]
    else:
        title = m.pick(["Décision", "DÉCISION SUR VOTRE DEMANDE"])
        body = [
            f"Date : {m.fr_date()}", f"Madame, Monsieur {who},",
            f"Le {m.fr_date()}, vous avez déposé une demande de titre de séjour.",
            m.pick(["Nous avons décidé de faire droit à votre demande.", "Nous avons décidé de rejeter votre demande."]),
            "Vous pouvez former un recours contre cette décision dans un délai de quatre semaines.",
        ]
    return [("title", title)] + [("body", x) for x in body]


def notice_of_default(m, lang):
    client = m.name()
    lawyer = m.pick(LAWYERS)
    if lang == "nld":
        title = m.pick(["Ingebrekestelling", "Ingebrekestelling wegens niet tijdig beslissen", "INGEBREKESTELLING"])
        body = [
            f"Advocatenkantoor {m.pick(FAMILY)} & {m.pick(FAMILY)}", "Immigratie- en Naturalisatiedienst", f"Postbus {m.r.randint(10, 999)}",
            f"{m.postcode()} {m.pick(PLACES_NL)}", f"{m.pick(PLACES_NL)}, {m.nl_date()}", f"Uw kenmerk: V-nummer {m.vnumber()}",
            "Geachte heer, mevrouw,",
            m.para([f"Namens mijn cliënt, {client}, stel ik u hierbij in gebreke", f"Hierbij stel ik u namens {client} in gebreke"],
                   ["omdat u niet tijdig hebt beslist op de aanvraag", "wegens het niet tijdig nemen van een besluit op het bezwaar"],
                   [f"van {m.nl_date()}."]),
            m.para(["De wettelijke beslistermijn is verstreken.", "De beslistermijn is ruimschoots overschreden."],
                   ["Ik verzoek u binnen twee weken na dagtekening van deze brief alsnog te beslissen.",
                    "Ik verzoek u alsnog binnen twee weken een besluit te nemen.",
                    f"Ik verzoek u uiterlijk {m.nl_date()} een besluit te nemen."]),
            m.pick(["Doet u dat niet, dan stel ik beroep in bij de rechtbank en maakt cliënt aanspraak op een dwangsom.",
                    "Na het verstrijken van deze termijn is een dwangsom verschuldigd als bedoeld in artikel 4:17 Awb."]),
            "Hoogachtend,", lawyer, "advocaat",
        ]
    elif lang == "eng":
        title = m.pick(["Notice of default", "NOTICE OF DEFAULT"])
        body = [
            f"On behalf of my client, {client}, I hereby give notice of default because no decision has been taken in time.",
            "The statutory decision period has expired.",
            "I request that you take a decision within two weeks of the date of this letter.",
            "If you fail to do so, my client will appeal to the court and claim a penalty payment.",
            f"Yours faithfully, {lawyer}",
        ]
    else:
        title = "Mise en demeure"
        body = [
            f"Au nom de mon client, {client}, je vous mets en demeure de statuer sur sa demande.",
            "Le délai légal de décision est expiré.",
            "Je vous prie de prendre une décision dans un délai de deux semaines.",
            f"Veuillez agréer mes salutations distinguées. {lawyer}",
        ]
    return [("title", title)] + [("body", x) for x in body]


def court_ruling(m, lang):
    court = m.pick(COURTS)
    y = m.r.randint(2019, 2026)
    ecli = f"ECLI:NL:{COURT_CODES[court]}:{y}:{m.r.randint(100, 29999)}"
    claimant = m.name()
    if lang == "nld":
        outcome = m.pick(["gegrond", "ongegrond"])
        title = m.pick(["UITSPRAAK", "Uitspraak van de enkelvoudige kamer", "Vonnis"])
        body = [
            court, m.pick(["Zittingsplaats " + m.pick(PLACES_NL), "Bestuursrecht"]), ecli,
            f"zaaknummer: NL{y % 100}.{m.r.randint(1000, 99999)}",
            f"uitspraak van de enkelvoudige kamer van {m.nl_date()} in de zaak tussen",
            f"{claimant}, eiser, (gemachtigde: {m.pick(LAWYERS)})", "en", "de staatssecretaris van Justitie en Veiligheid, verweerder.",
            m.para(["Procesverloop.", "Inleiding."],
                   [f"Verweerder heeft bij besluit van {m.nl_date()} de aanvraag van eiser afgewezen.",
                    "Eiser heeft beroep ingesteld tegen het niet tijdig beslissen."]),
            m.para(["Overwegingen.", "Beoordeling door de rechtbank."],
                   ["De rechtbank is van oordeel dat verweerder het besluit onvoldoende heeft gemotiveerd.",
                    "De rechtbank overweegt dat verweerder zich terecht op het standpunt heeft gesteld dat de verklaringen niet geloofwaardig zijn."]),
            f"Beslissing. De rechtbank verklaart het beroep {outcome}" + (", vernietigt het bestreden besluit en draagt verweerder op een nieuw besluit te nemen." if outcome == "gegrond" else "."),
            f"Deze uitspraak is gedaan door {m.pick(LAWYERS)}, rechter, in aanwezigheid van {m.initial_name()}, griffier.",
            "Rechtsmiddel: tegen deze uitspraak kan hoger beroep worden ingesteld bij de Afdeling bestuursrechtspraak van de Raad van State.",
        ]
    elif lang == "eng":
        title = m.pick(["JUDGMENT", "Judgment of the District Court"])
        body = [
            court, ecli, f"Case number: {m.r.randint(1000, 99999)}", f"Judgment of {m.en_date()} in the case between {claimant}, claimant, and the State Secretary, defendant.",
            "The court has considered the appeal and the documents in the file.",
            m.pick(["The appeal is well-founded; the contested decision is annulled.", "The appeal is unfounded."]),
            "This judgment was given by a single judge and pronounced in public.",
        ]
    else:
        title = m.pick(["JUGEMENT", "Arrêt"])
        body = [
            f"Le tribunal, statuant publiquement, dans l'affaire entre {claimant}, requérant, et l'État,",
            m.pick(["déclare le recours fondé et annule la décision attaquée.", "rejette le recours."]),
            f"Ainsi jugé le {m.fr_date()}. Le président, {m.initial_name()}. Le greffier, {m.initial_name()}.",
        ]
    return [("title", title)] + [("body", x) for x in body]


def hearing_report(m, lang):
    who = m.name()
    if lang == "nld":
        title = m.pick(["RAPPORT VAN NADER GEHOOR", "Rapport van eerste gehoor", "Rapport gehoor aanvullende vragen"])
        body = [
            f"V-nummer: {m.vnumber()}", f"Datum gehoor: {m.nl_date()}", f"Gehoormedewerker: {m.initial_name()}",
            f"Tolk: {m.initial_name()} ({m.pick(['Tigrinya', 'Arabisch', 'Dari', 'Turks', 'Somalisch', 'Farsi'])})",
            f"Vreemdeling: {who}", "Aanvang gehoor: 09:30 uur",
            "Vraag: Begrijpt u de tolk goed? Antwoord: Ja, ik begrijp de tolk goed.",
            m.pick(["Vraag: Kunt u vertellen waarom u uw land hebt verlaten? Antwoord: Ik werd bedreigd door de autoriteiten.",
                    "Vraag: Waar woonde u voor uw vertrek? Antwoord: Ik woonde met mijn ouders in de hoofdstad.",
                    "Vraag: Hoe bent u naar Nederland gereisd? Antwoord: Via verschillende landen, met de bus en te voet."]),
            m.pick(["Vraag: Hebt u documenten die uw verklaringen ondersteunen? Antwoord: Ik heb een kopie van mijn paspoort.",
                    "Vraag: Wanneer bent u vertrokken? Antwoord: In de winter, ik weet de exacte datum niet meer."]),
            "Vraag: Wilt u nog iets toevoegen? Antwoord: Nee, ik heb alles verteld.",
            "Het rapport is aan de vreemdeling teruggelezen. De vreemdeling heeft verklaard dat het verslag juist is.",
            "Einde gehoor: 13:15 uur.",
        ]
    elif lang == "eng":
        title = m.pick(["REPORT OF THE FURTHER INTERVIEW", "Interview report"])
        body = [
            f"Date of interview: {m.en_date()}", f"Interviewer: {m.initial_name()}", f"Interpreter: {m.initial_name()}",
            f"Applicant: {who}",
            "Question: Do you understand the interpreter? Answer: Yes, I understand the interpreter well.",
            "Question: Why did you leave your country? Answer: I was threatened because of my work.",
            "Question: Do you have anything to add? Answer: No.",
            "The report was read back to the applicant, who confirmed it is correct.",
        ]
    else:
        title = m.pick(["Procès-verbal d'audition", "RAPPORT D'ENTRETIEN"])
        body = [
            f"Date de l'entretien : {m.fr_date()}", f"Interprète : {m.initial_name()}", f"Demandeur : {who}",
            "Question : Comprenez-vous l'interprète ? Réponse : Oui.",
            "Question : Pourquoi avez-vous quitté votre pays ? Réponse : J'étais menacé.",
            "Le rapport a été relu au demandeur, qui l'a approuvé.",
        ]
    return [("title", title)] + [("body", x) for x in body]


def other(m, lang):
    kind = m.pick(["invoice", "rent", "school", "medical", "newsletter", "receipt", "insurance", "letter", "housing", "employer"])
    if kind == "housing":
        host, guest = m.name(), m.name()
        if lang == "fra":
            return [("title", m.pick(["Attestation d'hébergement", "Attestation de domicile"])),
                    ("body", f"Je soussigné(e) {host}, demeurant {m.street()} à {m.pick(PLACES_ABROAD)}, certifie sur l'honneur héberger {guest} à mon domicile depuis le {m.fr_date()}."),
                    ("body", m.pick(["Il ou elle participe aux frais du ménage.", "Cet hébergement est gratuit."])),
                    ("body", "Je joins une copie de ma pièce d'identité et une facture récente."), ("body", f"Fait le {m.fr_date()}.")]
        if lang == "eng":
            return [("title", "Declaration of residence"), ("body", f"I, {host}, declare that {guest} has lived at my address {m.street()} since {m.en_date()}."),
                    ("body", "I enclose a copy of my identity document and a recent utility bill."), ("body", f"Signed on {m.en_date()}.")]
        return [("title", m.pick(["Verklaring van inwoning", "Verklaring hoofdbewoner"])),
                ("body", f"Ondergetekende, {host}, hoofdbewoner van {m.street()}, {m.postcode()} {m.pick(PLACES_NL)}, verklaart dat {guest} sinds {m.nl_date()} bij hem of haar inwoont."),
                ("body", m.pick(["De inwoner betaalt een bijdrage in de kosten.", "Er wordt geen huur betaald."])),
                ("body", "Een kopie van het identiteitsbewijs van de hoofdbewoner is bijgevoegd."), ("body", f"{m.pick(PLACES_NL)}, {m.nl_date()}")]
    if kind == "employer":
        worker = m.name()
        if lang == "fra":
            return [("title", "Attestation d'emploi"), ("body", f"La société {m.pick(COMPANIES)} atteste que {worker} est employé(e) depuis le {m.fr_date()}."),
                    ("body", "Cette attestation est délivrée à la demande de l'intéressé(e)."), ("body", f"Fait le {m.fr_date()}, le directeur")]
        if lang == "eng":
            return [("title", "Employer's statement"), ("body", f"We confirm that {worker} has been employed by {m.pick(COMPANIES)} since {m.en_date()}."),
                    ("body", "This statement is issued at the employee's request."), ("body", "Human resources department")]
        return [("title", "Werkgeversverklaring"), ("body", f"Hierbij verklaren wij dat {worker} sinds {m.nl_date()} bij {m.pick(COMPANIES)} werkzaam is."),
                ("body", "Deze verklaring is afgegeven op verzoek van de werknemer."), ("body", "Afdeling personeelszaken")]
    who = m.name()
    if lang == "nld":
        if kind == "invoice":
            return [("title", f"Factuur {m.r.randint(1000, 99999)}"), ("body", f"Aan: {who}"), ("body", f"Factuurdatum: {m.nl_date()}"),
                    ("body", f"Omschrijving: {m.pick(['reparatie wasmachine', 'levering meubels', 'internetabonnement'])}"),
                    ("body", f"Totaal te betalen: € {m.money(20, 900)} binnen 30 dagen op {m.iban()}")]
        if kind == "rent":
            return [("title", "Huurovereenkomst woonruimte"), ("body", f"Verhuurder: {m.name()}"), ("body", f"Huurder: {who}"),
                    ("body", f"Het gehuurde: {m.street()}, {m.postcode()} {m.pick(PLACES_NL)}"),
                    ("body", f"De huurprijs bedraagt € {m.money(500, 1600)} per maand, te voldoen voor de eerste van de maand."),
                    ("body", f"De huurovereenkomst gaat in op {m.nl_date()} en geldt voor onbepaalde tijd.")]
        if kind == "school":
            return [("title", m.pick(["Diploma", "Schoolverklaring", "Cijferlijst"])), ("body", f"Hierbij verklaren wij dat {who}"),
                    ("body", f"in het schooljaar {m.r.randint(2018, 2025)} ingeschreven staat als leerling van {m.pick(['het Stedelijk Lyceum', 'ROC Midden', 'basisschool De Regenboog'])}."),
                    ("body", "De leerling volgt de lessen regelmatig."), ("body", f"{m.pick(PLACES_NL)}, {m.nl_date()}, de directeur")]
        if kind == "medical":
            return [("title", m.pick(["Medische verklaring", "Verwijsbrief"])), ("body", f"Patiënt: {who}"),
                    ("body", "Betrokkene is bij ons bekend en wordt behandeld voor klachten aan de rug."),
                    ("body", "Zij kan tijdelijk geen zwaar werk verrichten."), ("body", f"Huisarts {m.initial_name()}, {m.nl_date()}")]
        if kind == "newsletter":
            return [("title", m.pick(["Nieuwsbrief", "Bewonersbrief"])), ("body", "Beste buurtbewoners,"),
                    ("body", "Volgende maand begint de renovatie van het speelplein. De gemeente organiseert een inloopavond in het buurthuis."),
                    ("body", "Ook zoeken wij vrijwilligers voor de tuin en de koffieochtend op woensdag."), ("body", "Met hartelijke groet, het bewonerscomité")]
        if kind == "receipt":
            return [("title", "Ontvangstbevestiging"), ("body", f"Geachte {who},"),
                    ("body", f"Wij hebben uw brief van {m.nl_date()} in goede orde ontvangen."),
                    ("body", "U hoort binnen acht weken van ons. U hoeft nu niets te doen."), ("body", "Met vriendelijke groet, de afdeling Klantcontact")]
        if kind == "insurance":
            return [("title", "Polisblad zorgverzekering"), ("body", f"Verzekerde: {who}"), ("body", f"Polisnummer: {m.r.randint(10**7, 10**8)}"),
                    ("body", f"Ingangsdatum: {m.nl_date()}"), ("body", f"Premie per maand: € {m.money(100, 180)}"),
                    ("body", "Aanvullende verzekering: tandarts basis.")]
        return [("title", m.pick(["Brief", "Mededeling"])), ("body", f"Beste {who},"),
                ("body", "Hierbij ontvangt u de gevraagde informatie over de openingstijden van onze balie."),
                ("body", "U kunt ook een afspraak maken via onze website."), ("body", "Met vriendelijke groet,")]
    if lang == "eng":
        if kind in ("invoice", "receipt"):
            return [("title", f"Invoice {m.r.randint(1000, 99999)}"), ("body", f"Bill to: {who}"), ("body", f"Invoice date: {m.en_date()}"),
                    ("body", f"Description: {m.pick(['consultancy services', 'furniture delivery', 'translation of documents'])}"),
                    ("body", f"Amount due: EUR {m.money(20, 900)} within 30 days.")]
        if kind in ("school", "newsletter"):
            return [("title", m.pick(["School report", "Community newsletter"])), ("body", f"Dear {who},"),
                    ("body", "We are pleased to share the results of this term and the plans for the coming months."),
                    ("body", "Please contact the office if you have any questions.")]
        return [("title", m.pick(["Medical certificate", "Tenancy agreement", "Insurance policy"])), ("body", f"Name: {who}"),
                ("body", "This document confirms the arrangements described below."),
                ("body", f"Valid from {m.en_date()}."), ("body", "Signed, the administration")]
    return [("title", m.pick(["Facture", "Certificat médical", "Bail d'habitation", "Attestation de scolarité"])),
            ("body", f"Nom : {who}"), ("body", "Le présent document atteste des informations ci-dessous."),
            ("body", f"Fait le {m.fr_date()}."), ("body", "Signature")]


MAKERS = {
    "passport": passport, "id-card": id_card, "birth-certificate": birth_certificate,
    "marriage-certificate": marriage_certificate, "civil-status-declaration": civil_status,
    "employment-contract": employment_contract, "payslip": payslip, "bank-statement": bank_statement,
    "decision": decision, "notice-of-default": notice_of_default, "court-ruling": court_ruling,
    "hearing-report": hearing_report, "other": other,
}


def documents(seed=20261123, per_type=80):
    """`per_type` documents of every type: about 65% Dutch, 20% English, 15% French."""
    rng = random.Random(seed)
    m = Maker(rng)
    out = []
    for doc_type in TYPES:
        for index in range(per_type):
            lang = rng.choices(["nld", "eng", "fra"], weights=[65, 20, 15])[0]
            lines = MAKERS[doc_type](m, lang)
            out.append({"id": f"{doc_type}-{index:03d}", "type": doc_type, "language": lang, "lines": lines})
    return out


def split(docs):
    """Training and held-out parts: every fifth document of each type is held out."""
    train = [d for d in docs if int(d["id"].rsplit("-", 1)[1]) % 5 != 0]
    held_out = [d for d in docs if int(d["id"].rsplit("-", 1)[1]) % 5 == 0]
    return train, held_out


def plain_text(doc):
    return "\n".join(text for _, text in doc["lines"])
