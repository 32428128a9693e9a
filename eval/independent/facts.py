"""Persons, numbers and dates for the independent evaluation set, drawn afresh.

Nothing here is shared with the training generator (scripts/models/doctype_corpus.py): other
name lists, other places, other employers, numbers made with their own check digits.
"""
import datetime

GIVEN = ["Rohan", "Olena", "Mehmet", "Aisha", "Tigist", "Samir", "Lina", "Dawit", "Irina", "Kwame", "Noor",
         "Bilal", "Hiwet", "Ana", "Yonas", "Marta", "Farid", "Selam", "Tariq", "Nadia", "Oksana", "Emre"]
FAMILY = ["Kumar", "Yılmaz", "Bondarenko", "Tesfaye", "Haidari", "Mensah", "Rahimi", "Okonkwo", "Petrenko",
          "Demir", "Gebremedhin", "Nasser", "Silva", "Horvat", "Abebe", "Karimi", "Shevchenko", "Osei"]
# Spellings the same person's name takes in documents from different countries.
VARIANTS = {"Mohammed": "Mohamed", "Yılmaz": "Yilmaz", "Olena": "Elena", "Oksana": "Oxana", "Tariq": "Tarek",
            "Farid": "Fareed", "Aisha": "Aicha", "Nadia": "Nadiya", "Petrenko": "Petrenco", "Karimi": "Karime"}
COUNTRIES = [  # (ICAO code, English, French, Dutch, a city)
    ("IND", "India", "Inde", "India", "Pune"), ("UKR", "Ukraine", "Ukraine", "Oekraïne", "Kharkiv"),
    ("TUR", "Turkey", "Turquie", "Turkije", "Izmir"), ("ETH", "Ethiopia", "Éthiopie", "Ethiopië", "Gondar"),
    ("AFG", "Afghanistan", "Afghanistan", "Afghanistan", "Herat"), ("GHA", "Ghana", "Ghana", "Ghana", "Kumasi"),
    ("IRN", "Iran", "Iran", "Iran", "Tabriz"), ("NGA", "Nigeria", "Nigéria", "Nigeria", "Ibadan"),
    ("MAR", "Morocco", "Maroc", "Marokko", "Fès"), ("SYR", "Syria", "Syrie", "Syrië", "Homs"),
    ("SEN", "Senegal", "Sénégal", "Senegal", "Thiès"), ("BRA", "Brazil", "Brésil", "Brazilië", "Recife"),
]
TOWNS_NL = ["Almere", "Leeuwarden", "Arnhem", "Tilburg", "Haarlem", "Maastricht", "Emmen", "Delft", "Assen", "Venlo"]
STREETS_NL = ["Kastanjelaan", "Molenstraat", "Prinsengracht", "Vondelweg", "Stationsplein", "Dorpsstraat",
              "Beukenhof", "Havenkade", "Schoolstraat", "Lindenlaan"]
EMPLOYERS = [("Groenteveiling Westland B.V.", "Naaldwijk"), ("Zorggroep De Linde", "Apeldoorn"),
             ("Logistiek Centrum Moerdijk B.V.", "Moerdijk"), ("Hotel De Gouden Leeuw", "Deventer"),
             ("Installatiebedrijf Van Rijn & Zn.", "Gouda"), ("Brightline Software B.V.", "Eindhoven")]
BANKS = [("ABNA", "ABN AMRO Bank N.V."), ("INGB", "ING Bank N.V."), ("RABO", "Coöperatieve Rabobank U.A."),
         ("TRIO", "Triodos Bank N.V."), ("SNSB", "de Volksbank N.V.")]
# Parents named on birth certificates (father's given name with the child's family name).
FATHERS = ["Suresh", "Taras", "Hasan", "Girma", "Ahmad", "Kofi"]
MOTHERS = ["Priya", "Halyna", "Ayşe", "Almaz", "Zahra", "Ama"]
OFFICERS = ["J. van der Meulen", "P. Oosterhuis", "K. Wijnberg", "M. el Idrissi", "R. Hoekstra", "S. de Graaf"]
LAWYERS = ["mr. T. Brouwer", "mr. F. Amrani", "mr. H.J. Kooistra", "mr. C. Nieuwenhuis", "mr. D. Sahin"]
INTERPRETERS = [("Amhaars", "Amharic"), ("Oekraïens", "Ukrainian"), ("Turks", "Turkish"), ("Dari", "Dari"),
                ("Twi", "Twi"), ("Farsi", "Farsi"), ("Hindi", "Hindi"), ("Arabisch", "Arabic")]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


