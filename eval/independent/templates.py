"""Hand-written templates for the independent evaluation set, several layouts per type.

Each template returns a document: its true type and language, its pages as blocks for the
renderer (render.py), the identifiers a reader should find in it (kind, value, valid), and
the facts about its holder that case screening compares (birth date, civil status, salary).
The wording is written for this set and differs from the training generator's.
"""
import datetime

from facts import (EMPLOYERS, FATHERS, INTERPRETERS, LAWYERS, MOTHERS, OFFICERS, en_date, euro_en, euro_nl, fr_date, nl_date,
                   numeric_date, td1, td3)


def full(p):
    return f"{p['given']} {p['family']}"


def ident(kind, value, valid=True):
    return {"kind": kind, "value": value, "valid": valid}


def letterhead(d, org, town):
    street, postcode, _ = d.address()
    return ("letterhead", org, [f"{street}", f"{postcode} {town}", f"Telefoon 0{d.digits(2)}-{d.digits(7)}"])


# ---------------------------------------------------------------- identity documents (images)

def passport(d, p, expiry, broken=False):
    number = d.pick("ABCDEFGHJKLMNPRSTUVWXYZ") + d.pick("ABCDEFGHJKLMNPRSTUVWXYZ") + d.digits(7)
    lines = td3(p, number, expiry, break_digit=broken)
    issue = datetime.date(expiry.year - 10, expiry.month, min(expiry.day, 28))
    fields = [("Surname / Nom", p["family"].upper()), ("Given names / Prénoms", p["given"].upper()),
              ("Nationality / Nationalité", p["country_en"].upper()),
              ("Date of birth / Date de naissance", p["birth"].strftime("%d %b %Y").upper()),
              ("Sex / Sexe", p["sex"]), ("Place of birth / Lieu de naissance", p["birthplace"].upper()),
              ("Date of issue / Date de délivrance", issue.strftime("%d %b %Y").upper()),
              ("Date of expiry / Date d'expiration", expiry.strftime("%d %b %Y").upper()),
              ("Passport No. / N° du passeport", number)]
    return {"type": "passport", "lang": None, "kind": "card", "format": "td3",
            "header": [f"REPUBLIC OF {p['country_en'].upper()}", "PASSPORT / PASSEPORT"],
            "fields": fields, "mrz": lines,
            "identifiers": [ident("mrz", "\n".join(lines), not broken)],
            "facts": {"birth": p["birth"].isoformat(), "expiry": expiry.isoformat()}}


def id_card(d, p, expiry, broken=False):
    number = d.pick("ABCDEFGHJKLMNPRSTUVWXYZ") + d.digits(8)
    lines = td1(p, number, expiry, break_digit=broken)
    if p["country"] == "UKR":
        header = ["УКРАЇНА / UKRAINE", "ПОСВІДЧЕННЯ ОСОБИ / IDENTITY CARD"]
        fields = [("Прізвище / Surname", p["family"].upper()), ("Ім'я / Given names", p["given"].upper()),
                  ("Дата народження / Date of birth", numeric_date(p["birth"], ".")),
                  ("Документ № / Document No.", number), ("Дійсний до / Date of expiry", numeric_date(expiry, "."))]
    else:
        header = [f"{p['country_en'].upper()} / {p['country_fr'].upper()}", "NATIONAL IDENTITY CARD / CARTE D'IDENTITÉ"]
        fields = [("Surname / Nom", p["family"].upper()), ("Given names / Prénoms", p["given"].upper()),
                  ("Date of birth / Né(e) le", numeric_date(p["birth"], " ")),
                  ("Card No. / N° de carte", number), ("Expiry / Expiration", numeric_date(expiry, " "))]
    return {"type": "id-card", "lang": None, "kind": "card", "format": "td1", "header": header, "fields": fields,
            "mrz": lines, "identifiers": [ident("mrz", "\n".join(lines), not broken)],
            "facts": {"birth": p["birth"].isoformat(), "expiry": expiry.isoformat()}}


# ---------------------------------------------------------------- civil status

def birth_certificate(d, p, birth=None, given=None):
    birth = birth or p["birth"]
    given = given or p["given"]
    father, mother = d.pick(FATHERS), d.pick(MOTHERS)
    style = d.r.randint(0, 2)
    if style == 0:  # French civil-status act, numeric dates
        pages = [[("title", "ACTE DE NAISSANCE"), ("p", f"N° {d.r.randint(100, 2999)} / {birth.year}"),
                  ("p", f"Le {numeric_date(birth)}, à {d.r.randint(1, 23)} heures, est né(e) à {p['birthplace']} "
                        f"({p['country_fr']}) : {given} {p['family']}, de sexe {'masculin' if p['sex'] == 'M' else 'féminin'}."),
                  ("p", f"Fils/fille de {father} {p['family']}, et de {mother}, son épouse."),
                  ("p", f"Dressé le {numeric_date(birth + datetime.timedelta(days=d.r.randint(2, 20)))} sur la déclaration du père, "
                        "qui, lecture faite, a signé avec Nous, Officier de l'état civil."),
                  ("stamp", "ÉTAT CIVIL"), ("sign", "l'Officier de l'état civil")]]
        lang = "fra"
    elif style == 1:  # Dutch extract
        pages = [[("title", "Uittreksel uit het register van geboorten"),
                  ("table", [["Achternaam", p["family"]], ["Voornamen", given], ["Geslacht", "man" if p["sex"] == "M" else "vrouw"],
                             ["Geboortedatum", nl_date(birth)], ["Geboorteplaats", f"{p['birthplace']} ({p['country_nl']})"],
                             ["Vader", f"{father} {p['family']}"], ["Moeder", mother]]),
                  ("p", "Dit uittreksel is afgegeven op verzoek van de belanghebbende en vermeldt de gegevens zoals die "
                        "op de dag van afgifte in het register zijn opgenomen."),
                  ("sign", "de ambtenaar van de burgerlijke stand")]]
        lang = "nld"
    else:  # English certificate
        pages = [[("title", "CERTIFICATE OF BIRTH"),
                  ("p", f"This is to certify that the following particulars have been taken from the original record of birth "
                        f"kept at the registry office of {p['birthplace']}, {p['country_en']}."),
                  ("table", [["Name of child", f"{given} {p['family']}"], ["Date of birth", en_date(birth, 1)],
                             ["Place of birth", p["birthplace"]], ["Name of father", f"{father} {p['family']}"],
                             ["Name of mother", mother]]),
                  ("p", f"Registration number {d.digits(6)}."), ("sign", "Registrar of Births and Deaths")]]
        lang = "eng"
    return {"type": "birth-certificate", "lang": lang, "kind": "pdf", "pages": pages, "identifiers": [],
            "facts": {"birth": birth.isoformat(), "name": f"{given} {p['family']}"}}


def marriage_certificate(d, p, partner, married_on):
    style = d.r.randint(0, 1)
    if style == 0:  # sworn Dutch translation of a foreign act
        pages = [[("p", f"Beëdigde vertaling uit het {d.pick(['Arabisch', 'Amhaars', 'Perzisch', 'Turks'])}"),
                  ("title", "Akte van huwelijk"),
                  ("p", f"Op {nl_date(married_on)} zijn voor de bevoegde ambtenaar te {p['birthplace']} in het huwelijk getreden:"),
                  ("table", [["Bruidegom" if p["sex"] == "M" else "Bruid", full(p)], ["geboren op", nl_date(p["birth"])],
                             ["Bruid" if p["sex"] == "M" else "Bruidegom", full(partner)], ["geboren op", nl_date(partner["birth"])]]),
                  ("p", "Als getuigen waren aanwezig twee meerderjarige personen, wier namen in het register zijn vermeld."),
                  ("p", "Ondergetekende, beëdigd vertaler bij de rechtbank, verklaart dat deze vertaling getrouw en volledig is."),
                  ("sign", "beëdigd vertaler, nr. " + d.digits(5))]]
        lang = "nld"
    else:
        pages = [[("title", "CERTIFICATE OF MARRIAGE"),
                  ("p", f"A marriage was solemnized at {p['birthplace']}, {p['country_en']}, on {en_date(married_on)} between"),
                  ("table", [["Husband" if p["sex"] == "M" else "Wife", full(p)], ["Born", en_date(p["birth"])],
                             ["Wife" if p["sex"] == "M" else "Husband", full(partner)], ["Born", en_date(partner["birth"])]]),
                  ("p", "in the presence of the witnesses whose signatures appear in the register."),
                  ("sign", "Marriage Registrar")]]
        lang = "eng"
    return {"type": "marriage-certificate", "lang": lang, "kind": "pdf", "pages": pages, "identifiers": [],
            "facts": {"married": married_on.isoformat()}}