def icao_digit(text):
    total = 0
    for i, ch in enumerate(text):
        value = 0 if ch == "<" else int(ch) if ch.isdigit() else ord(ch) - 55
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def mod97_iban(country, bban):
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def elfproef_ok(number):
    return sum(int(d) * w for d, w in zip(number, [9, 8, 7, 6, 5, 4, 3, 2, -1])) % 11 == 0


def ascii_upper(text):
    """A name as the MRZ writes it (ICAO transliteration of the letters that occur here)."""
    table = {"ı": "I", "İ": "I", "ş": "S", "ç": "C", "ğ": "G", "ö": "O", "ü": "U", "é": "E", "è": "E", "ë": "E",
             "ï": "I", "à": "A", "â": "A", "ô": "O", "ñ": "N"}
    return "".join(table.get(c, c) for c in text).upper().replace("-", "<").replace(" ", "<").replace("'", "")


class Draw:
    """All randomness for one case comes through here, so a seed fixes the set."""

    def __init__(self, rng):
        self.r = rng

    def pick(self, items):
        return self.r.choice(items)

    def digits(self, n):
        return "".join(str(self.r.randint(0, 9)) for _ in range(n))

    def date(self, start_year, end_year):
        start = datetime.date(start_year, 1, 1).toordinal()
        end = datetime.date(end_year, 12, 28).toordinal()
        return datetime.date.fromordinal(self.r.randint(start, end))

    def bsn(self, valid=True):
        while True:
            number = str(self.r.randint(1, 9)) + self.digits(8)
            if elfproef_ok(number) == valid:
                return number

    def iban(self, valid=True):
        code, bank = self.pick(BANKS)
        iban = mod97_iban("NL", code + self.digits(10))
        if not valid:
            last = int(iban[-1])
            iban = iban[:-1] + str((last + self.r.randint(1, 8)) % 10)
        return iban, bank

    def vnumber(self):
        return str(self.r.randint(1, 9)) + self.digits(9)

    def kvk(self):
        return str(self.r.randint(1, 9)) + self.digits(7)

    def postcode(self):
        letters = "ABCEGHJKLMNPRTVWXZ"
        return f"{self.r.randint(1000, 9999)} {self.pick(letters)}{self.pick(letters)}"

    def address(self):
        return f"{self.pick(STREETS_NL)} {self.r.randint(1, 180)}", self.postcode(), self.pick(TOWNS_NL)

    def person(self):
        code, en, fr, nl, city = self.pick(COUNTRIES)
        given, family = self.pick(GIVEN), self.pick(FAMILY)
        return {"given": given, "family": family, "birth": self.date(1968, 2003), "sex": self.pick("MF"),
                "country": code, "country_en": en, "country_fr": fr, "country_nl": nl, "birthplace": city}


def nl_date(d):
    return f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}"


def en_date(d, style=0):
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}" if style == 0 else f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def fr_date(d):
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS_FR[d.month - 1]} {d.year}"


def numeric_date(d, sep="-"):
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def euro_nl(amount):
    whole, cents = divmod(round(amount * 100), 100)
    return f"€ {whole:,}".replace(",", ".") + f",{cents:02d}"


def euro_en(amount):
    return f"EUR {amount:,.2f}"


def td3(person, number, expiry, issuer=None, break_digit=False):
    """The two lines of a passport's MRZ."""
    issuer = issuer or person["country"]
    names = ascii_upper(person["family"]) + "<<" + ascii_upper(person["given"])
    line1 = ("P<" + issuer + names + "<" * 44)[:44]
    birth = person["birth"].strftime("%y%m%d")
    exp = expiry.strftime("%y%m%d")
    number_digit = icao_digit(number)
    if break_digit:
        number_digit = str((int(number_digit) + 4) % 10)
    line2 = number + number_digit + person["country"] + birth + icao_digit(birth) + person["sex"] + exp + icao_digit(exp)
    line2 += "<" * 14 + icao_digit("<" * 14)
    line2 += icao_digit(line2[0:10] + line2[13:20] + line2[21:43])
    return [line1, line2]


def td1(person, number, expiry, issuer=None, break_digit=False):
    """The three lines of an identity card's MRZ."""
    issuer = issuer or person["country"]
    number_digit = icao_digit(number)
    if break_digit:
        number_digit = str((int(number_digit) + 4) % 10)
    line1 = ("I<" + issuer + number + number_digit + "<" * 30)[:30]
    birth = person["birth"].strftime("%y%m%d")
    exp = expiry.strftime("%y%m%d")
    line2 = birth + icao_digit(birth) + person["sex"] + exp + icao_digit(exp) + person["country"] + "<" * 11
    line2 += icao_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    names = ascii_upper(person["family"]) + "<<" + ascii_upper(person["given"])
    line3 = (names + "<" * 30)[:30]
    return [line1, line2, line3]