def civil_status_declaration(d, p, dated):
    town = d.pick(["Kharkiv", "Ankara", "Addis Abeba", "Accra", "Den Haag", "Rabat"])
    pages = [[letterhead(d, "Gemeente " + d.pick(["Almere", "Arnhem", "Tilburg"]), d.pick(["Almere", "Arnhem", "Tilburg"])),
              ("title", "Verklaring van ongehuwde staat"),
              ("p", f"Ondergetekende verklaart dat {full(p)}, geboren op {nl_date(p['birth'])} te {p['birthplace']}, "
                    "op de datum van deze verklaring niet gehuwd is en geen geregistreerd partnerschap is aangegaan."),
              ("p", "Deze verklaring is afgegeven ten behoeve van de aanvraag van een verblijfsvergunning."),
              ("p", f"{town}, {nl_date(dated)}"), ("sign", "namens de burgemeester")]]
    return {"type": "civil-status-declaration", "lang": "nld", "kind": "pdf", "pages": pages, "identifiers": [],
            "facts": {"unmarried_on": dated.isoformat()}}


# ---------------------------------------------------------------- work and money

def employment_contract(d, p, salary, hours, english=False, drop_page=None):
    employer, town = d.pick(EMPLOYERS)
    kvk = d.kvk()
    start = d.date(2025, 2026)
    if english:
        pages = [
            [letterhead(d, employer, town), ("title", "EMPLOYMENT AGREEMENT"),
             ("p", f"This agreement is made between {employer}, registered with the Chamber of Commerce under number "
                   f"{kvk} (the Employer), and {full(p)}, born {en_date(p['birth'])} (the Employee)."),
             ("p", f"1. Position. The Employee will work as {d.pick(['warehouse operator', 'software tester', 'care assistant'])} "
                   f"from {en_date(start)}."),
             ("p", f"2. Working hours. The normal working week is {hours} hours."),
             ("p", f"3. Remuneration. The Employee will receive a gross monthly salary of {euro_en(salary)}, paid by the "
                   "last working day of each month.")],
            [("p", "4. Holidays. The Employee is entitled to the statutory minimum of paid leave plus five days."),
             ("p", "5. Notice. Either party may end this agreement with one month's written notice."),
             ("p", "6. Applicable law. This agreement is governed by the laws of the Netherlands.")],
            [("p", "Signed in duplicate,"), ("table", [["for the Employer", "the Employee"], ["", ""]]),
             ("sign", full(p))]]
        lang = "eng"
    else:
        pages = [
            [letterhead(d, employer, town), ("title", "Arbeidsovereenkomst voor bepaalde tijd"),
             ("p", f"De ondergetekenden: {employer}, ingeschreven bij de Kamer van Koophandel onder nummer {kvk}, "
                   f"hierna te noemen de werkgever, en {full(p)}, geboren op {nl_date(p['birth'])}, hierna te noemen de werknemer,"),
             ("p", "komen het volgende overeen."),
             ("p", f"Artikel 1 Functie. De werknemer treedt op {nl_date(start)} in dienst in de functie van "
                   f"{d.pick(['orderpicker', 'zorgmedewerker', 'monteur', 'receptionist'])}."),
             ("p", f"Artikel 2 Arbeidsduur. De arbeidsduur bedraagt {hours} uur per week.")],
            [("p", f"Artikel 3 Salaris. Het bruto maandsalaris bedraagt {euro_nl(salary)} bij een volledige werkweek van "
                   f"{hours} uur, te vermeerderen met 8% vakantiebijslag."),
             ("p", "Artikel 4 Proeftijd. Er geldt een proeftijd van één maand."),
             ("p", "Artikel 5 Cao. Op deze overeenkomst is de toepasselijke collectieve arbeidsovereenkomst van toepassing.")],
            [("p", "Artikel 6 Opzegging. Opzegging geschiedt schriftelijk met inachtneming van de wettelijke termijn."),
             ("p", f"Aldus opgemaakt in tweevoud te {town}."), ("table", [["De werkgever", "De werknemer"], ["", ""]]),
             ("sign", full(p))]]
        lang = "nld"
    identifiers = [ident("kvk", kvk)]
    shown = len(pages)
    if drop_page:
        pages = [page for n, page in enumerate(pages, start=1) if n != drop_page]
    facts = {"hours": hours}
    if drop_page != 2 or english:
        facts["salary"] = salary
    return {"type": "employment-contract", "lang": lang, "kind": "pdf", "pages": pages, "identifiers": identifiers,
            "facts": facts, "page_numbers": shown, "dropped": drop_page,
            "footer": "Page {n} of {total}" if english else "Pagina {n} van {total}"}


def payslip(d, p, salary, hours, bsn, iban):
    employer, town = d.pick(EMPLOYERS)
    month = d.pick(["september", "oktober", "november"])
    tax = round(salary * 0.18, 2)
    net = round(salary - tax - salary * 0.04, 2)
    pages = [[("letterhead", employer, [town]), ("title", f"Salarisspecificatie {month} 2026"),
              ("table", [["Medewerker", full(p)], ["Burgerservicenummer", bsn], ["Uren per week", str(hours)],
                         ["Periode", f"{month} 2026"]]),
              ("table", [["Omschrijving", "Bedrag"], ["Bruto salaris", euro_nl(salary)], ["Loonheffing", euro_nl(tax)],
                         ["Pensioenpremie", euro_nl(round(salary * 0.04, 2))], ["Netto uit te betalen", euro_nl(net)]]),
              ("p", f"Het nettobedrag wordt overgemaakt naar rekening {iban}.")]]
    return {"type": "payslip", "lang": "nld", "kind": "pdf", "pages": pages,
            "identifiers": [ident("bsn", bsn, valid_bsn(bsn)), ident("iban", iban, valid_iban(iban))],
            "facts": {"salary": salary, "hours": hours}}


def bank_statement(d, p, iban, bank):
    number = d.r.randint(10, 120)
    rows = [["Datum", "Omschrijving", "Bij", "Af"]]
    balance = d.r.randint(200, 3000)
    for day in sorted(d.r.sample(range(1, 28), 5)):
        amount = round(d.r.uniform(8, 900), 2)
        rows.append([f"{day:02d}-10-2026", d.pick(["Albert Heijn", "Huur oktober", "NS Reizigers", "Salaris", "Zorgverzekering",
                                                    "Gemeente belastingen"]),
                     euro_nl(amount) if d.r.random() < 0.3 else "", "" if d.r.random() < 0.3 else euro_nl(amount)])
    pages = [[("letterhead", bank, ["Postbus " + d.digits(4)]), ("title", "Rekeningoverzicht"),
              # The account and the statement number run together, as some banks print them.
              ("p", f"Rekeninghouder {full(p)}   Rekening/volgnummer {iban}{number:03d}"),
              ("p", f"Periode 1 oktober 2026 t/m 31 oktober 2026, beginsaldo {euro_nl(balance)}"), ("table", rows)]]
    return {"type": "bank-statement", "lang": "nld", "kind": "pdf", "pages": pages,
            "identifiers": [ident("iban", iban, valid_iban(iban))], "facts": {}}


# ---------------------------------------------------------------- procedure documents

def hearing_report(d, p, vnumber, first=True):
    officer, language = d.pick(OFFICERS), d.pick(INTERPRETERS)
    when = d.date(2026, 2026)
    title = "Rapport van aanmeldgehoor" if first else "Rapport van nader gehoor"
    qa = [("Wat is uw volledige naam?", f"Mijn naam is {full(p)}."),
          ("Wanneer en waar bent u geboren?", f"Ik ben geboren op {nl_date(p['birth'])} in {p['birthplace']}."),
          ("Welke documenten heeft u bij u?", "Ik heb mijn paspoort en een kopie van mijn geboorteakte."),
          ("Hoe bent u naar Nederland gekomen?", "Ik ben met een vrachtwagen via Bulgarije en Oostenrijk gereisd."),
          ("Wanneer heeft u uw land verlaten?", "Dat was in het voorjaar, ongeveer acht maanden geleden."),
          ("Waarom heeft u uw land verlaten?", "Ik werd bedreigd nadat ik had geweigerd voor de militie te werken."),
          ("Heeft u hier familie?", "Nee, mijn broer woont in Duitsland."),
          ("Heeft u de tolk goed begrepen?", "Ja, ik heb alles goed begrepen.")]
    if not first:
        qa = qa[3:] + [("Wat zou er gebeuren als u terugkeert?", "Ik ben bang dat ik word opgepakt.")]
    blocks = [("title", title), ("table", [["V-nummer", vnumber], ["Datum", numeric_date(when)],
                                          ["Gehoord door", officer], ["Tolk", f"{d.pick(OFFICERS)}, taal {language[0]}"]]),
              ("p", "De vreemdeling is gewezen op het belang van het afleggen van ware en volledige verklaringen.")]
    for n, (q, a) in enumerate(qa, start=1):
        blocks.append(("qa", n, q, a))
    blocks.append(("p", "Het verslag is in een voor de vreemdeling begrijpelijke taal voorgelezen. De vreemdeling heeft het verslag ondertekend."))
    pages = [blocks[:8], blocks[8:]]
    return {"type": "hearing-report", "lang": "nld", "kind": "pdf", "pages": pages,
            "identifiers": [ident("v-number", vnumber)], "facts": {}}


def notice_of_default(d, p, vnumber, dated):
    lawyer = d.pick(LAWYERS)
    street, postcode, town = d.address()
    pages = [[letterhead(d, f"Advocatenkantoor {lawyer.split()[-1]}", town),
              ("p", "Immigratie- en Naturalisatiedienst"), ("p", "Postbus 287"), ("p", "7600 AG Almelo"),
              ("p", f"{town}, {nl_date(dated)}"), ("p", f"Betreft: {full(p)}, V-nummer {vnumber}"),
              ("title", "Ingebrekestelling"),
              ("p", f"Namens cliënt, wonende aan de {street}, {postcode} {town}, stel ik u hierbij in gebreke wegens het "
                    "niet tijdig nemen van een beslissing op de aanvraag. De wettelijke beslistermijn is verstreken."),
              ("p", "Ik verzoek u alsnog binnen twee weken na dagtekening van deze brief te beslissen. Doet u dat niet, dan "
                    "stel ik beroep in en verbeurt u een dwangsom."),
              ("sign", lawyer)]]
    return {"type": "notice-of-default", "lang": "nld", "kind": "pdf", "pages": pages,
            "identifiers": [ident("v-number", vnumber), ident("postcode", postcode)], "facts": {}}


def decision(d, p, vnumber):
    dated = d.date(2026, 2026)
    street, postcode, town = d.address()
    pages = [[("letterhead", "Immigratie- en Naturalisatiedienst", ["Ministerie van Asiel en Migratie"]),
              ("p", full(p)), ("p", street), ("p", f"{postcode} {town}"),
              ("p", f"Datum {nl_date(dated)}"), ("p", f"Onderwerp Besluit op uw aanvraag, V-nummer {vnumber}"),
              ("p", "Geachte heer/mevrouw,"),
              ("p", "U heeft een aanvraag ingediend voor een verblijfsvergunning regulier bepaalde tijd. In deze brief leest u "
                    "ons besluit en waarom wij zo hebben besloten."),
              ("title", "Besluit"),
              ("p", "Wij willigen uw aanvraag in. De vergunning is geldig voor vijf jaar."),
              ("p", "Bent u het niet eens met dit besluit? Dan kunt u binnen vier weken bezwaar maken."),
              ("sign", "de staatssecretaris, namens deze")]]
    return {"type": "decision", "lang": "nld", "kind": "pdf", "pages": pages,
            "identifiers": [ident("v-number", vnumber), ident("postcode", postcode)], "facts": {}}


def court_ruling(d, p, vnumber):
    year = 2026
    code = d.pick(["RBDHA", "RBAMS", "RBGEL", "RBOBR"])
    ecli = f"ECLI:NL:{code}:{year}:{d.r.randint(1000, 29999)}"
    pages = [[("p", ecli), ("title", "Uitspraak van de enkelvoudige kamer"),
              ("p", f"in de zaak tussen {full(p)}, V-nummer {vnumber}, eiser, en de minister van Asiel en Migratie, verweerder."),
              ("p", "Procesverloop. Verweerder heeft de aanvraag afgewezen. Eiser heeft daartegen beroep ingesteld."),
              ("p", "Overwegingen. De rechtbank stelt vast dat verweerder onvoldoende heeft gemotiveerd waarom de verklaringen "
                    "van eiser over zijn reisroute niet geloofwaardig zijn."),
              ("p", "Beslissing. De rechtbank verklaart het beroep gegrond en vernietigt het bestreden besluit."),
              ("sign", "de griffier")]]
    return {"type": "court-ruling", "lang": "nld", "kind": "pdf", "pages": pages,
            "identifiers": [ident("ecli", ecli), ident("v-number", vnumber)], "facts": {}}


def other_letter(d, p):
    style = d.r.randint(0, 1)
    if style == 0:
        school = d.pick(["Basisschool De Regenboog", "Het Stedelijk Lyceum", "ROC Midden"])
        pages = [[letterhead(d, school, d.pick(["Almere", "Arnhem"])), ("title", "Schoolverklaring"),
                  ("p", f"Hierbij verklaren wij dat {full(p)} sinds augustus 2025 als leerling bij onze school staat ingeschreven "
                        "en de lessen regelmatig volgt."),
                  ("p", "Deze verklaring is op verzoek afgegeven."), ("sign", "de directeur")]]
    else:
        pages = [[("columns", ["Nieuws van de huurdersvereniging. De renovatie van de flats aan de noordkant begint in maart. "
                               "Bewoners krijgen een brief met de planning per portiek.",
                               "De jaarvergadering is verschoven naar de tweede dinsdag van februari. Iedereen is welkom in "
                               "het buurthuis, de koffie staat om half acht klaar."])]]
    return {"type": "other", "lang": "nld", "kind": "pdf", "pages": pages, "identifiers": [], "facts": {}}


def greek_letter(d, p):
    pages = [[("title", "ΒΕΒΑΙΩΣΗ"),
              ("p", f"Βεβαιώνεται ότι ο/η {full(p)} εργάστηκε στην επιχείρησή μας από τον Μάρτιο έως τον Σεπτέμβριο ως "
                    "βοηθός κουζίνας, με πλήρη απασχόληση."),
              ("p", "Η παρούσα χορηγείται ύστερα από αίτηση του ενδιαφερομένου για κάθε νόμιμη χρήση."),
              ("sign", "Ο διευθυντής")]]
    return {"type": "other", "lang": "ell", "kind": "pdf", "pages": pages, "identifiers": [], "facts": {},
            "unreadable": True}


def valid_bsn(number):
    from facts import elfproef_ok
    return elfproef_ok(number)


def valid_iban(iban):
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(digits) % 97 == 1
